import { describe, expect, it } from 'vitest';
import { type QueuedJobState, requeueJobs, type RequeueTarget } from './requeue.util.js';

class FakeQueue implements RequeueTarget<{ n: number }> {
  readonly added: string[] = [];
  readonly removed: string[] = [];
  constructor(private readonly states: Record<string, QueuedJobState | 'finished-locked'>) {}
  async jobStates(jobIds: readonly string[]): Promise<QueuedJobState[]> {
    return jobIds.map((id) => {
      const state = this.states[id] ?? 'missing';
      return state === 'finished-locked' ? 'finished' : state;
    });
  }
  async remove(jobId: string): Promise<number> {
    this.removed.push(jobId);
    return this.states[jobId] === 'finished-locked' ? 0 : 1;
  }
  async add(_name: string, _data: { n: number }, opts: { jobId: string }): Promise<unknown> {
    this.added.push(opts.jobId);
    return undefined;
  }
}

const job = (jobId: string) => ({ name: 'x', data: { n: 1 }, opts: { jobId } });

describe('requeueJobs', () => {
  it('adds lost jobs, replaces finished ones and leaves queued ones alone', async () => {
    const queue = new FakeQueue({
      done: 'finished',
      broken: 'finished',
      queued: 'pending',
      later: 'pending',
      running: 'pending',
      locked: 'finished-locked',
    });
    const added = await requeueJobs(
      queue,
      ['lost', 'done', 'broken', 'queued', 'later', 'running', 'locked'].map(job),
    );
    expect(added).toBe(3);
    expect(queue.added).toEqual(['done', 'broken', 'lost']);
    expect(queue.removed).toEqual(['done', 'broken', 'locked']);
  });

  it('does not re-run a finished job that Postgres no longer considers due', async () => {
    const queue = new FakeQueue({ done: 'finished', broken: 'finished' });
    const added = await requeueJobs(
      queue,
      ['done', 'broken', 'lost'].map(job),
      async () => new Set(['broken']),
    );
    expect(added).toBe(2);
    expect(queue.removed).toEqual(['broken']);
    expect(queue.added).toEqual(['broken', 'lost']);
  });
});
