import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  describeIssues,
  transitionKindOf,
  type FieldIssue,
  type JourneyGraph,
  type JourneyView,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';
import { JourneyIssuesService } from './journey-issues.service.js';
import { checkJourneyForPublish, type JourneyIssue } from './journey-validation.util.js';
import { journeyNotFound, JourneysService } from './journeys.service.js';

/**
 * Publishing copies a valid draft into a new immutable version and makes it live
 * (invariant 6: running enrollments stay on the version they started on). A draft
 * with issues is refused with a 400 naming each field, and nothing is written.
 */
@Injectable()
export class JourneyPublishService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly issues: JourneyIssuesService,
    private readonly journeys: JourneysService,
  ) {}

  async publish(workspaceId: string, id: string): Promise<JourneyView> {
    await this.db.transaction(async (em) => {
      const row = await selectOne<{ draft_graph: JourneyGraph }>(
        em,
        `SELECT draft_graph FROM journeys WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
        [id, workspaceId],
      );
      if (!row) throw journeyNotFound(id);
      const deps = await this.issues.depsFor(workspaceId, [row.draft_graph], em);
      const check = checkJourneyForPublish(row.draft_graph, deps);
      if (!check.ok) throw publishRefused(check.issues);
      const { plan } = check;
      const version = await selectOne<{ id: string }>(
        em,
        `INSERT INTO journey_versions
           (journey_id, workspace_id, version, graph, trigger, trigger_segment_id, trigger_kind, entry_node_id)
         SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3::jsonb, $4::jsonb, $5, $6, $7
           FROM journey_versions WHERE journey_id = $1
         RETURNING id`,
        [
          id,
          workspaceId,
          JSON.stringify(plan.graph),
          JSON.stringify(plan.trigger),
          plan.trigger.segmentId,
          transitionKindOf(plan.trigger),
          plan.entryNodeId,
        ],
      );
      if (!version) throw new Error('journey_versions insert returned no row');
      await execute(
        em,
        `UPDATE journeys SET status = 'live', live_version_id = $3, updated_at = now() WHERE id = $1 AND workspace_id = $2`,
        [id, workspaceId, version.id],
      );
    });
    return this.journeys.get(workspaceId, id);
  }
}

function publishRefused(issues: JourneyIssue[]): BadRequestException {
  const fieldIssues: FieldIssue[] = issues.map((issue) => {
    const out: FieldIssue = { field: issue.field, message: issue.message };
    if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
    return out;
  });
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `the journey cannot be published: ${describeIssues(fieldIssues)}`,
    issues: fieldIssues,
  });
}
