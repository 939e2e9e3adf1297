import type { Trigger } from '@switchyard/contracts';

/**
 * A customer the trigger would start a run for: a member of the segment or audience it
 * reads, one who left the segment, or one who did the event. Null: no such query (a group
 * move is read from snapshots; the preview falls back to the newest customer). Each is a
 * short index read. `$1` is the workspace, `$3` what the trigger names (`value`).
 */
export function triggerSampleSql(trigger: Trigger): { sql: string; value: string } | null {
  switch (trigger.kind) {
    case 'segment_entered':
    case 'schedule':
      return {
        sql: `SELECT m.customer_id FROM segment_memberships m WHERE m.segment_id = $3
               ORDER BY m.customer_id DESC LIMIT 1`,
        value: trigger.segmentId,
      };
    case 'segment_exited':
      return {
        sql: `SELECT t.customer_id FROM segment_transitions t
               WHERE t.segment_id = $3 AND t.kind = 'exited' AND t.workspace_id = $1 LIMIT 1`,
        value: trigger.segmentId,
      };
    case 'audience_broadcast':
      return {
        sql: `SELECT a.customer_id FROM audience_members a WHERE a.audience_id = $3
               ORDER BY a.customer_id DESC LIMIT 1`,
        value: trigger.audienceId,
      };
    case 'event':
      return {
        sql: `SELECT e.customer_id FROM events e WHERE e.workspace_id = $1 AND e.name = $3 LIMIT 1`,
        value: trigger.event,
      };
    case 'group_moved':
      return null;
    default: {
      const unknown: never = trigger;
      throw new Error(`unknown trigger ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The customer to preview for when none is named, best first: the customer of the
 * journey's newest run (their real context), one the trigger would start a run for, the
 * workspace's newest customer.
 */
export function sampleCustomerSql(
  workspaceId: string,
  journeyId: string,
  trigger: Trigger,
): { sql: string; params: string[] } {
  const sample = triggerSampleSql(trigger);
  const fromTrigger = sample
    ? `UNION ALL (SELECT s.customer_id, 'trigger_member', 2 FROM (${sample.sql}) s)`
    : '';
  const sql = `
    SELECT c.id::text AS id, c.external_id, c.traits, p.pick
      FROM ((SELECT e.customer_id AS id, 'latest_run' AS pick, 1 AS rank
               FROM enrollments e WHERE e.journey_id = $2 ORDER BY e.created_at DESC LIMIT 1)
            ${fromTrigger}
            UNION ALL (SELECT c.id, 'newest', 3 FROM customers c
                        WHERE c.workspace_id = $1 ORDER BY c.first_seen_at DESC LIMIT 1)) p
      JOIN customers c ON c.id = p.id AND c.workspace_id = $1
     ORDER BY p.rank LIMIT 1`;
  return {
    sql,
    params: sample ? [workspaceId, journeyId, sample.value] : [workspaceId, journeyId],
  };
}
