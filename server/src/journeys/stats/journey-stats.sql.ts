import type { JourneyGoal } from '@switchyard/contracts';
import { fieldConditionSql } from '../../segments/compiler/condition-sql.js';
import { SqlParams } from '../../segments/compiler/sql-params.js';

/**
 * The version a stats request is about: the requested one ($3) if it belongs to the
 * journey, else the live one, else the newest. No row: no such journey in the workspace;
 * a row with a NULL version_id: no such version (or nothing published yet).
 * $1 journey, $2 workspace, $3 version or NULL.
 */
export const STATS_VERSION_SQL = `
SELECT j.id AS journey_id, v.id AS version_id, v.graph, v.settings
FROM journeys j
LEFT JOIN LATERAL (
  SELECT v.id, v.graph, v.settings FROM journey_versions v
  WHERE v.journey_id = j.id AND v.workspace_id = j.workspace_id
    AND ($3::uuid IS NULL OR v.id = $3::uuid)
  ORDER BY (v.id = j.live_version_id) DESC NULLS LAST, v.version DESC
  LIMIT 1
) v ON true
WHERE j.id = $1 AND j.workspace_id = $2`;

export interface EnrollmentTotalsRow {
  total: number;
  active: number;
  completed: number;
  failed: number;
  exited: number;
  converted: number;
}

export interface NodeCountsRow {
  node_id: string;
  entered: number;
  completed: number;
  failed: number;
  waiting: number;
  converted: number;
}

export interface MessageCountsRow {
  node_id: string;
  sent: number;
  failed: number;
  waiting: number;
}

export interface SkipCountsRow {
  node_id: string;
  reason: string | null;
  count: number;
}

export interface UnsubscribeCountsRow {
  node_id: string;
  count: number;
}

export interface OutputCountsRow {
  node_id: string;
  output: string;
  count: number;
  converted: number;
}

/** One row: each concern as a JSON value (counts are JSON numbers). */
export interface VersionStatsRow {
  totals: EnrollmentTotalsRow;
  nodes: NodeCountsRow[];
  outputs: OutputCountsRow[];
  messages: MessageCountsRow[];
  skips: SkipCountsRow[];
  unsubscribes: UnsubscribeCountsRow[];
  /** Per node, the runs whose e-mail was reported as spam (same shape). */
  complaints: UnsubscribeCountsRow[];
  engagements: EngagementCountsRow[];
}

export interface EngagementCountsRow {
  node_id: string;
  opened: number;
  clicked: number;
}

export interface CompiledStatsQuery {
  sql: string;
  params: unknown[];
}

/**
 * Whether enrollment `e` converted: its customer did `goal.event` at or after enrolling
 * and at most `withinDays` days later, and the event matches every `where` filter.
 * The filters are compiled by the segment compiler's field test (the same one event
 * conditions use for `where`), read against the event's properties. Date operators in a
 * filter (`withinLastDays` ...) are measured from the event's own time: the goal is met
 * when the event happens, not when stats are read. An index probe of
 * events(customer_id, name, ts) per enrollment.
 */
export function goalConvertedSql(
  goal: JourneyGoal,
  params: SqlParams,
  workspaceRef: string,
): string {
  const filters = [
    `ev.customer_id = e.customer_id`,
    `ev.workspace_id = ${workspaceRef}`,
    `ev.name = ${params.add(goal.event, 'text')}`,
    `ev.ts >= e.created_at`,
    `ev.ts <= e.created_at + ${params.add(goal.withinDays, 'integer')} * interval '1 day'`,
  ];
  for (const filter of goal.where ?? [])
    filters.push(
      `coalesce(${fieldConditionSql('ev.properties', filter.property, filter.op, filter.value, params, 'ev.ts')}, false)`,
    );
  return `EXISTS (SELECT 1 FROM events ev WHERE ${filters.join(' AND ')})`;
}

/**
 * Every count of one version in one statement, so that each enrollment's conversion is
 * decided once (`en`, materialised) and shared by the three concerns:
 * - totals: enrollments by status, and how many converted;
 * - nodes: per node, the enrollments whose run entered it, by the status of their latest
 *   visit (a loop through a wait visits a node again), and how many of them converted.
 *   A skipped step (frequency cap, quiet hours ...) let the run go on, so it counts as
 *   completed: entered = completed + failed + waiting for every node;
 * - skips: per node and reason (the step's note: "unsubscribed from email", a frequency
 *   cap), the enrollments whose latest visit was skipped;
 * - outputs: per node and output (branch) taken, the enrollments that left through it
 *   and how many of those converted. Only finished visits (completed or skipped) count:
 *   a waiting step's output is not taken yet, a failed one has none;
 * - messages: per node, the outbox rows its runs wrote, by delivery status (through
 *   outbox(enrollment_id));
 * - unsubscribes: per node, the customers still unsubscribed (from e-mail, or from the
 *   e-mail's topic) through the link of an e-mail it sent (the opt-out names the run and node);
 *   a complaint's opt-out is counted under complaints instead;
 * - complaints: per node, the runs whose e-mail was reported as spam (email_complaints);
 * - engagements: per node, the runs that opened its e-mail and that clicked a link in it.
 * Scoped to the workspace in $1 and the version in $2.
 */
