import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('passes', () => {
  expect(1 + 1).toBe(2);
});

it('fails', () => {
  expect(1 + 1).toBe(3);
});

/** Starts a process of its own (as a test starts a server) and never ends. */
it('hangs', async () => {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  const pidFile = process.env.FIXTURE_CHILD_PID_FILE;
  if (pidFile) writeFileSync(pidFile, String(child.pid));
  await new Promise(() => undefined);
});
