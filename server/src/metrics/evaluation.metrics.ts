import { Histogram } from 'prom-client';
import { processRegistry, secondsSince } from './metrics.registry.js';

export type EvaluationTarget = 'segment' | 'group';
/** full: everyone as of a time; incremental: some customers (real time); reused: a stored snapshot. */
export type EvaluationMode = 'full' | 'incremental' | 'reused';

export const evaluationDuration = new Histogram({
  name: 'switchyard_evaluation_duration_seconds',
  help: 'Segment and segment group evaluations by target (segment, group) and mode (full, incremental, reused), including their transaction',
  labelNames: ['target', 'mode'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers: [processRegistry],
});

export function recordEvaluation(
  target: EvaluationTarget,
  mode: EvaluationMode,
  startedAt: number,
): void {
  evaluationDuration.observe({ target, mode }, secondsSince(startedAt));
}
