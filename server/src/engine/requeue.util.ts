import type { RedisConnection } from '../queues/redis-connection.js';

/**
 * Where a job stands, read from its hash alone: `pending` (waiting, delayed, active ...),
 * `finished` (kept as completed or failed) or `missing` (never added, removed, or lost
 * with Redis).
 */
export type QueuedJobState = 'pending' | 'finished' | 'missing';

/** The part of a BullMQ Queue the reconciler needs. */
export interface RequeueTarget<D> {
  jobStates(jobIds: readonly string[]): Promise<QueuedJobState[]>;
  remove(jobId: string): Promise<number>;
  add(name: string, data: D, opts: { jobId: string; delay?: number }): Promise<unknown>;
}

export interface RequeueJob<D> {
  name: string;
  data: D;
  opts: { jobId: string; delay?: number };
}

/** How many job states are asked for at once (ioredis pipelines concurrent commands). */
const STATE_CHUNK = 250;

/**
 * A queue as a requeue target (`redis`: a client of the queue's Redis). A job's state
 * comes from one HMGET of its hash (`finishedOn` is set only when BullMQ moves it to
 * completed or failed, and cleared when it is retried; `timestamp` is set when it is
 * added), not from BullMQ's getJobState, whose LPOS scans the whole wait list: with a
 * backlog of 100,000 jobs one reconciler pass of 5,000 look-ups kept Redis busy for
 * seconds.
 */
export function requeueTarget<D>(
  queue: Pick<RequeueTarget<D>, 'remove' | 'add'> & { toKey(jobId: string): string },
  redis: RedisConnection,
): RequeueTarget<D> {
  return {
    async jobStates(jobIds) {
      const fields = await Promise.all(
        jobIds.map((id) => redis.hmget(queue.toKey(id), 'finishedOn', 'timestamp')),
      );
      return fields.map(([finishedOn, timestamp]) =>
        finishedOn ? 'finished' : timestamp ? 'pending' : 'missing',
      );
    },
    remove: (jobId) => queue.remove(jobId),
    add: (name, data, opts) => queue.add(name, data, opts),
  };
}

/**
 * Adds jobs the reconciler found due in Postgres. A job that is still pending is left
 * alone. One that BullMQ still keeps as completed or failed would make `add` a silent
 * no-op, so it is removed first — but only if `stillDue` confirms it in Postgres after
 * the states were read: a job that simply finished while the reconciler was looking (the
 * common case under load) is not run again. Returns how many were added.
 */
export async function requeueJobs<D>(
  queue: RequeueTarget<D>,
  jobs: readonly RequeueJob<D>[],
  stillDue: (jobs: readonly RequeueJob<D>[]) => Promise<ReadonlySet<string>> = async (finished) =>
    new Set(finished.map((j) => j.opts.jobId)),
): Promise<number> {
  const lost: RequeueJob<D>[] = [];
  const finished: RequeueJob<D>[] = [];
  for (let i = 0; i < jobs.length; i += STATE_CHUNK) {
    const chunk = jobs.slice(i, i + STATE_CHUNK);
    const states = await queue.jobStates(chunk.map((job) => job.opts.jobId));
    chunk.forEach((job, k) => {
      const state = states[k];
      if (state === 'missing') lost.push(job);
      else if (state === 'finished') finished.push(job);
    });
  }
  const confirmed = finished.length > 0 ? await stillDue(finished) : new Set<string>();
  let added = 0;
  for (const job of finished) {
    if (!confirmed.has(job.opts.jobId)) continue;
    if ((await queue.remove(job.opts.jobId)) !== 1) continue;
    await queue.add(job.name, job.data, job.opts);
    added += 1;
  }
  for (const job of lost) {
    await queue.add(job.name, job.data, job.opts);
    added += 1;
  }
  return added;
}
