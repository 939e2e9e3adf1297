import { Injectable } from '@nestjs/common';
import { BACKFILL_MAX_POINTS, resolveAsOf } from '@switchyard/contracts';
import { GroupEvaluatorService } from '../evaluation/group-evaluator.service.js';
import { backfillPoints } from './backfill-points.util.js';
import type { GroupBackfillJobData } from './group-backfill.job.js';
import { GroupBackfillsRepository } from './group-backfills.repository.js';

export interface BackfillHooks {
  /** Called after each snapshot with the number done so far. */
  onProgress: (done: number, total: number) => Promise<void>;
  /** Checked between snapshots; true stops early (the job is resumed later). */
  shouldStop: () => boolean;
}

export type BackfillRunOutcome =
  | { outcome: 'completed'; done: number }
  | { outcome: 'stopped'; done: number }
  | { outcome: 'gone' };

/**
 * Computes a backfill's snapshots in time order, each in its own transaction, so other
 * evaluations interleave and a crash loses at most the snapshot in progress. Resumes
 * after the last one counted as done; snapshots that already exist are reused.
 */
@Injectable()
export class GroupBackfillRunnerService {
  constructor(
    private readonly backfills: GroupBackfillsRepository,
    private readonly evaluator: GroupEvaluatorService,
  ) {}

  async run(data: GroupBackfillJobData, hooks: BackfillHooks): Promise<BackfillRunOutcome> {
    const backfill = await this.backfills.find(data.workspaceId, data.backfillId);
    if (!backfill) return { outcome: 'gone' };
    if (backfill.status === 'completed') return { outcome: 'completed', done: backfill.done };
    await this.backfills.markRunning(backfill.id);
    const points = backfillPoints(backfill.from, backfill.to, backfill.every, BACKFILL_MAX_POINTS);
    for (let i = backfill.done; i < points.length; i++) {
      if (hooks.shouldStop()) return { outcome: 'stopped', done: i };
      try {
        await this.evaluator.evaluate(
          data.workspaceId,
          data.groupId,
          resolveAsOf(points[i] as string),
        );
      } catch (error) {
        // The group (and with it the backfill) was deleted meanwhile: nothing left to do.
        if (!(await this.backfills.find(data.workspaceId, backfill.id))) return { outcome: 'gone' };
        throw error;
      }
      await this.backfills.progress(backfill.id, i + 1);
      await hooks.onProgress(i + 1, points.length);
    }
    await this.backfills.finish(backfill.id, { status: 'completed' });
    return { outcome: 'completed', done: points.length };
  }

  async fail(backfillId: string, error: string): Promise<void> {
    await this.backfills.finish(backfillId, { status: 'failed', error });
  }
}
