import { performance } from 'node:perf_hooks';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueuedJobState, requeueTarget } from './requeue.util.js';

/**
 * The reconciler's view of BullMQ jobs, on real Redis: each state a job can be in maps to
 * pending, finished or missing, and a look-up costs the same whatever the backlog (BullMQ's
 * getJobState scans the wait list for a job that is not there).
 */
describe('requeueTarget', () => {
  const prefix = `sy-test-requeue-${process.pid}-${Date.now()}`;
  const connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const redis = new Redis('redis://127.0.0.1:6379');
  let queue: Queue<{ n: number }>;

  beforeAll(async () => {
    queue = new Queue('requeue-test', { connection, prefix });
    await queue.waitUntilReady();
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
    redis.disconnect();
  });

  it('tells pending, finished and missing jobs apart', async () => {
    const opts = { removeOnComplete: false, removeOnFail: false };
    await queue.add('job', { n: 1 }, { ...opts, jobId: 'completes' });
    await queue.add('job', { n: 2 }, { ...opts, jobId: 'fails', attempts: 1 });
    await queue.add('job', { n: 3 }, { ...opts, jobId: 'retries', attempts: 2, backoff: 60_000 });
    await queue.add('job', { n: 4 }, { ...opts, jobId: 'runs' });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const worker = new Worker<{ n: number }>(
      'requeue-test',
      async (job: Job<{ n: number }>) => {
        if (job.data.n === 2 || job.data.n === 3) throw new Error('no');
        if (job.data.n === 4) await held;
        return 'ok';
      },
      { connection, prefix, concurrency: 4 },
    );
    const stateOf = async (id: string) => queue.getJobState(id);
    try {
      await expectEventually(async () =>
        [
          await stateOf('completes'),
          await stateOf('fails'),
          await stateOf('retries'),
          await stateOf('runs'),
        ].join(),
      ).toBe('completed,failed,delayed,active');
      // While it runs, a job is pending too.
      expect(await requeueTarget(queue, redis).jobStates(['runs'])).toEqual(['pending']);
    } finally {
      release();
      await worker.close();
    }
    await queue.add('job', { n: 5 }, { jobId: 'waits' });
    await queue.add('job', { n: 6 }, { jobId: 'later', delay: 60_000 });
    const target = requeueTarget(queue, redis);
    const ids = ['completes', 'fails', 'retries', 'waits', 'later', 'never-added'];
    expect(await target.jobStates(ids)).toEqual<QueuedJobState[]>([
      'finished',
      'finished',
      'pending',
      'pending',
      'pending',
      'missing',
    ]);
    // A finished job that is retried is pending again.
    await (await queue.getJob('fails'))?.retry();
    expect(await target.jobStates(['fails'])).toEqual(['pending']);
  });

  it('looks jobs up without scanning the backlog', async () => {
    const backlog = new Queue<{ n: number }>('requeue-backlog', { connection, prefix });
    try {
      for (let i = 0; i < 60_000; i += 5_000)
        await backlog.addBulk(
          Array.from({ length: 5_000 }, (_, k) => ({
            name: 'job',
            data: { n: i + k },
            opts: { jobId: `queued-${i + k}` },
          })),
        );
      const missing = Array.from({ length: 250 }, (_, k) => `missing-${k}`);
      const timed = async (fn: () => Promise<unknown>) => {
        const started = performance.now();
        await fn();
        return performance.now() - started;
      };
      const target = requeueTarget(backlog, redis);
      // BullMQ's own look-up, as the reconciler used it: two LPOS over 60,000 entries each.
      const scanning = await timed(() => Promise.all(missing.map((id) => backlog.getJobState(id))));
      const byHash = await timed(() => target.jobStates(missing));
      expect(await target.jobStates(['queued-0', 'queued-59999', 'missing-1'])).toEqual([
        'pending',
        'pending',
        'missing',
      ]);
      expect(byHash).toBeLessThan(scanning / 4);
    } finally {
      await backlog.obliterate({ force: true });
      await backlog.close();
    }
  }, 60_000);
});

function expectEventually(read: () => Promise<string>) {
  return {
    async toBe(expected: string): Promise<void> {
      const deadline = Date.now() + 10_000;
      let last = '';
      while (Date.now() < deadline) {
        last = await read();
        if (last === expected) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(last).toBe(expected);
    },
  };
}
