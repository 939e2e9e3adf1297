import { BadRequestException, Injectable } from '@nestjs/common';
import type { GroupMovementView } from '@switchyard/contracts';
import { GroupEvaluatorService } from '../evaluation/group-evaluator.service.js';
import { GroupSnapshotsRepository } from '../evaluation/group-snapshots.repository.js';
import { groupBuckets } from '../segment-group-view.mapper.js';
import { SegmentGroupsService } from '../segment-groups.service.js';
import { toMovementView } from './group-movement.mapper.js';

const DAY_MS = 86_400_000;

/**
 * Who moved where between two dates in a group. Each date's snapshot is reused when it
 * exists and is current, else computed now (one set-based evaluation, without enrolling
 * anyone in journeys); the answer is one grouped merge of the two member lists.
 */
@Injectable()
export class GroupMovementService {
  constructor(
    private readonly groups: SegmentGroupsService,
    private readonly evaluator: GroupEvaluatorService,
    private readonly snapshots: GroupSnapshotsRepository,
  ) {}

  async movement(
    workspaceId: string,
    groupId: string,
    from: Date,
    to: Date,
  ): Promise<GroupMovementView> {
    const group = await this.groups.get(workspaceId, groupId);
    const { fromId, toId, computed } = await this.ensureSnapshots(workspaceId, groupId, from, to);
    const counts = await this.snapshots.movementCounts(fromId, toId);
    return toMovementView({ groupId, from, to, computed }, groupBuckets(group), counts);
  }

  /**
   * The snapshots of both dates, computed when missing or out of date (never enrolling
   * anyone: looking at history must not message customers). 404 for an unknown group.
   */
  async snapshotsFor(
    workspaceId: string,
    groupId: string,
    from: Date,
    to: Date,
  ): Promise<{ fromId: string; toId: string; computed: Date[] }> {
    await this.groups.get(workspaceId, groupId);
    return this.ensureSnapshots(workspaceId, groupId, from, to);
  }

  /** snapshotsFor, for a group already known to exist. */
  private async ensureSnapshots(
    workspaceId: string,
    groupId: string,
    from: Date,
    to: Date,
  ): Promise<{ fromId: string; toId: string; computed: Date[] }> {
    if (to.getTime() > Date.now() + DAY_MS)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'query.to: must not be in the future',
        issues: [{ field: 'query.to', message: 'must not be in the future' }],
      });
    const computed: Date[] = [];
    const snapshotAt = async (asOf: Date) => {
      const result = await this.evaluator.evaluate(workspaceId, groupId, asOf, {
        enrollJourneys: false,
      });
      if (!result.reused) computed.push(asOf);
      return result.snapshotId;
    };
    const fromId = await snapshotAt(from);
    const toId = from.getTime() === to.getTime() ? fromId : await snapshotAt(to);
    return { fromId, toId, computed };
  }
}
