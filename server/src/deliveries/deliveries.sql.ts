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
       o.transactional, o.attempts, o.last_error, o.created_at, o.sent_at,
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
 * Rows of a workspace ($1) by status ($2) and, when $3 is not null, channel; newest
 * first, $4 rows from $5. Failed rows come from the partial index outbox_failed, waiting
 * ones from outbox_pending (few). The step is read from the run's version graph: its
 * label, else its type's title.
 */
export const DELIVERIES_SQL = `${DELIVERY_COLUMNS}
 WHERE o.workspace_id = $1 AND o.status = $2 AND ($3::text IS NULL OR o.channel = $3)
 ORDER BY o.created_at DESC, o.id DESC
 LIMIT $4 OFFSET $5`;

/** One row of a workspace ($1) by id ($2). */
export const DELIVERY_SQL = `${DELIVERY_COLUMNS}
 WHERE o.workspace_id = $1 AND o.id = $2::uuid`;

/**
 * How many rows the query matches, and the workspace's failed and waiting rows (each
 * count answered by its status's partial index).
 */
export const DELIVERY_COUNTS_SQL = `
SELECT (SELECT count(*) FROM outbox
         WHERE workspace_id = $1 AND status = $2 AND ($3::text IS NULL OR channel = $3))::int AS total,
       (SELECT count(*) FROM outbox WHERE workspace_id = $1 AND status = 'failed')::int AS failed,
       (SELECT count(*) FROM outbox WHERE workspace_id = $1 AND status = 'pending')::int AS pending`;

/**
 * Failed rows back to pending with a fresh set of attempts (their last error kept until
 * the next attempt); by id ($2, null: all) and channel ($3, null: all), at most $4.
 */
export const RETRY_FAILED_SQL = `
UPDATE outbox o SET status = 'pending', attempts = 0
 WHERE o.id IN (
   SELECT id FROM outbox
    WHERE workspace_id = $1 AND status = 'failed'
      AND ($2::uuid IS NULL OR id = $2) AND ($3::text IS NULL OR channel = $3)
    ORDER BY created_at
    LIMIT $4
      FOR UPDATE SKIP LOCKED)
RETURNING o.id`;
