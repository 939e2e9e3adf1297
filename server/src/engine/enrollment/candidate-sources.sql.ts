import type { CandidateSource } from './enrollment-writer.service.js';
import { LIVE_VERSION_JOIN } from './enrollment-writer.service.js';

/**
 * Candidate enrollments per trigger kind (see EnrollmentWriterService for the columns).
 * Each reads recorded facts only: transitions, group moves, events, audience members,
 * segment memberships.
 */

/** Segment entered / exited: the transitions one evaluation recorded for a segment. */
export function segmentTransitionCandidates(
  segmentId: string,
  asOf: Date,
  kind: 'entered' | 'exited',
): CandidateSource {
  return {
    sql: `SELECT j.id AS journey_id, v.id AS version_id, t.workspace_id, t.customer_id,
                 't:' || t.id AS entry_key, t.id AS transition_id, NULL::jsonb AS trigger_data,
                 v.entry_node_id, v.settings
            FROM segment_transitions t
            JOIN journey_versions v ON v.trigger_segment_id = t.segment_id AND v.trigger_kind = 'segment_' || t.kind
            ${LIVE_VERSION_JOIN} AND j.workspace_id = t.workspace_id
           WHERE t.segment_id = $1::uuid AND t.as_of = $2::timestamptz AND t.kind = $3::text`,
    params: [segmentId, asOf, kind],
  };
}

/**
 * Group moved: the moves into one snapshot of a group, for journeys whose `from` list is
 * empty (anywhere, new customers included) or names the old bucket, and whose `to` list
 * names the new one. Buckets are member segment ids, or "fallback".
 */
export function groupMoveCandidates(groupId: string, toAsOf: Date): CandidateSource {
  return {
    sql: `SELECT j.id AS journey_id, v.id AS version_id, v.workspace_id, gt.customer_id,
                 'g:' || gt.id AS entry_key, NULL::bigint AS transition_id,
                 jsonb_build_object('groupId', gt.group_id, 'from', b.from_bucket, 'to', b.to_bucket) AS trigger_data,
                 v.entry_node_id, v.settings
            FROM group_transitions gt
            LEFT JOIN segment_group_members fm ON fm.group_id = gt.group_id AND fm.member_index = gt.from_index
            LEFT JOIN segment_group_members tm ON tm.group_id = gt.group_id AND tm.member_index = gt.to_index
            CROSS JOIN LATERAL (SELECT
                 CASE WHEN gt.from_index IS NULL THEN NULL
                      ELSE COALESCE(fm.segment_id::text, 'fallback') END AS from_bucket,
                 COALESCE(tm.segment_id::text, 'fallback') AS to_bucket) b
            JOIN journey_versions v ON v.trigger_group_id = gt.group_id AND v.trigger_kind = 'group_moved'
            ${LIVE_VERSION_JOIN}
           WHERE gt.group_id = $1::uuid AND gt.to_as_of = $2::timestamptz
             AND (jsonb_array_length(v.trigger -> 'from') = 0 OR v.trigger -> 'from' ? b.from_bucket)
             AND v.trigger -> 'to' ? b.to_bucket`,
    params: [groupId, toAsOf],
  };
}

/** Event triggers: the given (just stored) events of a workspace, matched by the caller. */
export function eventCandidates(
  workspaceId: string,
  eventIds: readonly string[],
  matchSql: string,
  extraParams: unknown[],
): CandidateSource {
  return {
    sql: `SELECT j.id AS journey_id, v.id AS version_id, v.workspace_id, e.customer_id,
                 'e:' || e.id AS entry_key, NULL::bigint AS transition_id,
                 jsonb_build_object('event', e.name, 'properties', e.properties, 'at', e.ts) AS trigger_data,
                 v.entry_node_id, v.settings
            FROM events e
            JOIN journey_versions v ON v.workspace_id = e.workspace_id AND v.trigger_event = e.name
             AND v.trigger_kind = 'event'
            ${LIVE_VERSION_JOIN}
           WHERE e.workspace_id = $1::uuid AND e.id = ANY($2::bigint[]) AND (${matchSql})`,
    params: [workspaceId, eventIds, ...extraParams],
  };
}

/** Audience broadcast: every member of the audience, once per journey (a new version reaches new members). */
export function audienceCandidates(versionId: string): CandidateSource {
  return {
    sql: `SELECT j.id AS journey_id, v.id AS version_id, v.workspace_id, m.customer_id,
                 'b:' || m.customer_id AS entry_key, NULL::bigint AS transition_id,
                 jsonb_build_object('audienceId', v.trigger_audience_id) AS trigger_data,
                 v.entry_node_id, v.settings
            FROM journey_versions v
            ${LIVE_VERSION_JOIN}
            JOIN audiences a ON a.id = v.trigger_audience_id AND a.workspace_id = v.workspace_id
            JOIN audience_members m ON m.audience_id = a.id
           WHERE v.id = $1::uuid AND v.trigger_kind = 'audience_broadcast'`,
    params: [versionId],
  };
}

/** Schedule: everyone in the segment at this occurrence, once per occurrence. */
export function scheduleCandidates(versionId: string, occurrence: string): CandidateSource {
  return {
    sql: `SELECT j.id AS journey_id, v.id AS version_id, v.workspace_id, m.customer_id,
                 's:' || $2::text || ':' || m.customer_id AS entry_key, NULL::bigint AS transition_id,
                 jsonb_build_object('occurrence', $2::text) AS trigger_data,
                 v.entry_node_id, v.settings
            FROM journey_versions v
            ${LIVE_VERSION_JOIN}
            JOIN segment_memberships m ON m.segment_id = v.trigger_segment_id
           WHERE v.id = $1::uuid AND v.trigger_kind = 'schedule'`,
    params: [versionId, occurrence],
  };
}
