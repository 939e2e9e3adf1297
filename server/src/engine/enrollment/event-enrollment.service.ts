import { Injectable } from '@nestjs/common';
import { triggerSchema, type Trigger } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import { selectRows } from '../../database/sql.util.js';
import { SqlParams } from '../../segments/compiler/sql-params.js';
import type { EnrollmentRef } from '../enrollment.types.js';
import { eventMatchSql } from '../rules/event-match.sql.js';
import { eventCandidates } from './candidate-sources.sql.js';
import { EnrollmentWriterService } from './enrollment-writer.service.js';

export interface StoredEvent {
  id: string;
  customer_id: string;
  name: string;
}

/**
 * Event triggers: in the ingest transaction, the events just stored enroll their
 * customers in every live journey triggered by that event name whose property filters
 * they match. One lookup when no journey listens to these names.
 */
@Injectable()
export class EventEnrollmentService {
  constructor(private readonly writer: EnrollmentWriterService) {}

  async enrollInTransaction(
    em: EntityManager,
    workspaceId: string,
    events: readonly StoredEvent[],
  ): Promise<EnrollmentRef[]> {
    if (events.length === 0) return [];
    const names = [...new Set(events.map((e) => e.name))];
    const versions = await selectRows<{ id: string; trigger: Trigger }>(
      em,
      `SELECT v.id, v.trigger FROM journey_versions v
         JOIN journeys j ON j.live_version_id = v.id AND j.status = 'live'
        WHERE v.workspace_id = $1 AND v.trigger_kind = 'event' AND v.trigger_event = ANY($2::text[])`,
      [workspaceId, names],
    );
    const refs: EnrollmentRef[] = [];
    for (const version of versions) {
      const trigger = triggerSchema.parse(version.trigger);
      if (trigger.kind !== 'event') continue;
      const ids = events.filter((e) => e.name === trigger.event).map((e) => e.id);
      // $1 workspace and $2 event ids belong to the candidate source; filters follow.
      const params = new SqlParams([workspaceId, ids, version.id]);
      const match = `v.id = $3::uuid AND ${eventMatchSql('e', trigger.event, trigger.where, params, 'e.ts')}`;
      refs.push(
        ...(await this.writer.enroll(
          em,
          eventCandidates(workspaceId, ids, match, params.values.slice(2)),
        )),
      );
    }
    return refs;
  }
}
