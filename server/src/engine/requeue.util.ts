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

/** How many job states are asked for at once (ioredis pipelines concurrent commands). */
const STATE_CHUNK = 250;

/**
 * Adds jobs the reconciler found due in Postgres. A job whose id is still waiting,
 * delayed or active is left alone. One that BullMQ still keeps as completed or failed
 * would make `add` a silent no-op, so it is removed first — but only if `stillDue`
 * confirms it in Postgres after the states were read: a job that simply finished while
 * the reconciler was looking (the common case under load) is not run again.
 * Returns how many were added.
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
    const states = await Promise.all(chunk.map((job) => queue.getJobState(job.opts.jobId)));
    chunk.forEach((job, k) => {
      const state = states[k];
      if (state === 'unknown') lost.push(job);
      else if (state === 'completed' || state === 'failed') finished.push(job);
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
