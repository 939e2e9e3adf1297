/**
 * Trigger latency: `rate` events/s for `seconds` through POST /v1/track, each from a new
 * customer whose first `Order Completed` moves them into a segment (count >= 1); a live
 * journey segment_entered → webhook posts each of them to a local HTTP sink. Real-time
 * evaluation runs with the server's default debounce (REALTIME_DEBOUNCE_MS unset).
 *
 * Latency of an event = when the sink received the journey's webhook for that customer
 * (the first step, executed and delivered) − when the benchmark started sending the
 * event. Also shown, from Postgres timestamps (same clock): event → enrollment written
 * (the real-time evaluation) and event → first step run. Those columns hold now(), the
 * start of the writing transaction, so they are lower bounds (a transaction may start
 * before the event it reads has committed).
 *
 * Events of a warm-up (default 5 s at the same rate, other customers) go first and are
 * not counted: the first requests of a fresh process pay for JIT and new connections.
 *
 * Usage: npm run bench -- journey-latency [seconds=60] [rate=200] [warmup=5]
 *          [redis=shared|private] [profile=sql|cpu] [env.NAME=value ...]
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { appConfigSchema } from '../../server/dist/config/app-config.schema.js';
import { SHARED_REDIS_URL, startSwitchyard } from '../src/support/switchyard.harness.js';
import { formatCount, parseBenchArgs, percentile } from './support/journey-args.js';
import { CpuMeter, describeCpu } from './support/journey-cpu.js';
import {
  diffSqlProfile,
  printCpuProfile,
  printSqlProfile,
  probeEnv,
  readSqlProfile,
} from './support/journey-profile.js';
import {
  commandUsage,
  describeUsage,
  type PrivateRedis,
  readCommandCalls,
  startPrivateRedis,
} from './support/journey-redis.js';
import {
  createSegment,
  evaluateNow,
  publishJourney,
  triggerThenWebhook,
} from './support/journey-setup.js';
import { sendOrderEvents } from './support/journey-event-sender.js';
import { startHttpSink } from './support/journey-sink.js';

const args = parseBenchArgs(process.argv.slice(2));
const seconds = args.positional(0, 60);
const rate = args.positional(1, 200);
const warmupSeconds = args.numberOption('warmup', 5);
const redisMode = args.option('redis', 'shared');
const profileMode = args.option('profile', 'off');
if (!['off', 'sql', 'cpu'].includes(profileMode))
  throw new Error(`profile must be sql or cpu, got ${profileMode}`);
const profileFile = join(tmpdir(), `journey-profile-${process.pid}.json`);
const total = Math.round(seconds * rate);
const TARGET_P99_MS = 1000;
/** How long to wait for the last webhooks once every event has been sent (a backlog drains). */
const DRAIN_MS = Math.max(60_000, 3 * seconds * 1000);

function summarize(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const fmt = (ms: number) => `${Math.round(ms)} ms`.padStart(8);
  return `p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted[sorted.length - 1] ?? Number.NaN)}`;
}

let privateRedis: PrivateRedis | undefined;
if (redisMode === 'private') privateRedis = await startPrivateRedis();
else if (redisMode !== 'shared')
  throw new Error(`redis must be shared or private, got ${redisMode}`);
