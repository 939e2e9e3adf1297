import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  TRIGGER_NODE_TYPE,
  type JourneyGraph,
  type JourneyStats,
  type NodeStats,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { selectOne, selectRows } from '../database/sql.util.js';
import { journeyNotFound } from './journeys.service.js';

interface StepCountRow {
  node_id: string;
  entered: string;
  completed: string;
  failed: string;
  waiting: string;
}

interface EnrollmentCountRow {
  total: string;
  active: string;
  completed: string;
  failed: string;
  exited: string;
}

/** Per-node counts of the live version, from enrollment_steps. */
@Injectable()
export class JourneyStatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async stats(workspaceId: string, journeyId: string): Promise<JourneyStats> {
    const journey = await selectOne<{ live_version_id: string | null; graph: JourneyGraph | null }>(
      this.db,
      `SELECT j.live_version_id, v.graph FROM journeys j LEFT JOIN journey_versions v ON v.id = j.live_version_id
        WHERE j.id = $1 AND j.workspace_id = $2`,
      [journeyId, workspaceId],
    );
    if (!journey) throw journeyNotFound(journeyId);
    const enrollments = { total: 0, active: 0, completed: 0, failed: 0, exited: 0 };
    if (!journey.live_version_id || !journey.graph)
      return { journeyId, versionId: null, enrollments, nodes: [] };
    const versionId = journey.live_version_id;
    const [totals, steps] = await Promise.all([
      selectOne<EnrollmentCountRow>(
        this.db,
        `SELECT count(*) AS total,
                count(*) FILTER (WHERE status = 'active') AS active,
                count(*) FILTER (WHERE status = 'completed') AS completed,
                count(*) FILTER (WHERE status = 'failed') AS failed,
                count(*) FILTER (WHERE status = 'exited') AS exited
           FROM enrollments WHERE version_id = $1 AND workspace_id = $2`,
        [versionId, workspaceId],
      ),
      selectRows<StepCountRow>(
        this.db,
        `SELECT s.node_id,
                count(*) AS entered,
                count(*) FILTER (WHERE s.status = 'completed') AS completed,
                count(*) FILTER (WHERE s.status = 'failed') AS failed,
                count(*) FILTER (WHERE s.status = 'waiting') AS waiting
           FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
          WHERE e.version_id = $1 AND e.workspace_id = $2
          GROUP BY s.node_id`,
        [versionId, workspaceId],
      ),
    ]);
    if (totals)
      for (const key of Object.keys(enrollments) as (keyof typeof enrollments)[])
        enrollments[key] = Number(totals[key]);
    const byNode = new Map(steps.map((row) => [row.node_id, row]));
    const nodes: NodeStats[] = journey.graph.nodes.map((node) => {
      if (node.type === TRIGGER_NODE_TYPE)
        return {
          nodeId: node.id,
          type: node.type,
          entered: enrollments.total,
          completed: enrollments.total,
          failed: 0,
          waiting: 0,
        };
      const row = byNode.get(node.id);
      return {
        nodeId: node.id,
        type: node.type,
        entered: Number(row?.entered ?? 0),
        completed: Number(row?.completed ?? 0),
        failed: Number(row?.failed ?? 0),
        waiting: Number(row?.waiting ?? 0),
      };
    });
    return { journeyId, versionId, enrollments, nodes };
  }
}
