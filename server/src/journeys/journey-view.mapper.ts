import type { GraphIssue, JourneyGraph, JourneyStatus, JourneyView } from '@switchyard/contracts';

/** A journeys row joined with its live version. */
export interface JourneyRow {
  id: string;
  name: string;
  description: string | null;
  status: JourneyStatus;
  draft_graph: JourneyGraph;
  live_version_id: string | null;
  live_version: number | null;
  live_published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const JOURNEY_COLUMNS = `j.id, j.name, j.description, j.status, j.draft_graph, j.live_version_id,
  v.version AS live_version, v.published_at AS live_published_at, j.created_at, j.updated_at`;

export const JOURNEY_FROM = `journeys j LEFT JOIN journey_versions v ON v.id = j.live_version_id`;

export function toJourneyView(row: JourneyRow, issues: GraphIssue[]): JourneyView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    graph: row.draft_graph,
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
