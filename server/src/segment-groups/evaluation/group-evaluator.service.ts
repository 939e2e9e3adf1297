import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GroupEvaluationResult } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import type { EnrollmentRef } from '../../engine/enrollment.types.js';
import { JourneySchedulerService } from '../../engine/journey-scheduler.service.js';
import { TransitionEnrollerService } from '../../engine/transition-enroller.service.js';
import { recordEvaluation } from '../../metrics/evaluation.metrics.js';
import { SegmentReferenceError } from '../../segments/compiler/rule-compiler.js';
import { bucketCounts } from '../segment-group-view.mapper.js';
import { SegmentGroupsRepository } from '../segment-groups.repository.js';
import { groupNotFound } from '../segment-groups.service.js';
import { compileGroupSnapshotQuery, groupDefinitionHash } from './group-query.util.js';
import { GroupSnapshotsRepository } from './group-snapshots.repository.js';

export interface GroupEvaluateOptions {
  /** Recompute even when a snapshot of this as-of time with the same definition exists. */
  refresh?: boolean;
  /**
   * Enroll group_moved journeys when this becomes the newest snapshot (default). A read
   * that computes a missing snapshot (the movement page) passes false: looking at history
   * must not message anyone.
   */
  enrollJourneys?: boolean;
}

/**
 * Evaluates a segment group as of a time, in one transaction holding the group's row lock:
 *
 * 1. A stored snapshot of the same as-of time computed from the same member rules is
 *    reused as it is (idempotent: same snapshot id, nothing recorded) unless `refresh`.
 * 2. Otherwise one statement assigns every customer first seen by then to the first
 *    matching member (or the fallback) and stores the snapshot (the same row is reused
 *    for a recomputation, so its id stays).
 * 3. Moves are derived from consecutive snapshots in time order. Snapshots may be taken in
 *    any order, so both pairs around this one are synchronised: (previous, this) and
 *    (this, next); the latter replaces the moves that compared next with previous.
 */
@Injectable()
export class GroupEvaluatorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly groups: SegmentGroupsRepository,
    private readonly snapshots: GroupSnapshotsRepository,
    private readonly enroller: TransitionEnrollerService,
    private readonly scheduler: JourneySchedulerService,
  ) {}

  async evaluate(
    workspaceId: string,
    groupId: string,
    asOf: Date,
    options: GroupEvaluateOptions = {},
  ): Promise<GroupEvaluationResult> {
    const startedAt = performance.now();
    let enrolled: EnrollmentRef[] = [];
    const result = await this.db.transaction(async (em) => {
      const group = await this.groups.find(workspaceId, groupId, { em, lock: true });
      if (!group) throw groupNotFound(groupId);
      const segments = await this.groups.segmentRules(workspaceId, em);
      const hash = groupDefinitionHash(group.members, segments);
      const existing = await this.snapshots.find(groupId, asOf, em);
      const around = await this.snapshots.neighbours(em, groupId, asOf);
      const neighbours = {
        previousAsOf: around.previous?.asOf.toISOString() ?? null,
        nextAsOf: around.next?.asOf.toISOString() ?? null,
      };
      if (existing && existing.definition_hash === hash && !options.refresh) {
        return {
          groupId,
          snapshotId: existing.id,
          asOf: asOf.toISOString(),
          reused: true,
          total: existing.counts.reduce((a, b) => a + b, 0),
          counts: bucketCounts(group, existing.counts),
          ...neighbours,
          transitionsRecorded: 0,
          nextTransitionsChanged: 0,
        };
      }
      const snapshotId = existing?.id ?? (await this.snapshots.insert(em, groupId, asOf, hash));
      const query = compileOrConflict(() =>
        compileGroupSnapshotQuery(
          workspaceId,
          asOf,
          group.members.map((m) => m.rule),
          snapshotId,
          { segments },
        ),
      );
      const counts = await this.snapshots.fill(
        em,
        snapshotId,
        query,
        group.members.length + 1,
        hash,
      );
      const self = { id: snapshotId, asOf };
      const recorded = await this.snapshots.syncTransitions(em, groupId, around.previous, self);
      const next = around.next
        ? await this.snapshots.syncTransitions(em, groupId, self, around.next)
        : { added: 0, removed: 0 };
      // The movement between this snapshot and its neighbours, ready for the movement page.
      if (around.previous) await this.snapshots.movementCounts(around.previous.id, snapshotId, em);
      if (around.next) await this.snapshots.movementCounts(snapshotId, around.next.id, em);
      // Journeys react to moves into the newest snapshot only: filling in history
      // (a backfill between older snapshots) must not message anyone about the past.
      if (!around.next && recorded.added > 0 && options.enrollJourneys !== false)
        enrolled = await this.enroller.enrollGroupMoves(em, groupId, asOf);
      return {
        groupId,
        snapshotId,
        asOf: asOf.toISOString(),
        reused: false,
        total: counts.reduce((a, b) => a + b, 0),
        counts: bucketCounts(group, counts),
        ...neighbours,
        transitionsRecorded: recorded.added,
        nextTransitionsChanged: next.added + next.removed,
      };
    });
    await this.scheduler.scheduleStart(enrolled);
    recordEvaluation('group', result.reused ? 'reused' : 'full', startedAt);
    return result;
  }
}

/** A member whose rule refers to a missing segment or to itself is a 409, not a bug. */
function compileOrConflict<T>(compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    if (!(error instanceof SegmentReferenceError)) throw error;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `a member segment's rule cannot be compiled: ${error.message}`,
    });
  }
}
