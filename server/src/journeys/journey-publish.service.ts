import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  describeIssues,
  journeySettingsSchema,
  triggerSegmentId,
  type FieldIssue,
  type JourneyGraph,
  type JourneyView,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';
import { JourneySchedulerService } from '../engine/journey-scheduler.service.js';
import { TransitionEnrollerService } from '../engine/transition-enroller.service.js';
import { JourneySchedulesService } from '../engine/triggers/journey-schedules.service.js';
import { JourneyIssuesService } from './journey-issues.service.js';
import { checkJourneyForPublish, type JourneyIssue } from './journey-validation.util.js';
import { journeyNotFound, JourneysService } from './journeys.service.js';

/**
 * Publishing copies a valid draft into a new immutable version and makes it live
 * (invariant 6: running enrollments stay on the version they started on). An audience
 * broadcast enrolls the audience in the same transaction; a schedule gets its timer. A draft
 * with issues is refused with a 400 naming each field, and nothing is written.
 */
@Injectable()
export class JourneyPublishService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly issues: JourneyIssuesService,
    private readonly journeys: JourneysService,
    private readonly enroller: TransitionEnrollerService,
    private readonly scheduler: JourneySchedulerService,
    private readonly schedules: JourneySchedulesService,
  ) {}

  async publish(workspaceId: string, id: string): Promise<JourneyView> {
    const enrolled = await this.db.transaction(async (em) => {
      const row = await selectOne<{ draft_graph: JourneyGraph; draft_settings: unknown }>(
        em,
        `SELECT draft_graph, draft_settings FROM journeys WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
        [id, workspaceId],
      );
      if (!row) throw journeyNotFound(id);
      const deps = await this.issues.depsFor(workspaceId, [row.draft_graph], em);
      const check = checkJourneyForPublish(row.draft_graph, deps);
      if (!check.ok) throw publishRefused(check.issues);
      const { plan } = check;
      const settings = journeySettingsSchema.parse(row.draft_settings ?? {});
      const trigger = plan.trigger;
      const version = await selectOne<{ id: string }>(
        em,
        `INSERT INTO journey_versions
           (journey_id, workspace_id, version, graph, settings, trigger, trigger_kind, entry_node_id,
            trigger_segment_id, trigger_group_id, trigger_event, trigger_audience_id)
         SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3::jsonb, $4::jsonb, $5::jsonb, $6, $7, $8, $9, $10, $11
           FROM journey_versions WHERE journey_id = $1
         RETURNING id`,
        [
          id,
          workspaceId,
          JSON.stringify(plan.graph),
          JSON.stringify(settings),
          JSON.stringify(trigger),
          trigger.kind,
          plan.entryNodeId,
          triggerSegmentId(trigger),
          trigger.kind === 'group_moved' ? trigger.groupId : null,
          trigger.kind === 'event' ? trigger.event : null,
          trigger.kind === 'audience_broadcast' ? trigger.audienceId : null,
        ],
      );
      if (!version) throw new Error('journey_versions insert returned no row');
      // The draft becomes exactly what was published (node types pinned, defaults filled).
      await execute(
        em,
        `UPDATE journeys SET status = 'live', status_reason = NULL, live_version_id = $3,
                draft_graph = $4::jsonb, draft_settings = $5::jsonb, updated_at = now()
          WHERE id = $1 AND workspace_id = $2`,
        [id, workspaceId, version.id, JSON.stringify(plan.graph), JSON.stringify(settings)],
      );
      return trigger.kind === 'audience_broadcast'
        ? this.enroller.enrollAudience(em, version.id)
        : [];
    });
    await this.scheduler.scheduleStart(enrolled);
    await this.schedules.sync(id);
    return this.journeys.get(workspaceId, id);
  }
}

function publishRefused(issues: JourneyIssue[]): BadRequestException {
  const fieldIssues: FieldIssue[] = issues.map((issue) => {
    const out: FieldIssue = { field: issue.field, message: issue.message };
    if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
    if (issue.edgeId !== undefined) out.edgeId = issue.edgeId;
    if (issue.fixIn !== undefined) out.fixIn = issue.fixIn;
    return out;
  });
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `the journey cannot be published: ${describeIssues(fieldIssues)}`,
    issues: fieldIssues,
  });
}
