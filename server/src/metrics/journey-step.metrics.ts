import { Histogram } from 'prom-client';
import { processRegistry, secondsSince } from './metrics.registry.js';

export const journeyStepDuration = new Histogram({
  name: 'switchyard_journey_step_duration_seconds',
  help: 'Journey steps by outcome (ok, error): time to run and commit the step; steps run together in one transaction (group commit) share their batch time',
  labelNames: ['outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

export const journeyStepBatchSize = new Histogram({
  name: 'switchyard_journey_step_batch_size',
  help: 'Journey steps run in one transaction (group commit; STEP_BATCH_SIZE at most)',
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
  registers: [processRegistry],
});

/** One batch of steps has finished (committed and its next steps enqueued, or failed). */
export function recordStepBatch(outcomes: readonly { ok: boolean }[], startedAt: number): void {
  const seconds = secondsSince(startedAt);
  journeyStepBatchSize.observe(outcomes.length);
  let ok = 0;
  for (const outcome of outcomes) if (outcome.ok) ok++;
  const failed = outcomes.length - ok;
  for (let i = 0; i < ok; i++) journeyStepDuration.observe({ outcome: 'ok' }, seconds);
  for (let i = 0; i < failed; i++) journeyStepDuration.observe({ outcome: 'error' }, seconds);
}
