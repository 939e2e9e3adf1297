import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AudienceView, CreateAudienceBody } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, selectOne, selectRows } from '../database/sql.util.js';

interface AudienceRow {
  id: string;
  name: string;
  description: string | null;
  size: number;
  created_at: Date;
}

const COLUMNS = `a.id, a.name, a.description, a.created_at,
  (SELECT count(*)::int FROM audience_members m WHERE m.audience_id = a.id) AS size`;

/** Frozen customer lists: from a segment's members now, or from external ids. */
@Injectable()
export class AudiencesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(workspaceId: string): Promise<AudienceView[]> {
    const rows = await selectRows<AudienceRow>(
      this.db,
      `SELECT ${COLUMNS} FROM audiences a WHERE a.workspace_id = $1 ORDER BY a.created_at DESC, a.id`,
      [workspaceId],
    );
    return rows.map(toView);
  }

  async get(workspaceId: string, id: string): Promise<AudienceView> {
    const row = await selectOne<AudienceRow>(
      this.db,
      `SELECT ${COLUMNS} FROM audiences a WHERE a.id = $1 AND a.workspace_id = $2`,
      [id, workspaceId],
    );
    if (!row)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `audience ${id} not found`,
      });
    return toView(row);
  }

  async create(workspaceId: string, body: CreateAudienceBody): Promise<AudienceView> {
    const id = await this.db.transaction(async (em) => {
      if (body.segmentId) {
        const segment = await selectOne<{ id: string }>(
          em,
          `SELECT id FROM segments WHERE id = $1 AND workspace_id = $2`,
          [body.segmentId, workspaceId],
        );
        if (!segment)
          throw new BadRequestException({
            statusCode: 400,
            error: 'Bad Request',
            message: 'segmentId: no such segment in this workspace',
            issues: [{ field: 'segmentId', message: 'no such segment in this workspace' }],
          });
      }
      const row = await selectOne<{ id: string }>(
        em,
        `INSERT INTO audiences (workspace_id, name, description) VALUES ($1, $2, $3) RETURNING id`,
        [workspaceId, body.name, body.description ?? null],
      );
      if (!row) throw new Error('audience insert returned no row');
      if (body.segmentId)
        await execute(
          em,
          `INSERT INTO audience_members (audience_id, customer_id)
           SELECT $1, m.customer_id FROM segment_memberships m WHERE m.segment_id = $2`,
          [row.id, body.segmentId],
        );
      if (body.externalIds && body.externalIds.length > 0)
        await execute(
          em,
          `INSERT INTO audience_members (audience_id, customer_id)
           SELECT $1, c.id FROM customers c WHERE c.workspace_id = $2 AND c.external_id = ANY($3::text[])
           ON CONFLICT DO NOTHING`,
          [row.id, workspaceId, body.externalIds],
        );
      return row.id;
    });
    return this.get(workspaceId, id);
  }
}

function toView(row: AudienceRow): AudienceView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    size: row.size,
    createdAt: row.created_at.toISOString(),
  };
}
