import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { selectRows } from '../../database/sql.util.js';
import type { EnrollmentRef } from '../enrollment.types.js';

/**
 * A SELECT producing enrollment candidates with the columns
 * `journey_id, version_id, workspace_id, customer_id, entry_key, transition_id,
 *  trigger_data, entry_node_id, settings` (settings = the version's journey settings).
 */
export interface CandidateSource {
  sql: string;
  params: unknown[];
}

/** The live versions of live journeys (join `v` to this). */
export const LIVE_VERSION_JOIN = `JOIN journeys j ON j.live_version_id = v.id AND j.status = 'live'`;

/**
 * Writes enrollments for every candidate the journey's re-entry rule allows, set-based,
 * in the caller's transaction:
 * - `(journey_id, entry_key)` is unique, so the same trigger firing twice enrolls once;
 * - at most one new enrollment per (journey, customer) per call;
 * - re-entry: `never` skips anyone who ever entered, `after_exit` anyone with an active
 *   run, `always` anyone who entered within the cooldown.
 * Concurrent writers for the same journeys are serialised by a transaction-scoped
 * advisory lock per journey, so the re-entry check sees every committed enrollment.
 * Call `JourneySchedulerService.scheduleStart` with the result after commit.
 */
@Injectable()
export class EnrollmentWriterService {
  async enroll(em: EntityManager, source: CandidateSource): Promise<EnrollmentRef[]> {
    const journeys = await selectRows<{ journey_id: string }>(
      em,
      `SELECT DISTINCT c.journey_id FROM (${source.sql}) c ORDER BY c.journey_id`,
      source.params,
    );
    if (journeys.length === 0) return [];
    await selectRows(
      em,
      `SELECT pg_advisory_xact_lock(hashtextextended('enroll:' || id, 0))
         FROM unnest($1::text[]) AS id ORDER BY id`,
      [journeys.map((j) => j.journey_id)],
    );
    const rows = await selectRows<{ id: string; current_node_id: string; step_seq: number }>(
      em,
      `WITH candidates AS (${source.sql}),
       picked AS (
         SELECT DISTINCT ON (c.journey_id, c.customer_id) c.*
           FROM candidates c
          ORDER BY c.journey_id, c.customer_id, c.entry_key
       )
       INSERT INTO enrollments
         (workspace_id, journey_id, version_id, customer_id, transition_id, entry_key, trigger_data, current_node_id, next_run_at)
       SELECT p.workspace_id, p.journey_id, p.version_id, p.customer_id, p.transition_id, p.entry_key,
              p.trigger_data, p.entry_node_id, now()
         FROM picked p
        WHERE NOT EXISTS (
          SELECT 1 FROM enrollments prior
           WHERE prior.journey_id = p.journey_id AND prior.customer_id = p.customer_id
             AND CASE p.settings #>> '{reentry,mode}'
                   WHEN 'never' THEN true
                   WHEN 'always' THEN prior.created_at >
                     now() - interval '1 hour' * COALESCE((p.settings #>> '{reentry,cooldownHours}')::float8, 0)
                   ELSE prior.status = 'active'
                 END)
       ON CONFLICT (journey_id, entry_key) DO NOTHING
       RETURNING id, current_node_id, step_seq`,
      source.params,
    );
    return rows.map((row) => ({
      id: row.id,
      currentNodeId: row.current_node_id,
      seq: row.step_seq,
    }));
  }
}
