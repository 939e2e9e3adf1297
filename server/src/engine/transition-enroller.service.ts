import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  audienceCandidates,
  groupMoveCandidates,
  scheduleCandidates,
  segmentTransitionCandidates,
} from './enrollment/candidate-sources.sql.js';
import { EnrollmentExitsService } from './enrollment/enrollment-exits.service.js';
import { EnrollmentWriterService } from './enrollment/enrollment-writer.service.js';
import type { EnrollmentRef, TransitionKind } from './enrollment.types.js';

export type { EnrollmentRef } from './enrollment.types.js';

export interface TransitionFilter {
  segmentId: string;
  asOf: Date;
  kind: TransitionKind;
}

/**
 * Turns recorded facts into enrollments inside the caller's transaction (the one that
 * recorded them): segment transitions, group moves, audience broadcasts and schedule
 * occurrences. Exits that the same facts imply (left the segment) are applied first.
 * Call `JourneySchedulerService.scheduleStart(refs)` after the transaction commits.
 */
@Injectable()
export class TransitionEnrollerService {
  constructor(
    private readonly writer: EnrollmentWriterService,
    private readonly exits: EnrollmentExitsService,
  ) {}

  async enrollInTransaction(em: EntityManager, filter: TransitionFilter): Promise<EnrollmentRef[]> {
    if (filter.kind === 'exited') await this.exits.onSegmentExit(em, filter.segmentId, filter.asOf);
    return this.writer.enroll(
      em,
      segmentTransitionCandidates(filter.segmentId, filter.asOf, filter.kind),
    );
  }

  async enrollGroupMoves(
    em: EntityManager,
    groupId: string,
    toAsOf: Date,
  ): Promise<EnrollmentRef[]> {
    await this.exits.onGroupMove(em, groupId, toAsOf);
    return this.writer.enroll(em, groupMoveCandidates(groupId, toAsOf));
  }

  enrollAudience(em: EntityManager, versionId: string): Promise<EnrollmentRef[]> {
    return this.writer.enroll(em, audienceCandidates(versionId));
  }

  enrollScheduled(
    em: EntityManager,
    versionId: string,
    occurrence: string,
  ): Promise<EnrollmentRef[]> {
    return this.writer.enroll(em, scheduleCandidates(versionId, occurrence));
  }
}
