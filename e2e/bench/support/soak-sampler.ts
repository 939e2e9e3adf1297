import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ALL_QUEUES } from '../../../server/dist/queues/queue-names.js';
import type { RunningSwitchyard } from '../../src/support/switchyard.harness.js';
import { percentile } from './journey-args.js';
import type { SoakLoad } from './soak-load.js';

/** One reading of the server, every `intervalMs`. */
export interface SoakSample {
  /** Seconds since the load started. */
  at: number;
  rssMb: number;
  eventsPerSecond: number;
  requestP99Ms: number;
  failures: number;
  /** Jobs waiting, delayed or active, per queue (the journey-steps delayed set holds waits). */
  queues: Record<string, { waiting: number; delayed: number; active: number; failed: number }>;
  activeEnrollments: number;
  /** Server log lines at error level or above so far. */
  errorLines: number;
}

/** Resident memory of a process in MiB (VmRSS), or NaN when it is gone. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Lines of pino JSON output at level error (50) or fatal (60). */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(50|60)\b/.test(line));
}

export class SoakSampler {
  readonly samples: SoakSample[] = [];
  private readonly connection: Redis;
  private readonly queues: Queue[];
  private timer: NodeJS.Timeout | undefined;
  private started = 0;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly app: RunningSwitchyard,
    private readonly load: SoakLoad,
    private readonly intervalMs: number,
  ) {
    this.connection = new Redis(app.redisUrl, { maxRetriesPerRequest: null });
    this.queues = ALL_QUEUES.map(
      (name) => new Queue(name, { connection: this.connection, prefix: app.redisPrefix }),
    );
  }

  start(onSample: (sample: SoakSample) => void): void {
    this.started = Date.now();
    this.timer = setInterval(() => {
      this.reading = this.reading.then(async () => {
        const sample = await this.read();
        this.samples.push(sample);
        onSample(sample);
      });
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reading;
    await Promise.all(this.queues.map((q) => q.close()));
    this.connection.disconnect();
  }

  private async read(): Promise<SoakSample> {
    const window = this.load.takeWindow();
    const latencies = [...window.latenciesMs].sort((a, b) => a - b);
    const queues: SoakSample['queues'] = {};
    for (const queue of this.queues) {
      const c = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
      queues[queue.name] = {
        waiting: c.waiting ?? 0,
        delayed: c.delayed ?? 0,
        active: c.active ?? 0,
        failed: c.failed ?? 0,
      };
    }
    const { rows } = await this.app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollments WHERE status = 'active'`,
    );
    return {
      at: Math.round((Date.now() - this.started) / 1000),
      rssMb: rssMb(this.app.pid),
      eventsPerSecond: window.events / (this.intervalMs / 1000),
      // A request still unanswered counts with its age so far: a stalled server shows.
      requestP99Ms: Math.max(
        latencies.length > 0 ? percentile(latencies, 99) : 0,
        window.oldestInFlightMs,
      ),
      failures: [...window.failures.values()].reduce((s, n) => s + n, 0),
      queues,
      activeEnrollments: rows[0]?.n ?? 0,
      errorLines: errorLines(this.app.output()).length,
    };
  }
}

/** Jobs not yet done in a queue: waiting + active (delayed ones are waits, counted apart). */
export function backlog(sample: SoakSample, queue: string): number {
  const q = sample.queues[queue];
  return q ? q.waiting + q.active : 0;
}

export interface MemoryTrend {
  /** Mean RSS of the window after warm-up and of the last window, MiB. */
  early: number;
  late: number;
  /** Least-squares slope over the samples after warm-up, MiB per hour. */
  slopePerHour: number;
}

/** RSS after `warmupSeconds`: early vs late window means and the fitted slope. */
export function memoryTrend(samples: readonly SoakSample[], warmupSeconds: number): MemoryTrend {
  const steady = samples.filter((s) => s.at >= warmupSeconds && Number.isFinite(s.rssMb));
  const n = steady.length;
  if (n < 4) return { early: Number.NaN, late: Number.NaN, slopePerHour: Number.NaN };
  const quarter = Math.max(1, Math.floor(n / 4));
  const mean = (xs: readonly SoakSample[]) => xs.reduce((s, x) => s + x.rssMb, 0) / xs.length;
  const mx = steady.reduce((s, x) => s + x.at, 0) / n;
  const my = mean(steady);
  let sxy = 0;
  let sxx = 0;
  for (const s of steady) {
    sxy += (s.at - mx) * (s.rssMb - my);
    sxx += (s.at - mx) ** 2;
  }
  return {
    early: mean(steady.slice(0, quarter)),
    late: mean(steady.slice(n - quarter)),
    slopePerHour: sxx === 0 ? 0 : (sxy / sxx) * 3600,
  };
}
