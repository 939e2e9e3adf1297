import { Injectable } from '@nestjs/common';
import {
  journeySettingsSchema,
  type JourneyGraph,
  type JourneyNode,
  type JourneySettings,
  type Trigger,
} from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import { selectOne } from '../database/sql.util.js';

export interface CachedVersion {
  id: string;
  journeyId: string;
  workspaceId: string;
  graph: JourneyGraph;
  trigger: Trigger;
  settings: JourneySettings;
  nodes: ReadonlyMap<string, JourneyNode>;
}

const MAX_VERSIONS = 1000;

/** Published versions never change (invariant 6), so they are cached after one read. */
@Injectable()
export class VersionCacheService {
  private readonly versions = new Map<string, CachedVersion>();

  async get(em: EntityManager, versionId: string): Promise<CachedVersion | undefined> {
    const hit = this.versions.get(versionId);
    if (hit) return hit;
    const row = await selectOne<{
      id: string;
      journey_id: string;
      workspace_id: string;
      graph: JourneyGraph;
      trigger: Trigger;
      settings: unknown;
    }>(
      em,
      `SELECT id, journey_id, workspace_id, graph, trigger, settings FROM journey_versions WHERE id = $1`,
      [versionId],
    );
    if (!row) return undefined;
    const version: CachedVersion = {
      id: row.id,
      journeyId: row.journey_id,
      workspaceId: row.workspace_id,
      graph: row.graph,
      trigger: row.trigger,
      settings: journeySettingsSchema.parse(row.settings ?? {}),
      nodes: new Map(row.graph.nodes.map((node) => [node.id, node])),
    };
    if (this.versions.size >= MAX_VERSIONS) {
      const oldest = this.versions.keys().next().value;
      if (oldest !== undefined) this.versions.delete(oldest);
    }
    this.versions.set(versionId, version);
    return version;
  }
}
