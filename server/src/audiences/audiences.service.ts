import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AudienceSource, AudienceView, CreateAudienceBody } from '@switchyard/contracts';
import { GroupSnapshotsRepository } from '../segment-groups/evaluation/group-snapshots.repository.js';
import { GroupMovementService } from '../segment-groups/movement/group-movement.service.js';
import type { DataSource } from 'typeorm';
import { execute, selectOne, selectRows } from '../database/sql.util.js';

interface AudienceRow {
  id: string;
  name: string;
  description: string | null;
  size: number;
  source: AudienceSource | null;
  created_at: Date;
}

const COLUMNS = `a.id, a.name, a.description, a.source, a.created_at,
  (SELECT count(*)::int FROM audience_members m WHERE m.audience_id = a.id) AS size`;

/**
 * Frozen customer lists: from a segment's members now, from external ids, or from a
 * movement between two dates in a segment group; the source is recorded.
 */
@Injectable()
export class AudiencesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly movements: GroupMovementService,
    private readonly snapshots: GroupSnapshotsRepository,
  ) {}

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
    // Snapshots of a movement are computed (if missing) before the audience's transaction.
    const movement = body.movement
      ? await this.movements.snapshotsFor(
          workspaceId,
          body.movement.groupId,
          body.movement.from,
          body.movement.to,
        )
      : null;
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
        `INSERT INTO audiences (workspace_id, name, description, source) VALUES ($1, $2, $3, $4) RETURNING id`,
        [workspaceId, body.name, body.description ?? null, JSON.stringify(sourceOf(body))],
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
      if (body.journeyNode) {
        const journey = await selectOne<{ id: string }>(
          em,
          `SELECT id FROM journeys WHERE id = $1 AND workspace_id = $2`,
          [body.journeyNode.journeyId, workspaceId],
        );
        if (!journey)
          throw new BadRequestException({
            statusCode: 400,
            error: 'Bad Request',
            message: 'journeyNode.journeyId: no such journey in this workspace',
            issues: [
              { field: 'journeyNode.journeyId', message: 'no such journey in this workspace' },
            ],
          });
        await execute(
          em,
          `INSERT INTO audience_members (audience_id, customer_id)
           SELECT DISTINCT $1::uuid, e.customer_id
             FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
            WHERE e.journey_id = $2 AND s.node_id = $3 AND ($4::text IS NULL OR s.output = $4)
           ON CONFLICT DO NOTHING`,
          [
            row.id,
            body.journeyNode.journeyId,
            body.journeyNode.nodeId,
            body.journeyNode.output ?? null,
          ],
        );
      }
      if (body.movement && movement)
        await this.snapshots.addMovementMembers(
          em,
          row.id,
          movement.fromId,
          movement.toId,
          body.movement,
        );
      return row.id;
    });
    return this.get(workspaceId, id);
  }
}

function sourceOf(body: CreateAudienceBody): AudienceSource | null {
  if (body.segmentId) return { kind: 'segment', segmentId: body.segmentId };
  if (body.externalIds) return { kind: 'external_ids', count: body.externalIds.length };
  if (body.journeyNode)
    return {
      kind: 'journey_node',
      journeyId: body.journeyNode.journeyId,
      nodeId: body.journeyNode.nodeId,
      ...(body.journeyNode.output ? { output: body.journeyNode.output } : {}),
    };
  if (body.movement) {
    const { groupId, from, to, fromBuckets, toBuckets, movedOnly } = body.movement;
    return {
      kind: 'movement',
      groupId,
      from: from.toISOString(),
      to: to.toISOString(),
      ...(fromBuckets ? { fromBuckets } : {}),
      ...(toBuckets ? { toBuckets } : {}),
      ...(movedOnly !== undefined ? { movedOnly } : {}),
    };
  }
  return null;
}

function toView(row: AudienceRow): AudienceView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    size: row.size,
    source: row.source,
    createdAt: row.created_at.toISOString(),
  };
}
