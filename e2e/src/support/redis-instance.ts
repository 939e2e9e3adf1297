import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './switchyard.harness.js';

export interface RedisInstance {
  url: string;
  port: number;
  /** FLUSHALL: every key of this instance is gone (queues, delayed jobs, schedulers). */
  flushAll: () => Promise<void>;
  /** Number of keys in the instance (DBSIZE). */
  size: () => Promise<number>;
  /** Stops the server (SIGTERM; no persistence, so its keys are gone): clients get refused. */
  stopServer: () => Promise<void>;
  /** Starts an empty server again on the same port; resolves once it answers PING. */
  startAgain: () => Promise<void>;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * A private redis-server on a free port, without persistence, so a test can flush or
 * break it without touching the Redis other tests share.
 */
export async function startRedis(): Promise<RedisInstance> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'sy-redis-'));
  let log = '';
  const launch = () => {
    const server: ChildProcess = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exit = once(server, 'exit');
    exit.catch(() => undefined); // a spawn failure is reported by spawnError
    const failed = new Promise<never>((_, reject) =>
      server.once('error', (error) =>
        reject(new Error(`cannot run redis-server (is it installed?): ${error.message}`)),
      ),
    );
    failed.catch(() => undefined);
    server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    return { process: server, exit, failed };
  };
  let current = launch();
  let child = current.process;
  let exited = current.exit;
  let spawnError = current.failed;
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const url = `redis://127.0.0.1:${port}`;

  // If the test process exits without running afterAll, do not leave the server behind.
  const onExit = () => {
    if (!gone()) child.kill('SIGKILL');
  };
  process.once('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    if (!gone() && child.pid !== undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited.catch(() => undefined);
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const command = async <T>(run: (redis: Redis) => Promise<T>): Promise<T> => {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await run(redis);
    } finally {
      redis.disconnect();
    }
  };

  const waitUntilReady = async () => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (gone()) throw new Error(`redis-server exited:\n${log}`);
      const ready = await Promise.race([
        command((r) => r.ping()).then(
          (answer) => answer === 'PONG',
          () => false,
        ),
        spawnError,
      ]);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`redis-server not ready after 10 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  try {
    await waitUntilReady();
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    port,
    flushAll: async () => {
      await command((r) => r.flushall());
    },
    size: () => command((r) => r.dbsize()),
    stopServer: async () => {
      if (gone()) return;
      child.kill('SIGTERM');
      await exited.catch(() => undefined);
    },
    startAgain: async () => {
      if (!gone()) return;
      current = launch();
      child = current.process;
      exited = current.exit;
      spawnError = current.failed;
      await waitUntilReady();
    },
    output: () => log,
    stop,
  };
}