const redisUrl = privateRedis?.url ?? SHARED_REDIS_URL;
const redis = new Redis(redisUrl);
const sink = await startHttpSink();
const app = await startSwitchyard({
  redisUrl,
  env: {
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    ...(profileMode === 'sql' || profileMode === 'cpu' ? probeEnv(profileMode, profileFile) : {}),
    ...args.serverEnv(),
  },
});
try {
  const debounce = Number(
    app.env.REALTIME_DEBOUNCE_MS ?? appConfigSchema.parse({}).REALTIME_DEBOUNCE_MS,
  );
  console.log(
    `journey trigger latency benchmark: ${formatCount(total)} Order Completed events, ${rate}/s for ${seconds} s, each from a new customer; segment_entered → webhook; REALTIME_DEBOUNCE_MS ${debounce} ms${app.env.REALTIME_DEBOUNCE_MS ? '' : ' (the default)'}, ${redisMode} Redis`,
  );
  const segmentId = await createSegment(app, 'Ordered once', {
    event: 'Order Completed',
    aggregate: { fn: 'count' },
    op: 'gte',
    value: 1,
  });
  await publishJourney(app, 'Latency bench', triggerThenWebhook(segmentId, sink.url));
  // The stored memberships real-time evaluation diffs against (empty here).
  await evaluateNow(app);

  if (warmupSeconds > 0) {
    const warmup = await sendOrderEvents(app, {
      prefix: 'warmup',
      count: Math.round(warmupSeconds * rate),
      rate,
    });
    const answered = warmup.events.filter((e) => e.status === 200).length;
    const drainedWarmup = await sink.waitForDistinct(answered, DRAIN_MS);
    console.log(
      `  warm-up: ${formatCount(warmup.events.length)} events in ${warmupSeconds} s (not counted)${drainedWarmup ? '' : `; only ${sink.distinct()} webhooks after ${DRAIN_MS / 1000} s`}`,
    );
  }
  sink.reset();

  const meter = new CpuMeter(redis, app.db, app.pid);
  const before = await readCommandCalls(redis);
  const sqlBefore = profileMode === 'sql' ? await readSqlProfile(profileFile) : null;
  await meter.start();
  const run = await sendOrderEvents(app, { prefix: 'latency', count: total, rate });
  const sent = run.events;
  const accepted = sent.filter((s) => s.status === 200).length;
  const drained = await sink.waitForDistinct(accepted, DRAIN_MS);
  const cpu = await meter.stop();
  const usage = commandUsage(before, await readCommandCalls(redis));
  const sqlAfter = sqlBefore ? await readSqlProfile(profileFile) : null;

  const { rows } = await app.db.query<{
    external_id: string;
    enrolled: number;
    stepped: number | null;
  }>(
    `SELECT c.external_id,
            extract(epoch FROM e.created_at) * 1000 AS enrolled,
            extract(epoch FROM s.finished_at) * 1000 AS stepped
       FROM enrollments e
       JOIN customers c ON c.id = e.customer_id
       LEFT JOIN enrollment_steps s ON s.enrollment_id = e.id AND s.node_id = 'webhook'`,
  );
  const timestamps = new Map(rows.map((r) => [r.external_id, r]));
  const toEnrollment: number[] = [];
  const toStep: number[] = [];
  const toWebhook: number[] = [];
  let missing = 0;
  for (const s of sent) {
    if (s.status !== 200) continue;
    const row = timestamps.get(s.userId);
    if (row) toEnrollment.push(Number(row.enrolled) - s.at);
    if (row?.stepped !== null && row?.stepped !== undefined)
      toStep.push(Number(row.stepped) - s.at);
    const arrived = sink.firstArrival(s.userId);
    if (arrived === undefined) missing += 1;
    else toWebhook.push(arrived - s.at);
  }

  const requestTimes = sent.filter((s) => s.status === 200).map((s) => s.requestMs);
  const failed = sent.length - accepted;
  console.log(
    `  sent ${formatCount(sent.length)} events in ${run.seconds.toFixed(1)} s (${formatCount(sent.length / run.seconds)}/s, at most ${run.maxInFlight} in flight); ${formatCount(accepted)} answered 200${failed > 0 ? `, ${formatCount(failed)} failed` : ''}`,
  );
  console.log(`  POST /v1/track round trip              ${summarize(requestTimes)}`);
  console.log(
    `  event → enrolled (eval. tx start, ≤) ${summarize(toEnrollment)}  (${formatCount(toEnrollment.length)} enrollments)`,
  );
  console.log(
    `  event → first step (step tx start, ≤) ${summarize(toStep)}  (${formatCount(toStep.length)} steps)`,
  );
  console.log(
    `  event → webhook received at the sink   ${summarize(toWebhook)}  (${formatCount(toWebhook.length)} webhooks${missing > 0 ? `, ${formatCount(missing)} missing after ${DRAIN_MS / 1000} s` : ''}${sink.repeats() > 0 ? `, ${sink.repeats()} repeats` : ''})`,
  );
  const sorted = [...toWebhook].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const met = drained && missing === 0 && p99 < TARGET_P99_MS;
  console.log(
    `  p99 event → webhook ${Math.round(p99)} ms (target < ${TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'})`,
  );
  console.log(`    redis: ${describeUsage(usage, accepted, 'event')}`);
  console.log(`    cpu:   ${describeCpu(cpu, accepted, 'event')}`);
  if (sqlBefore && sqlAfter)
    printSqlProfile(diffSqlProfile(sqlBefore, sqlAfter), accepted, 'event');
  console.log('');
  console.log(
    `| trigger latency: ${formatCount(total)} \`Order Completed\` events at ${rate}/s for ${seconds} s via \`/v1/track\`, each moving a new customer into a segment; journey segment_entered → webhook to a local HTTP sink (real-time debounce ${debounce} ms) | \`npm run bench -- journey-latency ${process.argv.slice(2).join(' ') || `${seconds} ${rate}`}\` | event → webhook received: p50 ${Math.round(p50)} ms, p99 ${Math.round(p99)} ms, max ${Math.round(sorted[sorted.length - 1] ?? Number.NaN)} ms; ${(usage.total / Math.max(1, accepted)).toFixed(0)} Redis commands/event | target: p99 < 1 s | p99 = ${(p99 / TARGET_P99_MS).toFixed(2)} × target (${met ? 'met' : 'not met'}) |`,
  );
} finally {
  await app.stop();
  await sink.stop();
  redis.disconnect();
  await privateRedis?.stop();
  if (profileMode === 'cpu') printCpuProfile(profileFile);
  rmSync(profileFile, { force: true });
}
