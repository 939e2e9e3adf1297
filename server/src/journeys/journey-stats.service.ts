import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JourneyGraph, JourneyStats } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { selectOne } from '../database/sql.util.js';
import { journeyNotFound } from './journeys.service.js';
import { emptyStats, goalOf, toJourneyStats } from './stats/journey-stats.mapper.js';
import {
  STATS_VERSION_SQL,
  versionStatsQuery,
  type VersionStatsRow,
} from './stats/journey-stats.sql.js';

interface StatsVersionRow {
  journey_id: string;
  version_id: string | null;
  graph: JourneyGraph | null;
  settings: unknown;
}

export function journeyVersionNotFound(journeyId: string, versionId: string): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message: `journey ${journeyId} has no version ${versionId}`,
  });
}

/**
 * Counts of one version of a journey: enrollments by status, per node (entered, done,
 * failed, waiting, per output), conversions to the version's goal and the lift of each
 * random split's holdout. Two statements: which version, then every count at once.
 */
@Injectable()
export class JourneyStatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `versionId` omitted: the live version, else the newest one. */
  async stats(workspaceId: string, journeyId: string, versionId?: string): Promise<JourneyStats> {
    const version = await selectOne<StatsVersionRow>(this.db, STATS_VERSION_SQL, [
      journeyId,
      workspaceId,
      versionId ?? null,
    ]);
    if (!version) throw journeyNotFound(journeyId);
    if (!version.version_id || !version.graph) {
      if (versionId) throw journeyVersionNotFound(journeyId, versionId);
      return emptyStats(journeyId);
    }
    const goal = goalOf(version.settings);
    const query = versionStatsQuery(workspaceId, version.version_id, goal);
    const row = await selectOne<VersionStatsRow>(this.db, query.sql, query.params);
    if (!row) throw new Error('the stats statement returned no row');
    return toJourneyStats(journeyId, version.version_id, version.graph, goal, row);
  }
}
