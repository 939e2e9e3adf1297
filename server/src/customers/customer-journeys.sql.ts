import { outboxRecipientSql, outboxSummarySql } from '../channels/message-summary.util.js';
/**
 * A customer's journey runs for the profile: the newest runs, their steps and their
 * messages, three statements whatever the number of runs. Each takes $1 workspace,
 * $2 customer, $3 how many runs, and picks the runs the same way (`RUNS`), so they can
 * run side by side.
 */

/** Served by enrollments(customer_id); newest first. */
const RUNS = `
SELECT e.id, e.version_id FROM enrollments e
WHERE e.workspace_id = $1 AND e.customer_id = $2::bigint
ORDER BY e.created_at DESC, e.id DESC LIMIT $3`;

export interface RunRow {
  id: string;
  journey_id: string;
  journey_name: string;
  version: number;
  status: string;
  exit_reason: string | null;
  current_node_id: string;
  created_at: Date;
  finished_at: Date | null;
}

export const CUSTOMER_RUNS_SQL = `
SELECT e.id, e.journey_id, j.name AS journey_name, v.version, e.status, e.exit_reason,
       e.current_node_id, e.created_at, e.finished_at
FROM enrollments e
JOIN journeys j ON j.id = e.journey_id
JOIN journey_versions v ON v.id = e.version_id
WHERE e.workspace_id = $1 AND e.customer_id = $2::bigint
ORDER BY e.created_at DESC, e.id DESC LIMIT $3`;

export interface StepRow {
  enrollment_id: string;
  node_id: string;
  node_type: string;
  status: 'waiting' | 'completed' | 'failed' | 'skipped';
  output: string | null;
  note: string | null;
  label: string | null;
  /** The node's settings in the run's version, read only for a step that took a named way. */
  config: Record<string, unknown> | null;
  type_version: number | null;
  entered_at: Date;
  finished_at: Date | null;
}

/**
 * Every visit of the runs' steps, in the order they were entered. The label (and, for a
 * step that took a named way, the settings that name it) is the node's in the run's
 * version (each version's graph is read once, not once per step). A failed step's error
 * stands in for its note, shortened.
 */
export const CUSTOMER_RUN_STEPS_SQL = `
WITH runs AS (${RUNS}),
labels AS (
  SELECT v.id AS version_id, n->>'id' AS node_id, nullif(btrim(n->>'label'), '') AS label,
         n->'config' AS config, (n->>'typeVersion')::int AS type_version
  FROM journey_versions v CROSS JOIN LATERAL jsonb_array_elements(v.graph->'nodes') n
  WHERE v.id IN (SELECT version_id FROM runs)
)
SELECT s.enrollment_id, s.node_id, s.node_type, s.status, s.output,
       coalesce(s.note, left(s.error, 300)) AS note, l.label,
       CASE WHEN s.output IS NOT NULL AND s.output <> 'next' THEN l.config END AS config,
       l.type_version, s.entered_at, s.finished_at
FROM runs r
JOIN enrollment_steps s ON s.enrollment_id = r.id
LEFT JOIN labels l ON l.version_id = r.version_id AND l.node_id = s.node_id
ORDER BY s.enrollment_id, s.entered_at, s.seq`;

export interface MessageRow {
  enrollment_id: string;
  node_id: string | null;
  channel: 'email' | 'sms' | 'webhook';
  status: 'pending' | 'sent' | 'failed';
  /** E-mail address, phone number or URL. */
  recipient: string | null;
  /** E-mail subject, the start of the SMS text (a character more than shown) or the method. */
  summary: string | null;
  created_at: Date;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
}

/**
 * The runs' messages, oldest first, without their bodies. Served by
 * outbox(customer_id, channel, created_at): every message a journey writes names its
 * customer.
 */
export const CUSTOMER_RUN_MESSAGES_SQL = `
WITH runs AS (${RUNS})
SELECT o.enrollment_id, o.node_id, o.channel, o.status,
       ${outboxRecipientSql('o')} AS recipient,
       ${outboxSummarySql('o')} AS summary,
       o.created_at, o.sent_at, o.attempts,
       CASE WHEN o.status <> 'sent' THEN o.last_error END AS last_error,
       CASE WHEN o.status = 'pending' THEN o.next_attempt_at END AS next_attempt_at
FROM outbox o
WHERE o.workspace_id = $1 AND o.customer_id = $2::bigint
  AND o.enrollment_id IN (SELECT id FROM runs)
ORDER BY o.created_at, o.id`;
