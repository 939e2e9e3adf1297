/**
 * Soak: `rate` events/s through POST /v1/batch for `minutes`, with live journeys, while the
 * server's memory, the queues and errors are sampled every 10 s.
 *
 * Traffic (deterministic per seed): 5 % `Order Completed` from new customers (each enters
 * "Ordered" → journey: condition branch → wait 60 s → webhook), 20 % `Order Completed` from
 * an imported pool of customers (5 orders enter "Frequent" → journey: webhook), 75 %
 * `Product Viewed` from the pool (real-time evaluation work, no move). Every event is a
 * customer marked dirty, so real-time evaluation, transitions, enrollments, steps, waits
 * and webhooks all run for the whole soak.
 *
 * Checks at the end (after the load, once the last waits are over): no request failed, no
 * error line in the server log, no failed job; every accepted event is stored; every
 * customer who entered a segment got exactly one webhook per journey; memory is flat (the
 * mean RSS of the last quarter of the steady samples against the first, and the fitted
 * slope); queues are bounded (the step backlog never grows without draining).
 *
 * Usage: npm run bench -- soak [minutes=30] [rate=1000] [pool=100000] [seed=1]
 *          [warmup=120 (seconds left out of the memory trend)] [env.NAME=value ...]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JourneyGraph } from '@switchyard/contracts';
import { startSwitchyard } from '../src/support/switchyard.harness.js';
import { formatCount, parseBenchArgs } from './support/journey-args.js';
import {
  benchCustomerId,
  createSegment,
  evaluateNow,
  importCustomers,
  publishJourney,
} from './support/journey-setup.js';
import { startHttpSink } from './support/journey-sink.js';
import { autovacuumForSoak } from './support/soak-autovacuum.js';
import { soakChartSvg } from './support/soak-chart.js';
import { SoakLoad } from './support/soak-load.js';
import {
  backlog,
  errorLines,
  memoryTrend,
  type SoakSample,
  SoakSampler,
} from './support/soak-sampler.js';

const args = parseBenchArgs(process.argv.slice(2));
const minutes = args.positional(0, 30);
const rate = args.positional(1, 1000);
const poolSize = args.numberOption('pool', 100_000);
const seed = args.numberOption('seed', 1);
const warmupSeconds = args.numberOption('warmup', 120);
const SAMPLE_MS = 10_000;
const FREQUENT_ORDERS = 5;
/** Memory counts as flat when the late mean is within this fraction of the early mean. */
const FLAT = 0.15;
/** Open-loop requests must be answered within this, in every window, or ingest is behind. */
const MAX_P99_MS = 1000;
/** Real-time evaluation jobs waiting or running at once (one workspace here). */
const MAX_EVALUATION_BACKLOG = 4;
const here = dirname(fileURLToPath(import.meta.url));

function node(id: string, type: string, y: number, config: Record<string, unknown>) {
  return { id, type, position: { x: 0, y }, config };
}

function webhook(sinkUrl: string, journey: string) {
  return { url: sinkUrl, method: 'POST', body: `{"id":"${journey}:{{customer.externalId}}"}` };
}

/** Ordered → branch (vip / else) → wait 60 s → webhook. */
function orderedJourney(segmentId: string, sinkUrl: string): JourneyGraph {
  return {
    nodes: [
      node('trigger', 'trigger', 0, { kind: 'segment_entered', segmentId }),
      node('branch', 'condition_branch', 150, {
        branches: [
          { key: 'vip', label: 'VIP', rule: { attribute: 'tier', op: 'eq', value: 'vip' } },
        ],
      }),
      node('wait', 'wait', 300, { amount: 60, unit: 'seconds' }),
      node('webhook', 'webhook', 450, webhook(sinkUrl, 'ordered')),
    ],
    edges: [
      { id: 'trigger-branch', source: 'trigger', target: 'branch' },
      { id: 'branch-vip-wait', source: 'branch', sourceHandle: 'vip', target: 'wait' },
      { id: 'branch-else-wait', source: 'branch', sourceHandle: 'else', target: 'wait' },
      { id: 'wait-webhook', source: 'wait', target: 'webhook' },
    ],
  };
}

function frequentJourney(segmentId: string, sinkUrl: string): JourneyGraph {
  return {
    nodes: [
      node('trigger', 'trigger', 0, { kind: 'segment_entered', segmentId }),
      node('webhook', 'webhook', 150, webhook(sinkUrl, 'frequent')),
    ],
    edges: [{ id: 'trigger-webhook', source: 'trigger', target: 'webhook' }],
  };
}

