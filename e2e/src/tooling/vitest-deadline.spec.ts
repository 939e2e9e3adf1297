import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, waitFor } from '../support/switchyard.harness.js';

/**
 * `npm test` runs vitest with a deadline (scripts/vitest-deadline.mjs): a run that hangs is
 * stopped, what ended is still counted, the tests still running are named, and the
 * processes they started go with it. Run here on the fixtures in deadline-fixture/.
 */
interface Progress {
  passed: number;
  failed: number;
  skipped: number;
  running: string[];
}
interface TestData {
  databases: Set<string>;
  keys: Set<string>;
}
interface LeftoversModule {
  listTestData(prefix?: string): Promise<TestData>;
  removeTestDataSince(
    before: TestData,
    prefix?: string,
  ): Promise<{ databases: string[]; keys: string[] }>;
}
interface DeadlineModule {
  runVitest(options: {
    args: string[];
    cwd: string;
    env: NodeJS.ProcessEnv;
    deadlineMs: number;
    progressFile: string;
    graceMs?: number;
  }): Promise<{ status: number; timedOut: boolean; progress: Progress }>;
}

const fixture = join(import.meta.dirname, 'deadline-fixture');
const dir = mkdtempSync(join(tmpdir(), 'sy-deadline-'));
const childPidFile = join(dir, 'child.pid');
/** The hanging test's database and Redis prefix: only names like it are listed and removed. */
const dataPrefix = 'sy_deadline_fixture_';
const dataName = `${dataPrefix}${process.pid}_${Date.now()}`;
/** The outer run's own vitest settings stay out of the inner run. */
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
  NODE_OPTIONS: `--require ${join(repoRoot, 'scripts', 'node20-polyfills.cjs')}`,
  FIXTURE_CHILD_PID_FILE: childPidFile,
  FIXTURE_DATA_NAME: dataName,
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm test’s deadline', () => {
  const deadline = async () =>
    (await import(join(repoRoot, 'scripts', 'vitest-deadline.mjs'))) as DeadlineModule;
  const leftovers = async () =>
    (await import(join(repoRoot, 'scripts', 'test-leftovers.mjs'))) as LeftoversModule;
  const run = async (filters: string[], deadlineMs: number) =>
    (await deadline()).runVitest({
      args: ['run', '--config', join(fixture, 'vitest.config.mjs'), ...filters],
      cwd: fixture,
      env,
      deadlineMs,
      progressFile: join(dir, 'progress.jsonl'),
      graceMs: 2_000,
    });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    // Whatever an assertion above left standing: the fixture's database and keys.
    const { listTestData, removeTestDataSince } = await leftovers();
    await removeTestDataSince({ databases: new Set(), keys: new Set() }, dataName);
    expect(await listTestData(dataName)).toEqual({ databases: new Set(), keys: new Set() });
  });

  it('stops a hanging run at its deadline, counts what ended and names what was running', async () => {
    const { listTestData, removeTestDataSince } = await leftovers();
    const before = await listTestData(dataPrefix);
    const started = Date.now();
    const result = await run([], 20_000);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(result.timedOut).toBe(true);
    expect(result.progress).toEqual({
      passed: 1,
      failed: 1,
      skipped: 0,
      running: ['suite.fixture.ts > hangs'],
    });
    // The process the hanging test started was stopped with it.
    expect(existsSync(childPidFile)).toBe(true);
    const pid = Number(readFileSync(childPidFile, 'utf8'));
    await waitFor(async () => (alive(pid) ? undefined : true), 10_000);
    // Its database and Redis keys were left; npm test removes them after a stopped run,
    // and only what is new since the run began.
    const left = await listTestData(dataPrefix);
    expect([left.databases.has(dataName), left.keys.has(dataName)]).toEqual([true, true]);
    expect(await removeTestDataSince(before, dataPrefix)).toEqual({
      databases: [dataName],
      keys: [dataName],
    });
    expect(await listTestData(dataPrefix)).toEqual(before);
  });

  it('lets a run that ends in time end on its own, with its own status', async () => {
    const result = await run(['--testNamePattern', '^(passes|fails)$'], 60_000);
    expect(result).toMatchObject({
      status: 1,
      timedOut: false,
      progress: { passed: 1, failed: 1, skipped: 1, running: [] },
    });
  });
});
