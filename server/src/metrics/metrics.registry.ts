import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's metrics: Node's default process metrics (CPU, memory, event loop lag,
 * GC, handles) and Switchyard's own instruments, which the code records into directly
 * (`http-metrics.ts`, `engine-metrics.ts`, ...). Queue depths are read from BullMQ at
 * scrape time by the app's QueueMetricsCollector; `/metrics` serves both.
 */
export const processRegistry = new Registry();

collectDefaultMetrics({ register: processRegistry });

/** Seconds since `startedAt` (a `performance.now()` reading). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
