import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../src/support/switchyard.harness.js';

/** Calls per command name (`cmdstat_<name>` of INFO commandstats), e.g. `evalsha` or `client|setname`. */
export type CommandCalls = Map<string, number>;

/** Commands a reading itself issues: left out of every difference. */
const OWN_COMMANDS = new Set(['info']);

/** Scripts: one client round trip that runs many commands (counted again inside). */
const SCRIPT_COMMANDS = new Set(['evalsha', 'eval', 'evalsha_ro', 'eval_ro', 'fcall', 'fcall_ro']);

export async function readCommandCalls(redis: Redis): Promise<CommandCalls> {
  const text = await redis.info('commandstats');
  const calls: CommandCalls = new Map();
  for (const line of text.split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match?.[1] && match[2]) calls.set(match[1], Number(match[2]));
  }
  return calls;
}

export interface CommandUsage {
  /** Every command Redis executed in the interval, commands inside Lua scripts included. */
  total: number;
  /** Script invocations (EVALSHA ...): roughly the round trips BullMQ makes. */
  scripts: number;
  /** Largest contributors, most calls first. */
  top: [string, number][];
}

/** What Redis executed between two readings (of the whole server: other clients add noise). */
export function commandUsage(before: CommandCalls, after: CommandCalls, topN = 8): CommandUsage {
  const delta: [string, number][] = [];
  for (const [name, calls] of after) {
    if (OWN_COMMANDS.has(name)) continue;
    const n = calls - (before.get(name) ?? 0);
    if (n > 0) delta.push([name, n]);
  }
  delta.sort((a, b) => b[1] - a[1]);
  return {
    total: delta.reduce((sum, [, n]) => sum + n, 0),
    scripts: delta.filter(([name]) => SCRIPT_COMMANDS.has(name)).reduce((s, [, n]) => s + n, 0),
    top: delta.slice(0, topN),
  };
}

/** `12.3 commands/step (4.1 scripts/step); top: evalsha 4.1, zadd 2.0 ...` */
export function describeUsage(usage: CommandUsage, units: number, unit: string): string {
  const per = (n: number) => (n / units).toFixed(n / units >= 10 ? 1 : 2);
  const top = usage.top.map(([name, n]) => `${name} ${per(n)}`).join(', ');
  return `${per(usage.total)} commands/${unit} (${per(usage.scripts)} script calls/${unit}); per ${unit}: ${top}`;
}

/** Runs `fn` between two commandstats readings. */
export async function withCommandUsage<T>(
  redis: Redis,
  fn: () => Promise<T>,
): Promise<{ value: T; usage: CommandUsage }> {
  const before = await readCommandCalls(redis);
  const value = await fn();
  const after = await readCommandCalls(redis);
  return { value, usage: commandUsage(before, after) };
}

/** Deletes every key of a prefix (`<prefix>:*`). */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export interface PrivateRedis {
  url: string;
  stop: () => Promise<void>;
}

/**
 * A redis-server of this benchmark alone (no persistence), so commandstats count only
 * the benchmark's commands. Used with `redis=private`.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'sy-bench-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { cwd: dir, stdio: 'ignore' },
  );
  const exited = once(child, 'exit');
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error('private redis-server did not start');
      }
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
