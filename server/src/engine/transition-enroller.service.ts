import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { selectRows } from '../database/sql.util.js';
import type { EnrollmentRef, TransitionKind } from './enrollment.types.js';

export type { EnrollmentRef } from './enrollment.types.js';

export interface TransitionFilter {
  segmentId: string;
  asOf: Date;
  kind: TransitionKind;
}

/**
 * Turns recorded transitions into enrollments, set-based, inside the caller's
 * transaction (the one that inserted the transitions). Every live journey whose
 * trigger listens to this segment and kind enrolls each transition once: the unique
 * (journey_id, transition_id) makes a repeat a no-op. Call `JourneySchedulerService
 * .scheduleStart(refs)` after the transaction commits.
 */
@Injectable()
export class TransitionEnrollerService {
  async enrollInTransaction(em: EntityManager, filter: TransitionFilter): Promise<EnrollmentRef[]> {
    const rows = await selectRows<{ id: string; current_node_id: string }>(
      em,
      `INSERT INTO enrollments (workspace_id, journey_id, version_id, customer_id, transition_id, current_node_id, next_run_at)
       SELECT t.workspace_id, j.id, v.id, t.customer_id, t.id, v.entry_node_id, now()
         FROM segment_transitions t
         JOIN journey_versions v ON v.trigger_segment_id = t.segment_id AND v.trigger_kind = t.kind
         JOIN journeys j ON j.live_version_id = v.id AND j.status = 'live' AND j.workspace_id = t.workspace_id
        WHERE t.segment_id = $1 AND t.as_of = $2 AND t.kind = $3
       ON CONFLICT (journey_id, transition_id) DO NOTHING
       RETURNING id, current_node_id`,
      [filter.segmentId, filter.asOf, filter.kind],
    );
    return rows.map((row) => ({ id: row.id, currentNodeId: row.current_node_id }));
  }
}
