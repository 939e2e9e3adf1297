import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JourneyStatus, JourneyView } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, selectOne, selectRows } from '../database/sql.util.js';
import { EnrollmentExitsService } from '../engine/enrollment/enrollment-exits.service.js';
import { ReconcilerService } from '../engine/reconciler.service.js';
import { JourneySchedulesService } from '../engine/triggers/journey-schedules.service.js';
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
 * Switchyard pauses a journey itself (with a reason) when its trigger's segment is deleted.
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
  ) {}

  async change(workspaceId: string, id: string, action: LifecycleAction): Promise<JourneyView> {
    await this.db.transaction(async (em) => {
      const row = await selectOne<{ status: JourneyStatus }>(
        em,
        `SELECT status FROM journeys WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
        [id, workspaceId],
      );
      if (!row) throw journeyNotFound(id);
      if (!ALLOWED[action].includes(row.status))
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `a ${row.status} journey cannot be ${pastTense(action)}`,
        });
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
      `UPDATE journeys j SET status = 'paused', status_reason = $3, updated_at = now()
         FROM journey_versions v
        WHERE v.id = j.live_version_id AND j.workspace_id = $1 AND j.status IN ('live', 'paused')
          AND (v.trigger_segment_id = $2 OR v.graph::text LIKE '%' || $2 || '%')
        RETURNING j.id`,
      [workspaceId, segmentId, `its segment "${segmentName}" was deleted`],
    );
    return rows.map((r) => r.id);
  }
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