function line(s: SoakSample): string {
  const steps = s.queues['journey-steps'];
  return [
    `${String(Math.floor(s.at / 60)).padStart(3)}:${String(s.at % 60).padStart(2, '0')}`,
    `rss ${s.rssMb.toFixed(0).padStart(4)} MiB`,
    `${formatCount(s.eventsPerSecond).padStart(6)} ev/s`,
    `p99 ${s.requestP99Ms.toFixed(0).padStart(5)} ms`,
    `steps waiting ${String(backlog(s, 'journey-steps')).padStart(6)}, delayed ${String(steps?.delayed ?? 0).padStart(6)}`,
    `evaluations waiting ${String(backlog(s, 'segment-evaluation')).padStart(4)}`,
    `outbox ${String(backlog(s, 'outbox')).padStart(4)}`,
    `active enrollments ${formatCount(s.activeEnrollments).padStart(7)}`,
    `failures ${s.failures}`,
  ].join('  ');
}

const sink = await startHttpSink();
const app = await startSwitchyard({
  env: {
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    ...args.serverEnv(),
  },
});
const vacuum = await autovacuumForSoak(app.db);
try {
  console.log(
    `soak: ${formatCount(rate)} events/s through /v1/batch for ${minutes} min (seed ${seed}), pool of ${formatCount(poolSize)} customers, samples every ${SAMPLE_MS / 1000} s; ${vacuum.note}`,
  );
  await importCustomers(app, poolSize);
  const ordered = await createSegment(app, 'Ordered', {
    event: 'Order Completed',
    aggregate: { fn: 'count' },
    op: 'gte',
    value: 1,
  });
  const frequent = await createSegment(app, 'Frequent', {
    event: 'Order Completed',
    aggregate: { fn: 'count' },
    op: 'gte',
    value: FREQUENT_ORDERS,
  });
  await publishJourney(app, 'Soak: ordered', orderedJourney(ordered, sink.url));
  await publishJourney(app, 'Soak: frequent', frequentJourney(frequent, sink.url));
  await evaluateNow(app);

  const load = new SoakLoad(app, {
    rate,
    tickMs: 50,
    poolSize,
    poolId: benchCustomerId,
    mix: { newCustomerOrders: 0.05, poolOrders: 0.2 },
    seed,
  });
  const sampler = new SoakSampler(app, load, SAMPLE_MS);
  sampler.start((s) => console.log(`  ${line(s)}`));
  await load.run(minutes * 60_000);
  console.log('  load finished; waiting for the last waits and webhooks');

  // Drain: the 60 s waits of the last entrants, then their webhooks.
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const { rows } = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollments WHERE status = 'active'`,
    );
    if ((rows[0]?.n ?? 0) === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  await sampler.stop();

  const { totals } = load;
  const stored = await app.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events WHERE message_id LIKE 'soak-%'`,
  );
  const enrollments = await app.db.query<{ journey: string; status: string; n: number }>(
    `SELECT j.name AS journey, e.status, count(*)::int AS n
       FROM enrollments e JOIN journeys j ON j.id = e.journey_id
      GROUP BY j.name, e.status ORDER BY j.name, e.status`,
  );
  const failedJobs = sampler.samples.at(-1)?.queues ?? {};
  const failedJobCount = Object.values(failedJobs).reduce((s, q) => s + q.failed, 0);
  const errors = errorLines(app.output());
  // The steady state: after the warm-up and while the load lasted (not the drain).
  const underLoad = sampler.samples.filter((s) => s.at <= minutes * 60);
  const trend = memoryTrend(underLoad, warmupSeconds);
  const steady = underLoad.filter((s) => s.at >= warmupSeconds);
  const maxBacklog = Math.max(0, ...steady.map((s) => backlog(s, 'journey-steps')));
  const lastBacklog = backlog(sampler.samples.at(-1) ?? steady[0]!, 'journey-steps');
  const maxEvaluationBacklog = Math.max(0, ...steady.map((s) => backlog(s, 'segment-evaluation')));
  const worstP99 = Math.max(0, ...steady.map((s) => s.requestP99Ms));
  const completed = enrollments.rows.filter((r) => r.status === 'completed');
  const enrolledTotal = completed.reduce((s, r) => s + r.n, 0);
  const notCompleted = enrollments.rows.filter((r) => r.status !== 'completed');

  const checks: [string, boolean][] = [
    [`no failed request (${formatCount(totals.failures)} failed)`, totals.failures === 0],
    [`no error in the server log (${errors.length} lines)`, errors.length === 0],
    [`no failed job (${failedJobCount})`, failedJobCount === 0],
    [
      `every accepted event stored (${formatCount(stored.rows[0]?.n ?? 0)} of ${formatCount(totals.eventsAccepted)})`,
      (stored.rows[0]?.n ?? 0) === totals.eventsAccepted,
    ],
    [
      `every enrollment completed (${notCompleted.map((r) => `${r.journey} ${r.status} ${r.n}`).join(', ') || 'all'})`,
      notCompleted.length === 0,
    ],
    [
      `one webhook per enrollment (${formatCount(sink.distinct())} distinct, ${sink.repeats()} repeats, ${formatCount(enrolledTotal)} enrollments)`,
      sink.distinct() === enrolledTotal && sink.repeats() === 0,
    ],
    [
      `memory flat (steady RSS ${trend.early.toFixed(0)} → ${trend.late.toFixed(0)} MiB, slope ${trend.slopePerHour.toFixed(1)} MiB/h)`,
      trend.late <= trend.early * (1 + FLAT),
    ],
    [
      `ingest keeps up (worst 10 s request p99 ${worstP99.toFixed(0)} ms, under ${MAX_P99_MS} ms)`,
      worstP99 < MAX_P99_MS,
    ],
    [
      `queues bounded (step backlog at most ${formatCount(maxBacklog)}, ${formatCount(lastBacklog)} at the end)`,
      maxBacklog < rate * 10 && lastBacklog < rate,
    ],
    [
      // One real-time job per workspace runs, at most one waits behind it (plus the
      // scheduled full evaluation).
      `evaluation queue bounded (at most ${maxEvaluationBacklog} jobs waiting or running)`,
      maxEvaluationBacklog <= MAX_EVALUATION_BACKLOG,
    ],
  ];
  console.log('');
  console.log(
    `  sent ${formatCount(totals.eventsSent)} events in ${formatCount(totals.requests)} requests; ${formatCount(totals.newCustomers.size)} new customers; journeys: ${enrollments.rows.map((r) => `${r.journey} ${r.status} ${formatCount(r.n)}`).join(', ')}`,
  );
  for (const [label, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}`);
  for (const e of errors.slice(0, 5)) console.log(`    error: ${e.slice(0, 300)}`);

  const csv = join(here, '..', 'artifacts', `soak-${minutes}min-${rate}.csv`);
  mkdirSync(dirname(csv), { recursive: true });
  writeFileSync(
    csv,
    [
      'seconds,rss_mib,events_per_s,request_p99_ms,steps_backlog,steps_delayed,evaluations_backlog,outbox_backlog,active_enrollments,failures',
      ...sampler.samples.map((s) =>
        [
          s.at,
          s.rssMb.toFixed(1),
          s.eventsPerSecond.toFixed(0),
          s.requestP99Ms.toFixed(1),
          backlog(s, 'journey-steps'),
          s.queues['journey-steps']?.delayed ?? 0,
          backlog(s, 'segment-evaluation'),
          backlog(s, 'outbox'),
          s.activeEnrollments,
          s.failures,
        ].join(','),
      ),
    ].join('\n'),
  );
  console.log(`  samples: ${csv}`);
  const svg = csv.replace(/\.csv$/, '.svg');
  writeFileSync(
    svg,
    soakChartSvg(
      sampler.samples,
      minutes * 60,
      `Soak: ${formatCount(rate)} events/s for ${minutes} min, two live journeys (dashed: end of the load)`,
    ),
  );
  console.log(`  chart: ${svg}`);
  console.log('');
  console.log(
    `| soak: ${formatCount(rate)} events/s through \`/v1/batch\` for ${minutes} min with two live journeys (${formatCount(enrolledTotal)} enrollments, waits of 60 s) | \`npm run bench -- soak ${process.argv.slice(2).join(' ') || `${minutes} ${rate}`}\` | RSS ${trend.early.toFixed(0)} → ${trend.late.toFixed(0)} MiB (slope ${trend.slopePerHour.toFixed(1)} MiB/h); step backlog ≤ ${formatCount(maxBacklog)}; worst 10 s request p99 ${worstP99.toFixed(0)} ms; ${formatCount(totals.failures)} failed requests, ${errors.length} error lines, ${failedJobCount} failed jobs | target: memory flat, queues bounded, no errors | ${checks.every(([, ok]) => ok) ? 'met' : 'NOT met'} |`,
  );
  if (!checks.every(([, ok]) => ok)) process.exitCode = 1;
} finally {
  await vacuum.restore();
  await app.stop();
  await sink.stop();
}
