import { Histogram } from 'prom-client';
import { processRegistry, secondsSince } from './metrics.registry.js';

/** completed; failed (thrown: retried or final); delayed (moved back to the delayed set). */
export type JobResult = 'completed' | 'failed' | 'delayed';

export const queueJobDuration = new Histogram({
  name: 'switchyard_queue_job_duration_seconds',
  help: 'BullMQ jobs processed by this process, by queue and result (completed, failed, delayed)',
  labelNames: ['queue', 'result'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [processRegistry],
});

export function recordJob(queue: string, result: JobResult, startedAt: number): void {
  queueJobDuration.observe({ queue, result }, secondsSince(startedAt));
}
