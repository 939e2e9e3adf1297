import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute } from '../../database/sql.util.js';

export const EXIT_REASONS = {
  leftSegment: 'left the segment',
  leftGroup: 'left the target group',
  goal: 'reached the goal',
  stopped: 'the journey was stopped',
} as const;

/**
 * Ends active runs early, set-based, in the transaction that recorded the reason (the
 * segment exit, the group move). A step job that arrives later finds the enrollment no
 * longer active and does nothing.
 */
@Injectable()
export class EnrollmentExitsService {
  /** Journeys started by entering (or scheduled on) the segment, with exit.onSegmentExit. */
  async onSegmentExit(em: EntityManager, segmentId: string, asOf: Date): Promise<number> {
    return execute(
      em,
      `UPDATE enrollments e SET status = 'exited', exit_reason = $3, finished_at = now(), updated_at = now()
         FROM segment_transitions t, journey_versions v
        WHERE t.segment_id = $1 AND t.as_of = $2 AND t.kind = 'exited'
          AND v.trigger_segment_id = t.segment_id AND v.trigger_kind IN ('segment_entered', 'schedule')
          AND (v.settings #>> '{exit,onSegmentExit}')::boolean IS TRUE
          AND e.version_id = v.id AND e.customer_id = t.customer_id AND e.status = 'active'`,
      [segmentId, asOf, EXIT_REASONS.leftSegment],
    );
  }

  /** Group-moved journeys with exit.onSegmentExit: the customer moved out of every `to` bucket. */
  async onGroupMove(em: EntityManager, groupId: string, toAsOf: Date): Promise<number> {
    return execute(
      em,
      `UPDATE enrollments e SET status = 'exited', exit_reason = $3, finished_at = now(), updated_at = now()
         FROM group_transitions gt
         LEFT JOIN segment_group_members tm ON tm.group_id = gt.group_id AND tm.member_index = gt.to_index,
              journey_versions v
        WHERE gt.group_id = $1 AND gt.to_as_of = $2
          AND v.trigger_group_id = gt.group_id AND v.trigger_kind = 'group_moved'
          AND (v.settings #>> '{exit,onSegmentExit}')::boolean IS TRUE
          AND NOT (v.trigger -> 'to' ? COALESCE(tm.segment_id::text, 'fallback'))
          AND e.version_id = v.id AND e.customer_id = gt.customer_id AND e.status = 'active'`,
      [groupId, toAsOf, EXIT_REASONS.leftGroup],
    );
  }

  /** Every active run of a journey (stop). */
  async stopJourney(em: EntityManager, journeyId: string): Promise<number> {
    return execute(
      em,
      `UPDATE enrollments SET status = 'exited', exit_reason = $2, finished_at = now(), updated_at = now()
        WHERE journey_id = $1 AND status = 'active'`,
      [journeyId, EXIT_REASONS.stopped],
    );
  }
}
