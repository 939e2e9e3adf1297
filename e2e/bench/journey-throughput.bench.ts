/**
 * Journey engine throughput: N enrollments through condition_branch → wait 0 s → webhook
 * to a local HTTP sink, against a plain BullMQ Queue + Worker doing the same number of
 * jobs with the same payload shape and concurrency on the same Redis (one baseline run
 * before the engine run and one after it, averaged). Also reports Redis commands per step
 * (INFO commandstats around each run) and CPU per step.
 *
 * Usage: npm run bench -- journey-throughput [N=10000] [concurrency=200] [pool=40]
 *          [delivery=<concurrency>] [redis=shared|private] [baseline=both|before|off]
 *          [workers=1]   (server processes running steps: the first runs everything, the
 *                         others ROLE=worker,sender; each has its own pool of `pool` and
 *                         holds concurrency ÷ workers jobs)
 *          [floor=on|off]   (the hand-written durable floor: plain BullMQ plus the least
 *                            Postgres work invariants 1 and 5 ask of a step; journey-floor.ts)
 *          [profile=sql|cpu|loop]   (inside the server: SQL statements per step and job
 *                                    run times, where its CPU time goes, or how busy its
 *                                    event loop was and how much of that it had a core)
 *          [env.NAME=value ...]   (extra server environment, e.g. env.RECONCILE_SECONDS=0)
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  SHARED_POSTGRES_URL,
  SHARED_REDIS_URL,
  type RunningSwitchyard,
  startSwitchyard,
} from '../src/support/switchyard.harness.js';
import { formatCount, parseBenchArgs, percentile } from './support/journey-args.js';
import {
  type BaselineOptions,
  type BaselineResult,
  runBullmqBaseline,
} from './support/journey-baseline.js';
import { prepareDurableFloor } from './support/journey-floor.js';
import {
  diffSqlProfile,
  printJobTimes,
  printSqlProfile,
  readSqlProfile,
  printCpuProfile,
  printLoopProfile,
  probeEnv,
  readLoopProfile,
} from './support/journey-profile.js';
import { CpuMeter, type CpuReport, describeCpu } from './support/journey-cpu.js';
import {
  type CommandUsage,
  describeUsage,
  type PrivateRedis,
  readCommandCalls,
  commandUsage,
  startPrivateRedis,
} from './support/journey-redis.js';
import {
  branchWaitWebhook,
  createSegment,
  evaluateNow,
  importCustomers,
  publishJourney,
} from './support/journey-setup.js';
import { type HttpSink, startHttpSink } from './support/journey-sink.js';

const args = parseBenchArgs(process.argv.slice(2));
const N = args.positional(0, 10_000);
const concurrency = args.numberOption('concurrency', 200);
const delivery = args.numberOption('delivery', concurrency);
const pool = args.numberOption('pool', 40);
const redisMode = args.option('redis', 'shared');
const workers = args.numberOption('workers', 1);
if (workers < 1 || workers * pool > 90)
  throw new Error(
    `workers × pool must stay under Postgres's 100 connections (${workers} × ${pool})`,
  );
const baselineMode = args.option('baseline', 'both');
const floorMode = args.option('floor', 'on');
if (!['on', 'off'].includes(floorMode))
  throw new Error(`floor must be on or off, got ${floorMode}`);
const profileMode = args.option('profile', 'off');
if (!['off', 'sql', 'cpu', 'loop'].includes(profileMode))
  throw new Error(`profile must be sql, cpu or loop, got ${profileMode}`);
const profile = profileMode === 'sql';
const profileFile = join(tmpdir(), `journey-profile-${process.pid}.json`);
/** Steps per enrollment: condition_branch, wait, webhook (the trigger is not a step). */
const STEPS_PER_RUN = 3;
const TARGET_RATIO = 0.7;
/** Generous: the engine has been measured at ~2,000 steps/s on a 2-core machine. */
const timeoutMs = Math.max(600_000, N * 60);

interface Measured {
  seconds: number;
  cpu: CpuReport;
  redis: CommandUsage;
}

/** Runs `fn` between CPU and commandstats readings. */
async function measure(
  redis: Redis,
  meter: CpuMeter,
  fn: () => Promise<number>,
): Promise<Measured> {
  const before = await readCommandCalls(redis);
  await meter.start();
  const seconds = await fn();
  const cpu = await meter.stop();
  const after = await readCommandCalls(redis);
  return { seconds, cpu, redis: commandUsage(before, after) };
}

