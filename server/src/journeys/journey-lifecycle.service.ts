import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  GraphIssue,
  JourneyGraph,
  JourneyStatus,
  JourneyView,
  MessageChannel,
} from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { execute, selectOne, selectRows } from '../database/sql.util.js';
import { EnrollmentExitsService } from '../engine/enrollment/enrollment-exits.service.js';
import { ReconcilerService } from '../engine/reconciler.service.js';
import { JourneySchedulesService } from '../engine/triggers/journey-schedules.service.js';
import { graphChannels } from './graph-channels.util.js';
import { JourneyIssuesService } from './journey-issues.service.js';
import { journeyNotFound, JourneysService } from './journeys.service.js';

type LifecycleAction = 'pause' | 'resume' | 'stop';

const ALLOWED: Record<LifecycleAction, readonly JourneyStatus[]> = {
  pause: ['live'],
  resume: ['paused'],
  stop: ['live', 'paused'],
};

/**
 * Pause: no new enrollments, running ones hold at their next step. Resume: live again,
 * every held run is re-enqueued. Stop: every active run exits; publishing starts afresh.
 * Switchyard pauses a journey itself (with a reason) when its trigger's segment is deleted
 * or the workspace can no longer send what it sends (its SMS provider removed); resuming
 * refuses a live version that could not run, naming what to fix.
 */
@Injectable()
export class JourneyLifecycleService {
  private readonly logger = new Logger(JourneyLifecycleService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly journeys: JourneysService,
    private readonly exits: EnrollmentExitsService,
    private readonly reconciler: ReconcilerService,
    private readonly schedules: JourneySchedulesService,
    private readonly issues: JourneyIssuesService,
    private readonly registry: ActionRegistry,
  ) {}

  async change(workspaceId: string, id: string, action: LifecycleAction): Promise<JourneyView> {
    await this.db.transaction(async (em) => {
      const row = await selectOne<{ status: JourneyStatus; live_graph: JourneyGraph | null }>(
        em,
        `SELECT j.status, v.graph AS live_graph
           FROM journeys j LEFT JOIN journey_versions v ON v.id = j.live_version_id
          WHERE j.id = $1 AND j.workspace_id = $2 FOR UPDATE OF j`,
        [id, workspaceId],
      );
      if (!row) throw journeyNotFound(id);
      if (!ALLOWED[action].includes(row.status))
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `a ${row.status} journey cannot be ${pastTense(action)}`,
        });
      if (action === 'resume' && row.live_graph)
        await this.refuseIfCannotRun(em, workspaceId, row.live_graph);
      const next: JourneyStatus =
        action === 'pause' ? 'paused' : action === 'resume' ? 'live' : 'stopped';
      await execute(
        em,
        `UPDATE journeys SET status = $3, status_reason = NULL, updated_at = now() WHERE id = $1 AND workspace_id = $2`,
        [id, workspaceId, next],
      );
      if (action === 'stop') await this.exits.stopJourney(em, id);
    });
    await this.schedules.sync(id);
    if (action === 'resume')
      // Held runs come back through the reconciler's path, in the background.
      void this.reconciler
        .requeueJourney(id)
        .catch((error: unknown) =>
          this.logger.warn(`resume of ${id}: ${(error as Error).message}; the reconciler retries`),
        );
    return this.journeys.get(workspaceId, id);
  }

  /**
   * In the transaction deleting a segment: live or paused journeys whose trigger reads it
   * are paused with the reason; returns their ids (sync their schedules after commit).
   */
  async pauseForDeletedSegment(
    em: EntityManager,
    workspaceId: string,
    segmentId: string,
    segmentName: string,
  ): Promise<string[]> {
    const rows = await selectRows<{ id: string }>(
      em,
      `SELECT j.id FROM journeys j JOIN journey_versions v ON v.id = j.live_version_id
        WHERE j.workspace_id = $1 AND j.status IN ('live', 'paused')
          AND (v.trigger_segment_id = $2 OR v.graph::text LIKE '%' || $2 || '%')
        ORDER BY j.id FOR UPDATE OF j`,
      [workspaceId, segmentId],
    );
    const ids = rows.map((r) => r.id);
    await this.pauseWithReason(em, ids, `its segment "${segmentName}" was deleted`);
    return ids;
  }

  /**
   * In the transaction that takes away the workspace's means of sending on `channel` (its
   * SMS provider): live or paused journeys whose live version sends on it are paused with
   * `reason`, so their messages wait instead of failing; returns them by name (sync their
   * schedules after commit).
   */
  async pauseSendingOn(
    em: EntityManager,
    workspaceId: string,
    channel: MessageChannel,
    reason: string,
  ): Promise<{ id: string; name: string }[]> {
    const rows = await selectRows<{ id: string; name: string; graph: JourneyGraph }>(
      em,
      `SELECT j.id, j.name, v.graph FROM journeys j JOIN journey_versions v ON v.id = j.live_version_id
        WHERE j.workspace_id = $1 AND j.status IN ('live', 'paused')
        ORDER BY j.id FOR UPDATE OF j`,
      [workspaceId],
    );
    const resolve = (type: string, version?: number) => this.registry.resolve(type, version);
    const sending = rows.filter((row) => graphChannels(row.graph, resolve).includes(channel));
    await this.pauseWithReason(
      em,
      sending.map((row) => row.id),
      reason,
    );
    return sending.map(({ id, name }) => ({ id, name }));
  }

  /** After the pausing transaction committed: scheduled triggers follow the status. */
  async syncSchedules(journeyIds: readonly string[]): Promise<void> {
    for (const id of journeyIds) await this.schedules.sync(id);
  }

  private async pauseWithReason(
    em: EntityManager,
    ids: readonly string[],
    reason: string,
  ): Promise<void> {
    if (ids.length === 0) return;
    await execute(
      em,
      `UPDATE journeys SET status = 'paused', status_reason = $2, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [ids, reason],
    );
  }

  /**
   * A live version that could not run now (its segment deleted, no SMS provider for its
   * texts, a node type no longer installed) is not resumed: 409 with the problems.
   */
  private async refuseIfCannotRun(
    em: EntityManager,
    workspaceId: string,
    graph: JourneyGraph,
  ): Promise<void> {
    const [issues = []] = await this.issues.issuesOf(workspaceId, [graph], em);
    const [first] = issues;
    if (!first) return;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `the published version cannot run: ${first.message}${howToFix(issues)}`,
      issues,
    });
  }
}

/** What to do after fixing: settings problems are fixed in place, others by a new version. */
function howToFix(issues: readonly GraphIssue[]): string {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return issues.every((issue) => issue.fixIn === 'workspace-settings')
    ? `${more}; then resume`
    : `${more}; fix the draft and publish it as a new version`;
}

function pastTense(action: LifecycleAction): string {
  switch (action) {
    case 'pause':
      return 'paused';
    case 'resume':
      return 'resumed';
    case 'stop':
      return 'stopped';
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}
