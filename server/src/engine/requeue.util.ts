/** The part of a BullMQ Queue the reconciler needs. */
export interface RequeueTarget<D> {
  getJobState(jobId: string): Promise<string>;
  remove(jobId: string): Promise<number>;
  add(name: string, data: D, opts: { jobId: string; delay?: number }): Promise<unknown>;
}

export interface RequeueJob<D> {
  name: string;
  data: D;
  opts: { jobId: string; delay?: number };
}

/**
 * Adds jobs the reconciler found due in Postgres. A job whose id is still waiting,
 * delayed or active is left alone. One that BullMQ still keeps as completed or failed
 * would make `add` a silent no-op, so it is removed first: processing is decided by
 * the rows (replays are no-ops), so running it again is safe. Returns how many were added.
 */
export async function requeueJobs<D>(
  queue: RequeueTarget<D>,
  jobs: readonly RequeueJob<D>[],
): Promise<number> {
  let added = 0;
  for (const job of jobs) {
    const state = await queue.getJobState(job.opts.jobId);
    if (state === 'completed' || state === 'failed') {
      const removed = await queue.remove(job.opts.jobId);
      if (removed !== 1) continue;
    } else if (state !== 'unknown') {
      continue;
    }
    await queue.add(job.name, job.data, job.opts);
    added += 1;
  }
  return added;
}
