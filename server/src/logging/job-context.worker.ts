import { DelayedError, type Job, type Processor, Worker } from 'bullmq';
import { recordJob } from '../metrics/queue-job.metrics.js';
import { runInJobLogContext } from './job-log-context.js';

type WorkerArgs = ConstructorParameters<typeof Worker>;

/**
 * The BullMQ Worker every @Processor runs on (set as `BullModule.workerClass` in
 * QueuesModule): each job runs in a logging context that adds `queue` and `jobId` to
 * every log line written while it runs, including lines from services using Nest's
 * Logger, and its duration is recorded in `switchyard_queue_job_duration_seconds`.
 */
export class JobContextWorker extends Worker {
  constructor(...args: WorkerArgs) {
    const [name, processor, ...rest] = args;
    super(name, typeof processor === 'function' ? withJobContext(processor) : processor, ...rest);
  }
}

/** Wraps a processor, keeping its arity (BullMQ passes an AbortSignal only to 3-argument ones). */
export function withJobContext(processor: Processor): Processor {
  const run = (job: Job, fn: () => Promise<unknown>): Promise<unknown> => {
    const startedAt = performance.now();
    return runInJobLogContext(job, fn).then(
      (result) => {
        recordJob(job.queueName, 'completed', startedAt);
        return result;
      },
      (error: unknown) => {
        recordJob(job.queueName, error instanceof DelayedError ? 'delayed' : 'failed', startedAt);
        throw error;
      },
    );
  };
  return processor.length >= 3
    ? (job, token, signal) => run(job, () => processor(job, token, signal))
    : (job, token) => run(job, () => processor(job, token));
}
