import { outboxRecipientSql, outboxSummarySql } from '../channels/message-summary.util.js';

/** An outbox row as the Deliveries page shows it. */
export interface DeliveryRow {
  id: string;
  channel: 'email' | 'sms' | 'webhook';
  status: 'pending' | 'sent' | 'failed';
  recipient: string | null;
  summary: string | null;
  transactional: boolean;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  next_attempt_at: Date | null;
  customer_id: string | null;
  external_id: string | null;
  journey_id: string | null;
  journey_name: string | null;
  node_id: string | null;
  node_label: string | null;
  node_type: string | null;
}

const DELIVERY_COLUMNS = `
SELECT o.id, o.channel, o.status, ${outboxRecipientSql('o')} AS recipient,
       ${outboxSummarySql('o')} AS summary,
       o.transactional, o.attempts, o.last_error, o.created_at, o.sent_at, o.next_attempt_at,
       c.id::text AS customer_id, c.external_id,
       j.id AS journey_id, j.name AS journey_name, o.node_id, step.label AS node_label, step.type AS node_type
  FROM outbox o
  LEFT JOIN customers c ON c.id = o.customer_id
  LEFT JOIN enrollments e ON e.id = o.enrollment_id
  LEFT JOIN journeys j ON j.id = e.journey_id
  LEFT JOIN journey_versions v ON v.id = e.version_id
  LEFT JOIN LATERAL (
    SELECT nullif(btrim(n->>'label'), '') AS label, n->>'type' AS type
      FROM jsonb_array_elements(v.graph->'nodes') n
     WHERE n->>'id' = o.node_id
     LIMIT 1
  ) step ON true`;

/**
 * Rows of a workspace ($1) by status ($2) and, each when not null, channel ($3), journey
 * ($6) and step ($7); newest first, $4 rows from $5. Failed rows come from the partial
 * index outbox_failed, waiting ones from outbox_pending (few). The step is read from the
 * run's version graph: its label, else its type's title.
 */
export const DELIVERIES_SQL = `${DELIVERY_COLUMNS}
 WHERE o.workspace_id = $1 AND o.status = $2 AND ($3::text IS NULL OR o.channel = $3)
   AND ($6::uuid IS NULL OR e.journey_id = $6) AND ($7::text IS NULL OR o.node_id = $7)
 ORDER BY o.created_at DESC, o.id DESC
 LIMIT $4 OFFSET $5`;

/** One row of a workspace ($1) by id ($2). */
export const DELIVERY_SQL = `${DELIVERY_COLUMNS}
 WHERE o.workspace_id = $1 AND o.id = $2::uuid`;

/**
 * How many rows the list query matches, and the failed and waiting rows of the journey
 * ($4) and step ($5) when not null, of any channel. $2 and $3: the list's status and
 * channel. Each status is read through its partial index.
 */
export const DELIVERY_COUNTS_SQL = `
WITH scoped AS (
  SELECT o.status, o.channel, o.node_id, o.enrollment_id FROM outbox o
   WHERE o.workspace_id = $1 AND o.status = 'failed'
  UNION ALL
  SELECT o.status, o.channel, o.node_id, o.enrollment_id FROM outbox o
   WHERE o.workspace_id = $1 AND o.status = 'pending'
)
SELECT count(*) FILTER (WHERE s.status = $2 AND ($3::text IS NULL OR s.channel = $3))::int AS total,
       count(*) FILTER (WHERE s.status = 'failed')::int AS failed,
       count(*) FILTER (WHERE s.status = 'pending')::int AS pending
  FROM scoped s LEFT JOIN enrollments e ON e.id = s.enrollment_id
 WHERE ($4::uuid IS NULL OR e.journey_id = $4) AND ($5::text IS NULL OR s.node_id = $5)`;

/**
 * Failed rows back to pending with a fresh set of attempts (their last error kept until
 * the next attempt); by id ($2), channel ($3), journey ($5) and step ($6), each when not
 * null; at most $4, oldest first.
 */
export const RETRY_FAILED_SQL = `
UPDATE outbox o SET status = 'pending', attempts = 0, next_attempt_at = NULL
 WHERE o.id IN (
   SELECT f.id FROM outbox f LEFT JOIN enrollments e ON e.id = f.enrollment_id
    WHERE f.workspace_id = $1 AND f.status = 'failed'
      AND ($2::uuid IS NULL OR f.id = $2) AND ($3::text IS NULL OR f.channel = $3)
      AND ($5::uuid IS NULL OR e.journey_id = $5) AND ($6::text IS NULL OR f.node_id = $6)
    ORDER BY f.created_at
    LIMIT $4
      FOR UPDATE OF f SKIP LOCKED)
RETURNING o.id`;

/**
 * A waiting message ($2) of a workspace ($1) whose next attempt is still to come, due now:
 * its next attempt cleared. Returns its id, or nothing when it is not such a message.
 */
export const SEND_WAITING_NOW_SQL = `
UPDATE outbox SET next_attempt_at = NULL
 WHERE workspace_id = $1 AND id = $2::uuid AND status = 'pending' AND next_attempt_at > now()
RETURNING id`;
