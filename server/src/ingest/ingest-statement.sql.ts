import {
  CUSTOMER_MERGE_ON_CONFLICT_SQL,
  proposedTraitsSql,
} from '../customers/customer-merge.sql.js';

/**
 * The one statement that stores a group-committed batch of real-time messages of one
 * workspace. $1 is the workspace, $2 a JSON array of rows
 * `[type, externalId, messageId, name, payload, timestamp]` (ingest-rows.ts), in the
 * order the messages arrived. Only fixed SQL text lives here; every value is bound.
 *
 * In one pass, with one round trip and the rows sent once:
 * - repeated message ids are dropped (the first by position stays), and so are ids
 *   already stored, so a retried request changes nothing;
 * - customers are upserted: identify traits merged in (timestamp, position) order,
 *   first/last seen widened; traits that would pass the customer's limit abort it
 *   (customer-traits-limit.sql.ts). The upsert always returns its row (DO UPDATE, with
 *   updated_at moved only when something changed) so that the events join it directly:
 *   a customer created by a concurrent writer after this statement's snapshot is
 *   still found (a DO NOTHING or a conditional update would drop its events);
 * - events are inserted (ON CONFLICT covers a concurrent writer of the same id);
 * - the customers that got events are marked for real-time evaluation, durably, with
 *   one realtime_dirty row (see segments/realtime);
 * - it answers how many events were stored, the new events whose name triggers a live
 *   journey (they are enrolled in the same transaction), and the active runs waiting
 *   for one of these events or having one as their exit goal (they get a `wake` job
 *   after commit, as EventWakeService does for other writers).
 */
export const INGEST_STATEMENT_SQL = `
  WITH src AS (
    SELECT r.pos, r.v ->> 0 AS type, r.v ->> 1 AS external_id, r.v ->> 2 AS message_id,
           r.v ->> 3 AS name, r.v -> 4 AS payload, (r.v ->> 5)::timestamptz AS ts
    FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS r(v, pos)
  ),
  m AS (
    SELECT DISTINCT ON (s.message_id, CASE WHEN s.message_id IS NULL THEN s.pos END) s.*
    FROM src s
    ORDER BY s.message_id, CASE WHEN s.message_id IS NULL THEN s.pos END, s.pos
  ),
  -- One index probe per message: OFFSET 0 keeps NOT EXISTS a per-row subplan, never a
  -- hash of the workspace's events, whatever the statistics say.
  fresh AS (
    SELECT m.* FROM m
    WHERE NOT EXISTS (
      SELECT 1 FROM events e
      WHERE e.workspace_id = $1::uuid AND e.message_id = m.message_id OFFSET 0
    )
  ),
  merged AS (
    SELECT f.external_id, jsonb_object_agg(t.key, t.value ORDER BY f.ts, f.pos) AS traits
    FROM fresh f CROSS JOIN LATERAL jsonb_each(f.payload) AS t
    WHERE f.type = 'identify'
    GROUP BY f.external_id
  ),
  upserted AS (
    INSERT INTO customers AS c (workspace_id, external_id, traits, first_seen_at, last_seen_at)
    SELECT $1::uuid, s.external_id,
           ${proposedTraitsSql("coalesce(merged.traits, '{}'::jsonb)", '$1::uuid', 's.external_id')},
           s.first_seen_at, s.last_seen_at
    FROM (SELECT external_id, min(ts) AS first_seen_at, max(ts) AS last_seen_at FROM fresh GROUP BY external_id) s
    LEFT JOIN merged USING (external_id)
    ORDER BY s.external_id
    ${CUSTOMER_MERGE_ON_CONFLICT_SQL}
    RETURNING c.id, c.external_id
  ),
  inserted AS (
    INSERT INTO events (workspace_id, customer_id, type, name, properties, ts, message_id)
    SELECT $1::uuid, u.id, f.type, f.name, f.payload, f.ts, f.message_id
    FROM fresh f JOIN upserted u USING (external_id)
    -- customer order keeps index and foreign-key lookups local
    ORDER BY u.id, f.ts, f.pos
    ON CONFLICT (workspace_id, message_id) WHERE message_id IS NOT NULL DO NOTHING
    RETURNING id, customer_id, name
  ),
  marked AS (
    INSERT INTO realtime_dirty (workspace_id, customer_ids)
    SELECT $1::uuid, array_agg(DISTINCT customer_id) FROM inserted HAVING count(*) > 0
    RETURNING id
  ),
  trigger_names AS (
    SELECT v.trigger_event AS name
    FROM journey_versions v JOIN journeys j ON j.live_version_id = v.id AND j.status = 'live'
    WHERE v.workspace_id = $1::uuid AND v.trigger_kind = 'event'
  )
  SELECT
    (SELECT count(*) FROM inserted)::int AS inserted,
    (SELECT max(id) FROM inserted)::text AS last_event_id,
    (SELECT json_agg(json_build_array(i.id::text, i.customer_id::text, i.name))
       FROM inserted i WHERE i.name IN (SELECT name FROM trigger_names)) AS triggered,
    -- Runs are looked up per customer (OFFSET 0 keeps the lateral subquery a
    -- parameterized index probe of enrollments_active_customer, never a scan of active runs).
    (SELECT json_agg(json_build_array(w.id, w.current_node_id, w.step_seq))
       FROM (SELECT DISTINCT customer_id FROM inserted) ic
       CROSS JOIN LATERAL (
         SELECT e.id, e.current_node_id, e.step_seq
         FROM enrollments e
         JOIN journey_versions v ON v.id = e.version_id
         LEFT JOIN enrollment_steps s ON s.enrollment_id = e.id AND s.seq = e.step_seq AND s.status = 'waiting'
         WHERE e.customer_id = ic.customer_id AND e.workspace_id = $1::uuid AND e.status = 'active'
           AND (s.wait_event ->> 'name' IN (SELECT name FROM inserted)
                OR ((v.settings #>> '{exit,onGoal}')::boolean IS TRUE
                    AND v.settings #>> '{goal,event}' IN (SELECT name FROM inserted)))
         OFFSET 0
       ) w) AS wakes`;

/** The statement's one answer row. */
export interface IngestStatementRow {
  inserted: number;
  last_event_id: string | null;
  /** [event id, customer id, name] of new events some live journey is triggered by. */
  triggered: [string, string, string][] | null;
  /** [enrollment id, current node, step seq] of runs to wake. */
  wakes: [string, string, number][] | null;
}
