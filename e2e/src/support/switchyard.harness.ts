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

/** The Postgres and Redis every test shares unless it brings its own. */
export const SHARED_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The built server. SWITCHYARD_SERVER_ENTRY points the harness at another build (for
 * instance a known-good one while the tree does not compile).
 */
export const serverEntry =
  process.env.SWITCHYARD_SERVER_ENTRY ?? join(repoRoot, 'server/dist/main.js');

/** The line the server prints once it has booted (after listening and starting workers). */
const BOOT_BANNER = 'Switchyard is running';

export interface RunningSwitchyard {
  url: string;
  /** The server's process id (for memory readings in benchmarks). */
  pid: number;
  apiKey: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** ROLE as passed to the process ('all' unless told otherwise). */
  role: string;
  /** The env overrides the process was started with (inherited by attached processes). */
  env: Readonly<Record<string, string>>;
  /** Everything the server printed, for assertions and for debugging a failure. */
  output: () => string;
  /** Whether the process is still running. */
  running: () => boolean;
  /** A pg pool on the test's database, for checks the API does not expose. */
  db: pg.Pool;
  /** Sends SIGTERM and resolves when the process has exited (data is kept until stop). */
  terminate: () => Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** kill -9: no shutdown hooks run. Resolves when the process is gone (data is kept). */
  kill9: () => Promise<void>;
  /** Stops the process; drops the database and Redis keys if this process owns them. */
  stop: () => Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Keep the database and Redis keys after stop (for a restart in the same test). */
  keepData?: boolean;
  /**
   * The database to use; the server creates it when missing. Default: a fresh
   * `sy_test_<id>` database on the shared Postgres. Dropped on stop unless keepData.
   */
  databaseUrl?: string;
  /** Default: the shared Redis. The process's keys are dropped on stop unless keepData. */
  redisUrl?: string;
  /** REDIS_PREFIX (default `sy_test_<id>`), e.g. with a Redis Cluster hash tag `{...}`. */
  redisPrefix?: string;
  /** ROLE: all (default) or a comma list of api, worker, sender. */
  role?: string;
  /**
   * Start another process of the same installation: the database, Redis, prefix, API
   * key and env of `attachTo` (own `env` entries win). Creates no data and never drops
   * any: `stop` only stops the process; the first process owns the cleanup.
   */
  attachTo?: RunningSwitchyard;
  /** How long to wait for the process to boot (default 60 s). */
  readyTimeoutMs?: number;
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
 * and Redis prefix, waits until it has booted, and tears everything down on stop.
 * A process whose role includes api is ready when /health/ready answers; one without
 * HTTP when it prints its start banner.
 */
export async function startSwitchyard(options: StartOptions = {}): Promise<RunningSwitchyard> {
  const id = randomBytes(5).toString('hex');
  const first = options.attachTo;
  const databaseUrl =
    first?.databaseUrl ?? options.databaseUrl ?? `${SHARED_POSTGRES_URL}/sy_test_${id}`;
  const redisUrl = first?.redisUrl ?? options.redisUrl ?? SHARED_REDIS_URL;
  const redisPrefix = first?.redisPrefix ?? options.redisPrefix ?? `sy_test_${id}`;
  const apiKey = first?.apiKey ?? `sk_test_${randomBytes(12).toString('hex')}`;
  // Each process has its own role: an attached one does not inherit the first's.
  const { ROLE: _inheritedRole, ...inherited } = first?.env ?? {};
  const env: Record<string, string> = { ...inherited, ...options.env };
  const role = options.role ?? env.ROLE ?? 'all';
  const ownsData = !first && !options.keepData;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      BOOTSTRAP_API_KEY: apiKey,
      SEED_DEMO: 'false',
      SEGMENT_REFRESH_SECONDS: '0',
      LOG_LEVEL: 'warn',
      ...env,
      ROLE: role,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = once(child, 'exit');
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // An idle client loses its connection when Postgres restarts: not fatal for the test.
  db.on('error', () => undefined);
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const kill = async (signal: NodeJS.Signals) => {
    if (!gone()) {
      child.kill(signal);
      await exited;
    }
  };

  try {
    await waitUntilBooted(url, servesHttp(role), () => log, gone, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await kill('SIGKILL');
    await db.end().catch(() => undefined);
    if (ownsData) await dropTestData(databaseUrl, redisPrefix, redisUrl).catch(() => undefined);
    throw error;
  }

  return {
    url,
    pid: child.pid ?? -1,
    apiKey,
    databaseUrl,
    redisUrl,
    redisPrefix,
    role,
    env,
    db,
    output: () => log,
    running: () => !gone(),
    terminate: async () => {
      const started = Date.now();
      await kill('SIGTERM');
      return { code: child.exitCode, signal: child.signalCode, ms: Date.now() - started };
    },
    kill9: () => kill('SIGKILL'),
    stop: async () => {
      if (!gone()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await db.end();
      if (ownsData) await dropTestData(databaseUrl, redisPrefix, redisUrl);
    },
  };
}

function servesHttp(role: string): boolean {
  return role.split(',').some((r) => r.trim() === 'all' || r.trim() === 'api');
}

async function waitUntilBooted(
  url: string,
  http: boolean,
  output: () => string,
  gone: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone()) throw new Error(`server exited during start:\n${output()}`);
    if (!http && output().includes(BOOT_BANNER)) return;
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet (or not an api process)
    }
    if (Date.now() > deadline)
      throw new Error(`server not ready after ${timeoutMs / 1000} s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs `work` on a connection to the `postgres` maintenance database of the server that
 * `serverUrl` names (with or without a database: create, drop).
 */
export async function onAdminConnection<T>(
  serverUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Drops the test's database (via the same server's `postgres` database) and Redis keys. */
export async function dropTestData(
  databaseUrl: string,
  redisPrefix: string,
  redisUrl = SHARED_REDIS_URL,
): Promise<void> {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  await onAdminConnection(databaseUrl, (admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`),
  );
  const redis = new Redis(redisUrl);
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
