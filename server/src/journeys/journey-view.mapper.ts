import {
  journeySettingsSchema,
  type GraphIssue,
  type JourneyGraph,
  type JourneyStatus,
  type JourneyView,
} from '@switchyard/contracts';

/** A journeys row joined with its live version. */
export interface JourneyRow {
  id: string;
  name: string;
  description: string | null;
  status: JourneyStatus;
  status_reason: string | null;
  draft_graph: JourneyGraph;
  draft_settings: unknown;
  live_version_id: string | null;
  live_version: number | null;
  live_published_at: Date | null;
  /** The draft differs from the live version (graph or settings). */
  has_changes: boolean;
  created_at: Date;
  updated_at: Date;
}

export const JOURNEY_COLUMNS = `j.id, j.name, j.description, j.status, j.status_reason, j.draft_graph, j.draft_settings,
  j.live_version_id, v.version AS live_version, v.published_at AS live_published_at,
  (v.id IS NULL OR v.graph IS DISTINCT FROM j.draft_graph OR v.settings IS DISTINCT FROM j.draft_settings) AS has_changes,
  j.created_at, j.updated_at`;

export const JOURNEY_FROM = `journeys j LEFT JOIN journey_versions v ON v.id = j.live_version_id`;

export function toJourneyView(row: JourneyRow, issues: GraphIssue[]): JourneyView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    statusReason: row.status_reason,
    graph: row.draft_graph,
    settings: journeySettingsSchema.parse(row.draft_settings ?? {}),
    hasUnpublishedChanges: row.has_changes,
    issues,
    liveVersion:
      row.live_version_id && row.live_version !== null && row.live_published_at
        ? {
            id: row.live_version_id,
            version: row.live_version,
            publishedAt: row.live_published_at.toISOString(),
          }
        : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
