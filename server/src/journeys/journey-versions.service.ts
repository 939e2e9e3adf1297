import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  journeySettingsSchema,
  type JourneyGraph,
  type JourneyVersionDetail,
  type JourneyView,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, selectRows } from '../database/sql.util.js';
import { journeyNotFound, JourneysService } from './journeys.service.js';

interface VersionRow {
  id: string;
  version: number;
  published_at: Date;
  graph: JourneyGraph;
  settings: unknown;
  live: boolean;
  total: string;
  active: string;
}

/** Version history: every published version, and restoring one into the draft. */
@Injectable()
export class JourneyVersionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly journeys: JourneysService,
  ) {}

  async list(workspaceId: string, journeyId: string): Promise<JourneyVersionDetail[]> {
    await this.journeys.findRow(workspaceId, journeyId);
    const rows = await selectRows<VersionRow>(
      this.db,
      `SELECT v.id, v.version, v.published_at, v.graph, v.settings, (j.live_version_id = v.id) AS live,
              count(e.id) AS total, count(e.id) FILTER (WHERE e.status = 'active') AS active
         FROM journey_versions v
         JOIN journeys j ON j.id = v.journey_id
         LEFT JOIN enrollments e ON e.version_id = v.id
        WHERE v.journey_id = $1 AND v.workspace_id = $2
        GROUP BY v.id, j.live_version_id
        ORDER BY v.version DESC`,
      [journeyId, workspaceId],
    );
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      publishedAt: row.published_at.toISOString(),
      graph: row.graph,
      settings: journeySettingsSchema.parse(row.settings ?? {}),
      live: row.live,
      enrollments: { total: Number(row.total), active: Number(row.active) },
    }));
  }

  /** Copies a version's graph and settings into the draft (publish to make it live). */
  async restore(workspaceId: string, journeyId: string, versionId: string): Promise<JourneyView> {
    const updated = await execute(
      this.db,
      `UPDATE journeys j SET draft_graph = v.graph, draft_settings = v.settings, updated_at = now()
         FROM journey_versions v
        WHERE j.id = $1 AND j.workspace_id = $2 AND v.id = $3 AND v.journey_id = j.id`,
      [journeyId, workspaceId, versionId],
    );
    if (updated === 0) {
      await this.journeys.findRow(workspaceId, journeyId).catch(() => {
        throw journeyNotFound(journeyId);
      });
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `version ${versionId} of journey ${journeyId} not found`,
      });
    }
    return this.journeys.get(workspaceId, journeyId);
  }
}