/** One of the yardsticks (journey-baseline.ts, journey-floor.ts) on N chains, measured. */
async function chainsRun(
  meter: CpuMeter,
  label: string,
  unit: string,
  run: (options: BaselineOptions) => Promise<BaselineResult>,
): Promise<Measured> {
  let result: BaselineResult | undefined;
  const measured = await measure(redis, meter, async () => {
    result = await run({
      redisUrl,
      chains: N,
      jobsPerChain: STEPS_PER_RUN,
      concurrency,
      sink,
      timeoutMs,
    });
    return result.seconds;
  });
  report(label, result?.jobs ?? 0, unit, measured);
  return measured;
}

function baselineRun(label: string): Promise<Measured> {
  return chainsRun(new CpuMeter(redis, null, null), label, 'jobs', runBullmqBaseline);
}

/** The hand-written durable floor (journey-floor.ts), set up before its clock starts. */
async function floorRun(): Promise<Measured> {
  const floor = await prepareDurableFloor(SHARED_POSTGRES_URL, N);
  try {
    return await chainsRun(
      new CpuMeter(redis, floor.pool, null),
      'hand-written durable floor',
      'steps',
      floor.run,
    );
  } finally {
    await floor.drop();
  }
}

/** POST /api/evaluations enrolls everyone; done when the sink has N POSTs and no run is active. */
async function engineRun(
  app: RunningSwitchyard,
  pids: readonly number[],
  redis: Redis,
  sink: HttpSink,
): Promise<Measured & { stepSeconds: number }> {
  const meter = new CpuMeter(redis, app.db, pids);
  sink.reset();
  let evaluationSeconds = 0;
  let stepSeconds = 0;
  let evaluationStartedAt = 0;
  const measured = await measure(redis, meter, async () => {
    const startedAt = Date.now();
    evaluationStartedAt = startedAt;
    const started = performance.now();
    const progress = setInterval(
      () =>
        console.log(
          `    ... ${formatCount(sink.distinct())}/${formatCount(N)} webhooks after ${((performance.now() - started) / 1000).toFixed(0)} s`,
        ),
      30_000,
    );
    try {
      await evaluateNow(app);
      evaluationSeconds = (performance.now() - started) / 1000;
      if (!(await sink.waitForDistinct(N, timeoutMs)))
        throw new Error(`engine: the sink got ${sink.distinct()}/${N} webhooks in time`);
      for (;;) {
        const { rows } = await app.db.query<{
          active: number;
          last: Date | null;
          first_step: Date | null;
        }>(
          `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, max(finished_at) AS last,
                  (SELECT min(entered_at) FROM enrollment_steps) AS first_step
             FROM enrollments`,
        );
        const row = rows[0];
        if (row && row.active === 0) {
          const end = Math.max(sink.lastArrival(), row.last?.getTime() ?? 0);
          stepSeconds = (end - (row.first_step?.getTime() ?? startedAt)) / 1000;
          return (end - startedAt) / 1000;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      clearInterval(progress);
    }
  });
  console.log(
    `    (POST /api/evaluations answered after ${evaluationSeconds.toFixed(2)} s: transitions, ${formatCount(N)} enrollments, first jobs queued)`,
  );
  report('Switchyard journey engine', N * STEPS_PER_RUN, 'steps', measured);
  console.log(
    `    steps alone: ${stepSeconds.toFixed(2)} s from the first step's start to the end, ${formatCount((N * STEPS_PER_RUN) / stepSeconds)} steps/s`,
  );
  console.log(`    webhooks received ${describeArrivals(sink.arrivals(), evaluationStartedAt)}`);
  return { ...measured, stepSeconds };
}

/**
 * When the customers' webhooks arrived, from the evaluation request on: the first, the
 * median one and the last (how long a customer of a large enrollment waits for the message).
 */
function describeArrivals(sorted: readonly number[], since: number): string {
  const at = (p: number) => ((percentile(sorted, p) - since) / 1000).toFixed(1);
  if (sorted.length === 0) return 'none';
  return `after: first ${at(0)} s, half ${at(50)} s, all ${at(100)} s (from the evaluation request)`;
}

function report(label: string, units: number, unit: string, m: Measured): void {
  console.log(
    `  ${label.padEnd(38)} ${m.seconds.toFixed(2).padStart(7)} s  ${formatCount(units / m.seconds).padStart(7)} ${unit}/s`,
  );
  console.log(`    redis: ${describeUsage(m.redis, units, unit.replace(/s$/, ''))}`);
  console.log(`    cpu:   ${describeCpu(m.cpu, units, unit.replace(/s$/, ''))}`);
}

/**
 * What the engine run left in Postgres: every enrollment completed, 3 steps each, N
 * webhooks sent. Also the BullMQ jobs it took: one per step (a 0 s wait is over when it
 * runs, so it needs no resume job) and the outbox jobs found in Redis (none when the
 * step's worker sent every webhook itself, SEND_AFTER_STEP; BullMQ keeps at most 10,000
 * completed jobs, so a larger count is a floor).
 */
async function verify(app: RunningSwitchyard): Promise<{ summary: string; jobs: string }> {
  const enrollments = await app.db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM enrollments GROUP BY status ORDER BY status`,
  );
  const steps = await app.db.query<{ node_id: string; output: string | null; n: number }>(
    `SELECT node_id, output, count(*)::int AS n FROM enrollment_steps
      GROUP BY node_id, output ORDER BY node_id, output`,
  );
  const outbox = await app.db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM outbox GROUP BY status ORDER BY status`,
  );
  const completed = enrollments.rows.find((r) => r.status === 'completed')?.n ?? 0;
  const totalSteps = steps.rows.reduce((sum, r) => sum + r.n, 0);
  const sent = outbox.rows.find((r) => r.status === 'sent')?.n ?? 0;
  const summary = [
    `enrollments ${enrollments.rows.map((r) => `${r.status} ${formatCount(r.n)}`).join(', ')}`,
    `steps ${steps.rows.map((r) => `${r.node_id}${r.output ? `→${r.output}` : ''} ${formatCount(r.n)}`).join(', ')}`,
    `outbox ${outbox.rows.map((r) => `${r.status} ${formatCount(r.n)}`).join(', ')}`,
  ].join('; ');
  if (completed !== N || totalSteps !== N * STEPS_PER_RUN || sent !== N)
    throw new Error(`the engine run is incomplete: ${summary}`);
  const outboxJobs = await countOutboxJobs(app);
  const floor = outboxJobs >= 10_000 ? 'at least ' : '';
  return {
    summary,
    jobs: `${formatCount(totalSteps)} step jobs (one per step) + ${floor}${formatCount(outboxJobs)} outbox jobs (webhooks not sent by the step's worker)`,
  };
}

async function countOutboxJobs(app: RunningSwitchyard): Promise<number> {
  const connection = new Redis(app.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('outbox', { connection, prefix: app.redisPrefix });
  try {
    const counts = await queue.getJobCounts('completed', 'failed', 'delayed', 'wait', 'active');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Ratio against the mean of the baseline runs, commands per step, and the README row. */
function summarize(
  engine: Measured & { stepSeconds: number },
  baselines: readonly Measured[],
  floor: Measured | null,
): void {
  const jobs = N * STEPS_PER_RUN;
  const engineRate = jobs / engine.seconds;
  const perStep = (m: Measured) => (m.redis.total / jobs).toFixed(1);
  const noise = redisMode === 'shared' ? ' (shared Redis: other clients add noise)' : '';
  if (baselines.length === 0) {
    console.log(
      `  engine: ${formatCount(engineRate)} steps/s, ${perStep(engine)} Redis commands/step${noise}; no baseline run`,
    );
    return;
  }
  const baselineRate = baselines.reduce((sum, b) => sum + jobs / b.seconds, 0) / baselines.length;
  const ratio = engineRate / baselineRate;
  const seconds = baselines.map((b) => `${b.seconds.toFixed(1)} s`).join(' / ');
  const commands = baselines.map(perStep).join(' / ');
  const order = baselines.length === 2 ? 'one run before and one after' : 'one run before';
  console.log(
    `  ratio = engine steps/s ÷ baseline jobs/s = ${formatCount(engineRate)} ÷ ${formatCount(baselineRate)} = ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
  );
  const stepsAloneRate = jobs / engine.stepSeconds;
  const stepsAloneRatio = (stepsAloneRate / baselineRate).toFixed(2);
  console.log(
    `  steps alone (from the first step's start, leaving out evaluation and enrolling): ${formatCount(stepsAloneRate)} ÷ ${formatCount(baselineRate)} = ${stepsAloneRatio}`,
  );
  if (floor) {
    const floorRate = jobs / floor.seconds;
    console.log(
      `  hand-written durable floor ÷ baseline = ${formatCount(floorRate)} ÷ ${formatCount(baselineRate)} = ${(floorRate / baselineRate).toFixed(2)}; engine ÷ floor = ${(engineRate / floorRate).toFixed(2)} (steps alone ${(stepsAloneRate / floorRate).toFixed(2)})`,
    );
  }
  console.log(`  redis commands per step: engine ${perStep(engine)}, baseline ${commands}${noise}`);
  console.log('');
  console.log(
    `| journey engine: ${formatCount(N)} enrollments through condition_branch → wait 0 s → webhook to a local HTTP sink (${formatCount(jobs)} steps, concurrency ${concurrency}) | \`npm run bench -- journey-throughput ${process.argv.slice(2).join(' ') || N}\` | ${engine.seconds.toFixed(1)} s, ${formatCount(engineRate)} steps/s; ${perStep(engine)} Redis commands/step | plain BullMQ Queue + Worker, same number of jobs, payload and concurrency on the same Redis (${order}): ${seconds}, ${formatCount(baselineRate)} jobs/s; ${commands} Redis commands/job | ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}); steps alone ${stepsAloneRatio} |`,
  );
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
    // The concurrency is shared out: the processes together hold as many jobs as the baseline.
    STEP_CONCURRENCY: String(Math.ceil(concurrency / workers)),
    DELIVERY_CONCURRENCY: String(Math.ceil(delivery / workers)),
    DATABASE_POOL_SIZE: String(pool),
    ...(profileMode === 'sql' || profileMode === 'cpu' || profileMode === 'loop'
      ? probeEnv(profileMode, profileFile)
      : {}),
    ...args.serverEnv(),
  },
});
try {
  console.log(
    `journey throughput benchmark: ${formatCount(N)} enrollments × ${STEPS_PER_RUN} steps (condition_branch → wait 0 s → webhook), concurrency ${concurrency} (delivery ${delivery}, pool ${pool}), ${redisMode} Redis${workers > 1 ? `, ${workers} worker processes` : ''}`,
  );
  const setup = performance.now();
  await importCustomers(app, N);
  const segmentId = await createSegment(app, 'Journey bench', {
    attribute: 'bench',
    op: 'eq',
    value: 'journey',
  });
  await publishJourney(app, 'Journey bench', branchWaitWebhook(segmentId, sink.url));
  console.log(
    `  setup: ${formatCount(N)} customers imported, segment and journey published in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
  );

  const baselines: Measured[] = [];
  if (baselineMode !== 'off') baselines.push(await baselineRun('baseline: plain BullMQ (run 1)'));
  const sqlBefore = profile ? await readSqlProfile(profileFile) : null;
  const loopBefore = profileMode === 'loop' ? await readLoopProfile(profileFile) : null;
  const extra: RunningSwitchyard[] = [];
  for (let i = 1; i < workers; i++)
    extra.push(await startSwitchyard({ attachTo: app, role: 'worker,sender' }));
  const engine = await engineRun(app, [app.pid, ...extra.map((p) => p.pid)], redis, sink);
  const loopAfter = loopBefore ? await readLoopProfile(profileFile) : null;
  for (const p of extra) await p.stop();
  const repeats = sink.repeats();
  if (loopBefore && loopAfter) printLoopProfile(loopBefore, loopAfter);
  if (sqlBefore) {
    printSqlProfile(
      diffSqlProfile(sqlBefore, await readSqlProfile(profileFile)),
      N * STEPS_PER_RUN,
      'step',
    );
    await printJobTimes(app);
  }
  const floor = floorMode === 'on' ? await floorRun() : null;
  if (baselineMode === 'both') baselines.push(await baselineRun('baseline: plain BullMQ (run 2)'));
  const check = await verify(app);
  console.log(`  check: ${check.summary}; sink: ${formatCount(repeats)} repeated webhooks`);
  console.log(`  engine BullMQ jobs: ${check.jobs}`);
  summarize(engine, baselines, floor);
} finally {
  await app.stop();
  await sink.stop();
  redis.disconnect();
  await privateRedis?.stop();
  if (profileMode === 'cpu') printCpuProfile(profileFile);
  rmSync(profileFile, { force: true });
}
