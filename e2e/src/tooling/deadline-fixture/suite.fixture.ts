import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { expect, it } from 'vitest';

it('passes', () => {
  expect(1 + 1).toBe(2);
});

it('fails', () => {
  expect(1 + 1).toBe(3);
});

/**
 * Makes what a test makes (a process, a database and Redis keys of its own, named by
 * FIXTURE_DATA_NAME) and never ends, so never cleans up.
 */
it('hangs', async () => {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  const pidFile = process.env.FIXTURE_CHILD_PID_FILE;
  if (pidFile) writeFileSync(pidFile, String(child.pid));
  const name = process.env.FIXTURE_DATA_NAME;
  if (name) {
    const client = new pg.Client({
      connectionString: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    await client.end();
    const redis = new Redis('redis://127.0.0.1:6379');
    await redis.set(`${name}:bull:steps:1`, 'x');
    redis.disconnect();
  }
  await new Promise(() => undefined);
});
