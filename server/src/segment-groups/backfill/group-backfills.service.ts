import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import {
  BACKFILL_MAX_POINTS,
  type GroupBackfillBody,
  type GroupBackfillView,
} from '@switchyard/contracts';
import type { Queue } from 'bullmq';
import { QueueName } from '../../queues/queue-names.js';
import { SegmentGroupsService } from '../segment-groups.service.js';
import { backfillPoints } from './backfill-points.util.js';
import {
  GROUP_BACKFILL_JOB,
  groupBackfillJobId,
  type GroupBackfillJobData,
} from './group-backfill.job.js';
import { GroupBackfillsRepository, type StoredBackfill } from './group-backfills.repository.js';

export function toBackfillView(b: StoredBackfill): GroupBackfillView {
  const { workspaceId: _workspaceId, ...view } = b;
  return view;
}

/** Starts backfills (row first, then the job) and reads their progress. */
@Injectable()
export class GroupBackfillsService {
  private readonly logger = new Logger(GroupBackfillsService.name);

  constructor(
    private readonly groups: SegmentGroupsService,
    private readonly backfills: GroupBackfillsRepository,
    @InjectQueue(QueueName.GroupBackfill) private readonly queue: Queue<GroupBackfillJobData>,
  ) {}

  async start(
    workspaceId: string,
    groupId: string,
    body: GroupBackfillBody,
  ): Promise<GroupBackfillView> {
    await this.groups.get(workspaceId, groupId);
    const points = backfillPoints(body.from, body.to, body.every, BACKFILL_MAX_POINTS);
    if (points.length > BACKFILL_MAX_POINTS) {
      const message = `more than ${BACKFILL_MAX_POINTS} snapshots from ${body.from} every ${body.every}; choose a later "to" or a longer interval`;
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `to: ${message}`,
        issues: [{ field: 'to', message }],
      });
    }
    const id = await this.backfills.insert(groupId, body, points.length);
    const stored = await this.backfills.find(workspaceId, id);
    if (!stored) throw new Error(`backfill ${id} vanished`);
    try {
      await this.enqueue(stored);
    } catch (error) {
      // The row is in Postgres; the worker re-enqueues unfinished backfills.
      this.logger.warn(`backfill ${id} not enqueued yet: ${(error as Error).message}`);
    }
    return toBackfillView(stored);
  }

  async get(workspaceId: string, groupId: string, backfillId: string): Promise<GroupBackfillView> {
    const backfill = await this.backfills.find(workspaceId, backfillId);
    if (!backfill || backfill.groupId !== groupId)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `backfill ${backfillId} of segment group ${groupId} not found`,
      });
    return toBackfillView(backfill);
  }

  /** The one place backfill jobs are enqueued (deterministic id: a duplicate is a no-op). */
  async enqueue(backfill: StoredBackfill): Promise<void> {
    await this.queue.add(
      GROUP_BACKFILL_JOB,
      { backfillId: backfill.id, workspaceId: backfill.workspaceId, groupId: backfill.groupId },
      {
        jobId: groupBackfillJobId(backfill.id),
        attempts: 3,
        removeOnComplete: true,
        removeOnFail: { age: 24 * 3600 },
      },
    );
  }

  /** Re-enqueues every unfinished backfill (after a restart or a Redis loss). */
  async recover(): Promise<number> {
    const unfinished = await this.backfills.unfinished();
    for (const backfill of unfinished) await this.enqueue(backfill);
    return unfinished.length;
  }
}
