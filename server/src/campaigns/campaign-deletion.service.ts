import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';
import { JourneyDeletionService } from '../journeys/journey-deletion.service.js';
import { campaignDeleteRefusal } from './campaign-deletion.util.js';

/** What a delete removed, for its audit entry. */
export interface DeletedCampaign {
  id: string;
  name: string;
  status: 'draft' | 'launched';
}

/**
 * Deleting a campaign: a draft goes alone; a launched one takes its journey (versions,
 * runs, steps) with it, while the messages it sent stay in the outbox history that
 * frequency caps count. The audience is never deleted with it.
 */
@Injectable()
export class CampaignDeletionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly journeys: JourneyDeletionService,
  ) {}

  /** DELETE /api/campaigns/:id: 404 for another workspace's id, 409 naming the reason. */
  async remove(workspaceId: string, id: string): Promise<DeletedCampaign> {
    const { deleted, journeyId } = await this.db.transaction(async (em) => {
      // The campaign first, then its journey: the order a launch takes them in.
      const row = await selectOne<{
        name: string;
        status: 'draft' | 'launched';
        journey_id: string | null;
      }>(
        em,
        `SELECT name, status, journey_id FROM campaigns WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
        [id, workspaceId],
      );
      if (!row)
        throw new NotFoundException({
          statusCode: 404,
          error: 'Not Found',
          message: `campaign ${id} not found`,
        });
      const journey = row.journey_id
        ? await this.journeys.lock(em, workspaceId, row.journey_id)
        : undefined;
      const refusal = campaignDeleteRefusal({
        name: row.name,
        status: row.status,
        journey: journey ? { name: journey.name, active: journey.active } : null,
      });
      if (refusal)
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: refusal });
      await execute(em, `DELETE FROM campaigns WHERE id = $1 AND workspace_id = $2`, [
        id,
        workspaceId,
      ]);
      if (journey) await this.journeys.deleteLocked(em, journey.id);
      return {
        deleted: { id, name: row.name, status: row.status },
        journeyId: journey?.id ?? null,
      };
    });
    if (journeyId) await this.journeys.afterCommit(journeyId);
    return deleted;
  }
}
