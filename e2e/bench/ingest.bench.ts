/**
 * Ingest throughput: `POST /v1/batch` with Segment-shaped batches (default 100 messages
 * per request, see support/ingest-load.ts) against a bare Fastify + pg server run in a
 * worker thread of this process, which writes the same rows into the same tables (same
 * database, same indexes, its own workspace) with one INSERT statement per request.
 *
 * Two loads, each run against both servers with the same client settings:
 *   1. saturation: `clients` closed-loop clients for `seconds` → sustained events/s;
 *      the baseline runs before and after Switchyard (the tables grow as they go).
 *   2. offered rate: `rate` events/s open loop for `seconds` → request p50/p95/p99 at
 *      that rate (target: p99 < 100 ms at 10,000 events/s).
 * Afterwards every acknowledged message is checked to be stored exactly once.
 *
 * Usage: npm run bench -- ingest [seconds=30] [rate=10000] [clients=16] [batch=100]
 *          [customers=200000] [warmup=5] [profile=sql|cpu] [env.NAME=value ...]
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import { startSwitchyard } from '../src/support/switchyard.harness.js';
import type { BaselineServerOptions } from './support/ingest-baseline.server.js';
import { type LoadResult, type LoadShape, runLoad } from './support/ingest-load.js';
import { formatCount, parseBenchArgs, percentile } from './support/journey-args.js';
import { CpuMeter, type CpuReport, describeCpu } from './support/journey-cpu.js';
import {
  diffSqlProfile,
  printCpuProfile,
  printSqlProfile,
  probeEnv,
  readSqlProfile,
} from './support/journey-profile.js';

const args = parseBenchArgs(process.argv.slice(2));
const seconds = args.positional(0, 30);
const rate = args.positional(1, 10_000);
const clients = args.numberOption('clients', 16);
const batchSize = args.numberOption('batch', 100);
const customers = args.numberOption('customers', 200_000);
const warmupSeconds = args.numberOption('warmup', 5);
const profileMode = args.option('profile', 'off');
if (!['off', 'sql', 'cpu'].includes(profileMode))
  throw new Error(`profile must be sql or cpu, got ${profileMode}`);
const profileFile = join(tmpdir(), `ingest-profile-${process.pid}.json`);
const TARGET_RATE = 10_000;
const TARGET_P99_MS = 100;
const TARGET_RATIO = 0.7;

function latencyLine(result: LoadResult): string {
  const ms = (p: number) => `${percentile(result.latencies, p).toFixed(1)} ms`.padStart(9);
  return `p50 ${ms(50)}  p95 ${ms(95)}  p99 ${ms(99)}  max ${ms(100)}`;
}

function eventsPerSecond(result: LoadResult): number {
  return result.acceptedMessages / result.seconds;
}

function describe(name: string, result: LoadResult, cpu: CpuReport | null): void {
  const other = [...result.statuses]
    .filter(([status]) => status < 200 || status >= 300)
    .map(([status, n]) => `${n} × ${status === -1 ? 'network error' : status}`);
  console.log(
    `  ${name.padEnd(26)} ${formatCount(eventsPerSecond(result)).padStart(7)} events/s  ${formatCount(result.requests / result.seconds).padStart(5)} req/s  ${latencyLine(result)}  (${result.seconds.toFixed(1)} s, at most ${result.maxInFlight} in flight${other.length > 0 ? `; ${other.join(', ')}` : ''})`,
  );
  if (cpu)
    console.log(
      `  ${''.padEnd(26)} cpu: ${describeCpu(cpu, Math.max(1, result.acceptedMessages / 1000), '1k events')}`,
    );
}

async function startBaseline(options: BaselineServerOptions): Promise<{
  url: string;
  stop: () => Promise<void>;
}> {
  const worker = new Worker(new URL('./support/ingest-baseline.worker.mjs', import.meta.url), {
    workerData: options,
  });
  const answer = await new Promise<{ url?: string; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (!answer.url) throw new Error(`baseline server did not start: ${answer.error}`);
  return { url: answer.url, stop: async () => void (await worker.terminate()) };
}

const app = await startSwitchyard({
  env: {
    LOG_LEVEL: 'error',
    ...(profileMode === 'sql' || profileMode === 'cpu' ? probeEnv(profileMode, profileFile) : {}),
    ...args.serverEnv(),
  },
});
const redis = new Redis(app.redisUrl);
let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
try {
  const switchyardWs = (await app.db.query(`SELECT id FROM workspaces LIMIT 1`)).rows[0]
    .id as string;
  const baselineWs = (
    await app.db.query(`INSERT INTO workspaces (name) VALUES ('ingest baseline') RETURNING id`)
  ).rows[0].id as string;
  baseline = await startBaseline({
    databaseUrl: app.databaseUrl,
    workspaceId: baselineWs,
    poolSize: clients,
  });
  const switchyard = { url: app.url, authorization: `Bearer ${app.apiKey}` };
  const bare = { url: baseline.url, authorization: 'none' };
  const shape = (label: string, extra: Partial<LoadShape> = {}): LoadShape => ({
    label,
    seconds,
    batchSize,
    clients,
    customers,
    ...extra,
  });
  console.log(
    `ingest benchmark: POST /v1/batch, ${batchSize} messages per request, ${clients} keep-alive clients, ${formatCount(customers)} customers per run, ${seconds} s per run; load average ${(await import('node:os')).loadavg()[0]?.toFixed(2)}`,
  );

  if (warmupSeconds > 0) {
    // JIT, pools and plans warm up; not counted (own labels: their customers stay apart).
    await runLoad(bare, shape('warm-b', { seconds: warmupSeconds }));
    await runLoad(switchyard, shape('warm-s', { seconds: warmupSeconds }));
  }

  const meter = new CpuMeter(redis, app.db, app.pid);
  const measure = async (
    name: string,
    target: typeof switchyard,
    load: LoadShape,
    server: boolean,
  ): Promise<LoadResult> => {
    const sqlBefore = server && profileMode === 'sql' ? await readSqlProfile(profileFile) : null;
    await meter.start();
    const result = await runLoad(target, load);
    const cpu = await meter.stop();
    describe(name, result, { ...cpu, server: server ? cpu.server : null });
    if (sqlBefore)
      printSqlProfile(
        diffSqlProfile(sqlBefore, await readSqlProfile(profileFile)),
        result.acceptedMessages / 1000,
        '1k events',
      );
    return result;
  };

  console.log(`saturation (${clients} closed-loop clients):`);
  const base1 = await measure('baseline (before)', bare, shape('sat-b1'), false);
  const sy = await measure('Switchyard', switchyard, shape('sat-s'), true);
  const base2 = await measure('baseline (after)', bare, shape('sat-b2'), false);
  console.log(`offered ${formatCount(rate)} events/s (open loop):`);
  const syRate = await measure('Switchyard', switchyard, shape('rate-s', { rate }), true);
  const baseRate = await measure('baseline', bare, shape('rate-b', { rate }), false);

  // Every acknowledged message stored exactly once (ids are unique per run).
  const runs: [string, LoadResult][] = [
    ['sat-s', sy],
    ['rate-s', syRate],
  ];
  for (const [label, result] of runs) {
    const { rows } = await app.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE workspace_id = $1 AND message_id LIKE $2`,
      [switchyardWs, `${label}-%`],
    );
    const stored = Number(rows[0]?.n);
    if (stored < result.acceptedMessages)
      throw new Error(
        `${label}: ${result.acceptedMessages} messages acknowledged, only ${stored} stored`,
      );
    console.log(
      `  ${label}: ${formatCount(result.acceptedMessages)} acknowledged, ${formatCount(stored)} stored`,
    );
  }

  const baseRateSat = (eventsPerSecond(base1) + eventsPerSecond(base2)) / 2;
  const ratio = eventsPerSecond(sy) / baseRateSat;
  const p99 = percentile(syRate.latencies, 99);
  const achieved = eventsPerSecond(syRate);
  const rateMet = achieved >= TARGET_RATE * 0.98 && rate >= TARGET_RATE;
  console.log(
    `  saturation ratio ${ratio.toFixed(2)} of the baseline (target ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}); at ${formatCount(rate)}/s offered: ${formatCount(achieved)} events/s, p99 ${p99.toFixed(1)} ms (target ≥ ${formatCount(TARGET_RATE)}/s with p99 < ${TARGET_P99_MS} ms: ${rateMet && p99 < TARGET_P99_MS ? 'met' : 'NOT met'})`,
  );
  console.log('');
  console.log(
    `| \`/v1/batch\` ingest, ${batchSize} Segment-shaped messages per request (track + identify, unique message ids), ${clients} keep-alive clients | \`npm run bench -- ingest ${process.argv.slice(2).join(' ') || `${seconds} ${rate}`}\` | saturation ${formatCount(eventsPerSecond(sy))} events/s (request p99 ${percentile(sy.latencies, 99).toFixed(0)} ms); at ${formatCount(rate)} events/s offered: ${formatCount(achieved)} events/s, request p50 ${percentile(syRate.latencies, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms | bare Fastify + pg, one INSERT per request, same tables and indexes: ${formatCount(eventsPerSecond(base1))} / ${formatCount(eventsPerSecond(base2))} events/s (before / after); at ${formatCount(rate)}/s: p99 ${percentile(baseRate.latencies, 99).toFixed(0)} ms | ${ratio.toFixed(2)} |`,
  );
} finally {
  await baseline?.stop();
  redis.disconnect();
  await app.stop();
  if (profileMode === 'cpu') printCpuProfile(profileFile);
  rmSync(profileFile, { force: true });
}
