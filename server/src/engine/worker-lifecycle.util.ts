import type { Logger } from '@nestjs/common';
import type { Job, Worker } from 'bullmq';

/**
 * Processors are declared with `autorun: false` and started once the application has
 * booted, with the configured concurrency. @nestjs/bullmq builds the worker from the
 * decorator (no config there), so concurrency is set here.
 */
export function startWorker(worker: Worker, concurrency: number, logger: Logger): void {
  worker.concurrency = concurrency;
  worker
    .run()
    .catch((error: unknown) => logger.error({ err: error }, `worker ${worker.name} stopped`));
}

/** Whether this run is the job's last attempt (so a failure is final). */
export function isFinalAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
