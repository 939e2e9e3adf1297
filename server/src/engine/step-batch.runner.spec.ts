import { describe, expect, it } from 'vitest';
import type { DataSource, EntityManager } from 'typeorm';
import type { DirtyCustomersService } from '../segments/realtime/dirty-customers.service.js';
import type { JourneySchedulerService, ScheduledStep } from './journey-scheduler.service.js';
import type { JourneyStepJobData } from './journey-step.job.js';
import { StepBatchRunner } from './step-batch.runner.js';
import type { StepEnvironmentLoader } from './step-environment.loader.js';
import { NOTHING_TO_DO, type StepFollowUp } from './step-recorder.service.js';
import type { LockedEnrollment, StepRunnerService, StepScope } from './step-runner.service.js';
import { StepWrites } from './step-writes.buffer.js';
import type { VersionCacheService } from './version-cache.service.js';

const job = (enrollmentId: string, seq = 1): JourneyStepJobData => ({
  enrollmentId,
  nodeId: 'n',
  seq,
});

const next = (enrollmentId: string): StepFollowUp => ({
  ...NOTHING_TO_DO,
  steps: [{ kind: 'step', enrollmentId, nodeId: 'after', seq: 2 }],
});

/** A fake world: statements are recorded, `behaviour` decides each job's step. */
function harness(options: {
  behaviour?: (job: JourneyStepJobData) => StepFollowUp;
  failTransaction?: boolean;
}) {
  const statements: string[] = [];
  const texts: string[] = [];
  const alone: string[] = [];
  const lockedBatches: string[][] = [];
  const scheduled: ScheduledStep[][] = [];
  const em = {
    query: (sql: string, params: unknown[]) => {
      statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
      texts.push(sql);
      if (options.failTransaction) return Promise.reject(new Error('deadlock detected'));
      // The outbox insert answers with the ids it inserted: all of them (its first column).
      const outboxIds = /INSERT INTO outbox[\s\S]*?unnest\(\$(\d+)/.exec(sql)?.[1];
      if (outboxIds)
        return Promise.resolve((params[Number(outboxIds) - 1] as string[]).map((id) => ({ id })));
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  const behaviour = options.behaviour ?? ((j: JourneyStepJobData) => next(j.enrollmentId));
  const runner = {
    lockMany: (_em: EntityManager, ids: readonly string[]) => {
      lockedBatches.push([...ids]);
      return Promise.resolve(
        new Map(ids.map((id) => [id, { id, status: 'active' } as LockedEnrollment])),
      );
    },
    scope: (scopeEm: EntityManager): StepScope => ({
      writes: new StepWrites(scopeEm),
      now: new Date(),
      matches: () => Promise.resolve(true),
      environment: () => Promise.resolve(undefined),
    }),
    runLocked: (scope: StepScope, j: JourneyStepJobData) => {
      const outboxIds = scope.writes.outbox({
        workspaceId: 'w',
        enrollmentId: j.enrollmentId,
        nodeId: j.nodeId,
        customerId: '1',
        idempotencyKey: `${j.enrollmentId}.${j.nodeId}.${j.seq}`,
        messages: [
          {
            channel: 'webhook',
            payload: { url: 'http://x', method: 'POST' },
            transactional: false,
          },
        ],
      });
      const followUp = { ...behaviour(j), outboxIds };
      scope.writes.move({
        enrollmentId: j.enrollmentId,
        status: 'active',
        nodeId: 'after',
        nextRunAt: null,
        context: null,
        exitReason: null,
        seqIncrement: 1,
      });
      return Promise.resolve(followUp);
    },
    run: (j: JourneyStepJobData) => {
      alone.push(j.enrollmentId);
      return Promise.resolve(behaviour(j));
    },
  } as unknown as StepRunnerService;
  const db = {
    transaction: async <T>(fn: (em: EntityManager) => Promise<T>) => fn(em),
  } as unknown as DataSource;
  const batches = new StepBatchRunner(
    db,
    runner,
    { loadMany: () => Promise.resolve(new Map()) } as unknown as StepEnvironmentLoader,
    { get: () => Promise.resolve(undefined) } as unknown as VersionCacheService,
    {
      scheduleNext: (steps: readonly ScheduledStep[]) => {
        scheduled.push([...steps]);
        return Promise.resolve();
      },
    } as unknown as JourneySchedulerService,
    { markDirty: () => Promise.resolve() } as unknown as DirtyCustomersService,
  );
  return { batches, statements, texts, alone, lockedBatches, scheduled };
}

describe('StepBatchRunner', () => {
  it('runs a batch in one transaction: one lock, one statement writing the moves and the messages, one enqueue', async () => {
    const h = harness({});
    const outcomes = await h.batches.run([job('a'), job('b'), job('c')]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect(h.lockedBatches).toEqual([['a', 'b', 'c']]);
    expect(h.statements).toEqual(['WITH moves AS']);
    expect(h.texts[0]).toContain('UPDATE enrollments e');
    expect(h.texts[0]).toContain('INSERT INTO outbox');
    expect(h.alone).toEqual([]);
    expect(h.scheduled).toHaveLength(1);
    expect(h.scheduled[0]?.map((s) => s.enrollmentId)).toEqual(['a', 'b', 'c']);
    // Each job's outcome carries its own message, for the job to send after the batch.
    const sent = outcomes.map((o) => (o.ok ? o.followUp.outboxIds : []));
    expect(sent.map((ids) => ids.length)).toEqual([1, 1, 1]);
    expect(new Set(sent.flat()).size).toBe(3);
  });

  it('runs a second job for the same enrollment on its own, after the batch', async () => {
    const h = harness({});
    const outcomes = await h.batches.run([job('a'), job('b'), job('a', 2)]);
    expect(outcomes).toHaveLength(3);
    expect(h.lockedBatches).toEqual([['a', 'b']]);
    expect(h.alone).toEqual(['a']);
  });

  it('gives a job whose step throws its own error and commits the others', async () => {
    const h = harness({
      behaviour: (j) => {
        if (j.enrollmentId === 'b') throw new Error('provider said try later');
        return next(j.enrollmentId);
      },
    });
    const outcomes = await h.batches.run([job('a'), job('b'), job('c')]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const failed = outcomes[1];
    expect(failed && !failed.ok && String(failed.error)).toContain('provider said try later');
    expect(h.scheduled[0]?.map((s) => s.enrollmentId)).toEqual(['a', 'c']);
  });

  it('runs every job on its own when the shared transaction fails', async () => {
    const h = harness({ failTransaction: true });
    const outcomes = await h.batches.run([job('a'), job('b')]);
    expect(h.alone).toEqual(['a', 'b']);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
  });

  it('fails every job of the batch when its follow-ups cannot be enqueued', async () => {
    const h = harness({});
    (h.batches as unknown as { scheduler: { scheduleNext: () => Promise<void> } }).scheduler = {
      scheduleNext: () => Promise.reject(new Error('redis down')),
    };
    const outcomes = await h.batches.run([job('a'), job('b')]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false]);
  });
});