export function versionStatsQuery(
  workspaceId: string,
  versionId: string,
  goal: JourneyGoal | null,
): CompiledStatsQuery {
  const params = new SqlParams([workspaceId, versionId]);
  const converted = goal ? goalConvertedSql(goal, params, '$1::uuid') : 'false';
  const sql = `
WITH en AS MATERIALIZED (
  SELECT e.id, e.status, ${converted} AS converted
  FROM enrollments e
  WHERE e.workspace_id = $1::uuid AND e.version_id = $2::uuid
),
steps AS (
  SELECT s.enrollment_id, s.node_id, s.seq, s.status, s.output, s.note, en.converted
  FROM enrollment_steps s JOIN en ON en.id = s.enrollment_id
),
latest AS (
  SELECT DISTINCT ON (enrollment_id, node_id) node_id, status, note, converted
  FROM steps ORDER BY enrollment_id, node_id, seq DESC
),
totals AS (
  SELECT count(*) AS total,
         count(*) FILTER (WHERE status = 'active') AS active,
         count(*) FILTER (WHERE status = 'completed') AS completed,
         count(*) FILTER (WHERE status = 'failed') AS failed,
         count(*) FILTER (WHERE status = 'exited') AS exited,
         count(*) FILTER (WHERE converted) AS converted
  FROM en
),
nodes AS (
  SELECT node_id,
         count(*) AS entered,
         count(*) FILTER (WHERE status IN ('completed', 'skipped')) AS completed,
         count(*) FILTER (WHERE status = 'failed') AS failed,
         count(*) FILTER (WHERE status = 'waiting') AS waiting,
         count(*) FILTER (WHERE converted) AS converted
  FROM latest GROUP BY node_id
),
outputs AS (
  SELECT node_id, output,
         count(DISTINCT enrollment_id) AS count,
         count(DISTINCT enrollment_id) FILTER (WHERE converted) AS converted
  FROM steps WHERE output IS NOT NULL AND status IN ('completed', 'skipped')
  GROUP BY node_id, output
),
skips AS (
  SELECT node_id, note AS reason, count(*) AS count
  FROM latest WHERE status = 'skipped' GROUP BY node_id, note
),
messages AS (
  SELECT o.node_id,
         count(*) FILTER (WHERE o.status = 'sent') AS sent,
         count(*) FILTER (WHERE o.status = 'failed') AS failed,
         count(*) FILTER (WHERE o.status = 'pending') AS waiting
  FROM outbox o JOIN en ON en.id = o.enrollment_id
  WHERE o.node_id IS NOT NULL
  GROUP BY o.node_id
),
unsubscribes AS (
  SELECT u.node_id, count(DISTINCT u.enrollment_id) AS count
  FROM (
    SELECT node_id, enrollment_id FROM channel_opt_outs
     WHERE workspace_id = $1::uuid AND node_id IS NOT NULL AND source <> 'complaint'
    UNION ALL
    SELECT node_id, enrollment_id FROM topic_opt_outs
     WHERE workspace_id = $1::uuid AND node_id IS NOT NULL
  ) u JOIN en ON en.id = u.enrollment_id
  GROUP BY u.node_id
),
complaints AS (
  SELECT c.node_id, count(DISTINCT c.enrollment_id) AS count
  FROM email_complaints c JOIN en ON en.id = c.enrollment_id
  WHERE c.workspace_id = $1::uuid AND c.node_id IS NOT NULL
  GROUP BY c.node_id
),
engagements AS (
  SELECT g.node_id,
         count(DISTINCT g.enrollment_id) FILTER (WHERE g.kind = 'open') AS opened,
         count(DISTINCT g.enrollment_id) FILTER (WHERE g.kind = 'click') AS clicked
  FROM email_engagements g JOIN en ON en.id = g.enrollment_id
  GROUP BY g.node_id
)
SELECT (SELECT to_json(totals) FROM totals) AS totals,
       (SELECT coalesce(json_agg(nodes ORDER BY node_id), '[]'::json) FROM nodes) AS nodes,
       (SELECT coalesce(json_agg(outputs ORDER BY node_id, output), '[]'::json) FROM outputs) AS outputs,
       (SELECT coalesce(json_agg(messages ORDER BY node_id), '[]'::json) FROM messages) AS messages,
       (SELECT coalesce(json_agg(skips ORDER BY node_id, count DESC, reason), '[]'::json) FROM skips) AS skips,
       (SELECT coalesce(json_agg(unsubscribes ORDER BY node_id), '[]'::json) FROM unsubscribes) AS unsubscribes,
       (SELECT coalesce(json_agg(complaints ORDER BY node_id), '[]'::json) FROM complaints) AS complaints,
       (SELECT coalesce(json_agg(engagements ORDER BY node_id), '[]'::json) FROM engagements) AS engagements`;
  return { sql, params: params.values };
}
