// Runs vitest with a deadline: a run that hangs (or crawls) is stopped, and what it did
// by then is still counted, so `npm test` always ends with its "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const REPORTER = join(import.meta.dirname, 'test-progress.reporter.mjs');

/**
 * Counts a progress file of test-progress.reporter.mjs: the tests that passed, failed
 * or were skipped, and the names of those that started and did not end.
 */
export function readProgress(file) {
  const started = new Map();
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (!line) continue;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // the last line, cut short when the run was stopped
    }
    if (entry.started) started.set(entry.id, entry.started);
    else if (entry.state) {
      started.delete(entry.id);
      if (entry.state in counts) counts[entry.state]++;
    }
  }
  return { ...counts, running: [...started.values()] };
}

/**
 * `npx vitest <args>` in its own process group, stopped (SIGTERM, then SIGKILL after
 * `graceMs`) when it outlives `deadlineMs`. Ctrl-C reaches it. Resolves with its exit
 * status, whether the deadline stopped it, and its progress as readProgress counts it.
 */
export function runVitest({ args, cwd, env, deadlineMs, progressFile, graceMs = 10_000 }) {
  rmSync(progressFile, { force: true });
  const child = spawn('npx', ['vitest', ...args, `--reporter=${REPORTER}`], {
    cwd,
    stdio: 'inherit',
    env: { ...env, TEST_PROGRESS_FILE: progressFile },
    detached: true,
  });
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  const forward = () => signal('SIGINT');
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    signal('SIGTERM');
    setTimeout(() => signal('SIGKILL'), graceMs).unref();
  }, deadlineMs);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      // Whatever the group still holds (a server a test started) goes with it.
      if (timedOut) signal('SIGKILL');
      resolve({ status: code ?? 1, timedOut, progress: readProgress(progressFile) });
    });
  });
}
