import { readFileSync } from 'node:fs';
import type pg from 'pg';
import type { Redis } from 'ioredis';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** user + system CPU seconds of a process so far, or undefined when it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}

export interface CpuReport {
  /** null when no server was measured (the baseline); all its processes together. */
  server: number | null;
  /** null when no database was measured. */
  postgres: number | null;
  /** The whole Redis server. */
  redis: number;
  /** This process (the sink, the baseline's worker, the event sender). */
  bench: number;
}

/**
 * CPU seconds spent during a run by the server process, the Postgres backends serving its
 * database (sampled every second, since a pool may close idle connections mid-run), Redis
 * (the whole server: other clients add noise) and this process.
 */
export class CpuMeter {
  private readonly backends = new Map<number, { first: number; last: number }>();
  private serverStart = 0;
  private redisStart = 0;
  private benchStart = process.cpuUsage();
  private timer: NodeJS.Timeout | undefined;

  private readonly serverPids: readonly number[];

  /** `server`: the server's process id, or the ids of its processes (their CPU is summed). */
  constructor(
    private readonly redis: Redis,
    private readonly db: pg.Pool | null,
    server: number | readonly number[] | null,
  ) {
    this.serverPids = server === null ? [] : typeof server === 'number' ? [server] : server;
  }

  private serverSeconds(): number {
    return this.serverPids.reduce((sum, pid) => sum + (processCpuSeconds(pid) ?? 0), 0);
  }

  async start(): Promise<void> {
    this.backends.clear();
    this.serverStart = this.serverSeconds();
    this.redisStart = await redisCpuSeconds(this.redis);
    this.benchStart = process.cpuUsage();
    await this.sampleBackends(true);
    this.timer = setInterval(() => void this.sampleBackends(false).catch(() => undefined), 1000);
  }

  async stop(): Promise<CpuReport> {
    clearInterval(this.timer);
    await this.sampleBackends(false);
    const bench = process.cpuUsage(this.benchStart);
    let postgres = 0;
    for (const { first, last } of this.backends.values()) postgres += last - first;
    return {
      server: this.serverPids.length > 0 ? this.serverSeconds() - this.serverStart : null,
      postgres: this.db ? postgres : null,
      redis: (await redisCpuSeconds(this.redis)) - this.redisStart,
      bench: (bench.user + bench.system) / 1e6,
    };
  }

  /** `initial`: the backends already running count from their current CPU time. */
  private async sampleBackends(initial: boolean): Promise<void> {
    if (!this.db) return;
    const { rows } = await this.db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    for (const { pid } of rows) {
      const cpu = processCpuSeconds(pid);
      if (cpu === undefined) continue;
      const seen = this.backends.get(pid);
      // A backend first seen mid-run started after `start`: count it from zero.
      if (seen) seen.last = cpu;
      else this.backends.set(pid, { first: initial ? cpu : 0, last: cpu });
    }
  }
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const text = await redis.info('cpu');
  const value = (name: string) =>
    Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(text)?.[1] ?? 0);
  return value('used_cpu_user') + value('used_cpu_sys');
}

/** `server 71.5 s (2.38 ms/step), postgres ...`: seconds in the run and per unit. */
export function describeCpu(cpu: CpuReport, units: number, unit: string): string {
  const parts: [string, number | null][] = [
    ['server', cpu.server],
    ['postgres', cpu.postgres],
    ['redis', cpu.redis],
    ['bench process', cpu.bench],
  ];
  return parts
    .filter((part): part is [string, number] => part[1] !== null)
    .map(([name, s]) => `${name} ${s.toFixed(1)} s (${((s * 1000) / units).toFixed(2)} ms/${unit})`)
    .join(', ');
}
