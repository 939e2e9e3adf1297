import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JourneyStatus } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';
import { JourneySchedulesService } from '../engine/triggers/journey-schedules.service.js';
import { type JourneyForDeletion, journeyDeleteRefusal } from './journey-deletion.util.js';
import { journeyNotFound } from './journeys.service.js';

/** What a delete removed, for its audit entry. */
export interface DeletedJourney {
  id: string;
  name: string;
  status: JourneyStatus;
}

/**
 * Deleting a journey removes its draft, versions, runs and steps (foreign keys cascade).
 * The messages its runs wrote stay in the outbox, unlinked from the runs: frequency caps
 * keep counting them and a pending one is still delivered. Step jobs still queued for
 * its runs find no run and do nothing.
 */
@Injectable()
export class JourneyDeletionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly schedules: JourneySchedulesService,
  ) {}

  /** DELETE /api/journeys/:id: 404 for another workspace's id, 409 naming the reason. */
  async remove(workspaceId: string, id: string): Promise<DeletedJourney> {
    const deleted = await this.db.transaction(async (em) => {
      const journey = await this.lock(em, workspaceId, id);
      if (!journey) throw journeyNotFound(id);
      const refusal = journeyDeleteRefusal(journey);
      if (refusal)
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: refusal });
      await this.deleteLocked(em, id);
      return { id, name: journey.name, status: journey.status };
    });
    await this.afterCommit(id);
    return deleted;
  }

  /**
   * Locks the journey row (publish, pause, stop and new runs wait for it) and reads what
   * deciding its deletion needs; undefined when the workspace has no such journey.
   */
  async lock(
    em: EntityManager,
    workspaceId: string,
    id: string,
  ): Promise<JourneyForDeletion | undefined> {
    const row = await selectOne<{ name: string; status: JourneyStatus }>(
      em,
      `SELECT name, status FROM journeys WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
      [id, workspaceId],
    );
    if (!row) return undefined;
    const facts = await selectOne<{ active: number; campaign_name: string | null }>(
      em,
      `SELECT (SELECT count(*)::int FROM enrollments WHERE journey_id = $1 AND status = 'active') AS active,
              (SELECT name FROM campaigns WHERE journey_id = $1 AND workspace_id = $2
                ORDER BY created_at LIMIT 1) AS campaign_name`,
      [id, workspaceId],
    );
    return {
      id,
      name: row.name,
      status: row.status,
      active: facts?.active ?? 0,
      campaignName: facts?.campaign_name ?? null,
    };
  }

  /** Deletes a journey locked by `lock` in this transaction; call `afterCommit` after. */
  async deleteLocked(em: EntityManager, id: string): Promise<void> {
    await execute(em, `DELETE FROM journeys WHERE id = $1`, [id]);
  }

  /** Drops the journey's schedule, if it had one (Redis, so after the commit). */
  async afterCommit(id: string): Promise<void> {
    await this.schedules.sync(id);
  }
}
