import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedDir = join(repoRoot, '..', 'shared');

const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = 'redis://127.0.0.1:6379';

export interface RunningSwitchyard {
  url: string;
  /** The server's process id (for memory readings in benchmarks). */
  pid: number;
  apiKey: string;
  databaseUrl: string;
  redisPrefix: string;
  /** Everything the server printed, for assertions and for debugging a failure. */
  output: () => string;
  /** A pg pool on the test's database, for checks the API does not expose. */
  db: pg.Pool;
  /** Sends SIGTERM and resolves when the process has exited (data is kept until stop). */
  terminate: () => Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  stop: () => Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Keep the database and Redis keys after stop (for a restart in the same test). */
  keepData?: boolean;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Starts the built server (server/dist/main.js) as a child process with its own database
 * and Redis prefix, waits until /health/ready answers, and tears everything down on stop.
 */
export async function startSwitchyard(options: StartOptions = {}): Promise<RunningSwitchyard> {
  const id = randomBytes(5).toString('hex');
  const database = `sy_test_${id}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  const redisPrefix = `sy_test_${id}`;
  const apiKey = `sk_test_${randomBytes(12).toString('hex')}`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'server/dist/main.js')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      BOOTSTRAP_API_KEY: apiKey,
      SEED_DEMO: 'false',
      SEGMENT_REFRESH_SECONDS: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = once(child, 'exit');
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start:\n${log}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    pid: child.pid ?? -1,
    apiKey,
    databaseUrl,
    redisPrefix,
    db,
    output: () => log,
    terminate: async () => {
      const started = Date.now();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      return { code: child.exitCode, signal: child.signalCode, ms: Date.now() - started };
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await db.end();
      if (!options.keepData) await dropTestData(database, redisPrefix);
    },
  };
}

export async function dropTestData(database: string, redisPrefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
