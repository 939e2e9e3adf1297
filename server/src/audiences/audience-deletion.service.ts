import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { execute, selectOne, selectRows } from '../database/sql.util.js';
import { type DependentUse, journeysUsingSql } from '../common/deletion-refusal.util.js';
import { audienceDeleteRefusal } from './audience-deletion.util.js';

/** What a delete removed, for its audit entry. */
export interface DeletedAudience {
  id: string;
  name: string;
}

/** Journeys that read the audience: also a version that broadcasts to it. */
const JOURNEYS_USING = journeysUsingSql('v.trigger_audience_id = $2::uuid');

/** Deleting an audience removes its member list; what still needs it makes a 409. */
@Injectable()
export class AudienceDeletionService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** DELETE /api/audiences/:id: 404 for another workspace's id, 409 naming what uses it. */
  async remove(workspaceId: string, id: string): Promise<DeletedAudience> {
    return this.db.transaction(async (em) => {
      // The row lock makes a campaign created meanwhile wait (its foreign key), then fail.
      const audience = await selectOne<{ name: string }>(
        em,
        `SELECT name FROM audiences WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
        [id, workspaceId],
      );
      if (!audience)
        throw new NotFoundException({
          statusCode: 404,
          error: 'Not Found',
          message: `audience ${id} not found`,
        });
      const campaigns = await selectRows<DependentUse>(
        em,
        `SELECT name, status FROM campaigns WHERE audience_id = $1 AND workspace_id = $2
          ORDER BY name, id`,
        [id, workspaceId],
      );
      const journeys = await selectRows<DependentUse>(em, JOURNEYS_USING, [workspaceId, id]);
      const refusal = audienceDeleteRefusal(audience.name, campaigns, journeys);
      if (refusal)
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: refusal });
      await execute(em, `DELETE FROM audiences WHERE id = $1 AND workspace_id = $2`, [
        id,
        workspaceId,
      ]);
      return { id, name: audience.name };
    });
  }
}
