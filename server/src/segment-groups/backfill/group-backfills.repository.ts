import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  BackfillInterval,
  BackfillStatus,
  GroupBackfillBody,
  GroupBackfillView,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, selectOne, selectRows } from '../../database/sql.util.js';

interface BackfillRow {
  id: string;
  group_id: string;
  workspace_id: string;
  status: BackfillStatus;
  from_date: string;
  to_date: string;
  every: BackfillInterval;
  total: number;
  done: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export type StoredBackfill = GroupBackfillView & { workspaceId: string };

const COLUMNS = `b.id, b.group_id, g.workspace_id, b.status, b.from_date::text AS from_date,
  b.to_date::text AS to_date, b.every, b.total, b.done, b.error, b.created_at, b.started_at,
  b.finished_at`;

function toBackfill(row: BackfillRow): StoredBackfill {
  return {
    id: row.id,
    groupId: row.group_id,
    workspaceId: row.workspace_id,
    status: row.status,
    from: row.from_date,
    to: row.to_date,
    every: row.every,
    total: row.total,
    done: row.done,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at ? row.started_at.toISOString() : null,
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
  };
}

/** group_backfills: the source of truth for a backfill's progress (Redis only carries the job). */
@Injectable()
export class GroupBackfillsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(groupId: string, body: GroupBackfillBody, total: number): Promise<string> {
    const row = await selectOne<{ id: string }>(
      this.db,
      `INSERT INTO group_backfills (group_id, status, from_date, to_date, every, total)
       VALUES ($1, 'queued', $2::date, $3::date, $4, $5) RETURNING id`,
      [groupId, body.from, body.to, body.every, total],
    );
    if (!row) throw new Error('insert into group_backfills returned no row');
    return row.id;
  }

  async find(workspaceId: string, backfillId: string): Promise<StoredBackfill | undefined> {
    const row = await selectOne<BackfillRow>(
      this.db,
      `SELECT ${COLUMNS} FROM group_backfills b JOIN segment_groups g ON g.id = b.group_id
       WHERE b.id = $1 AND g.workspace_id = $2`,
      [backfillId, workspaceId],
    );
    return row ? toBackfill(row) : undefined;
  }

  /** Backfills not finished yet, oldest first (to re-enqueue after a Redis loss). */
  async unfinished(): Promise<StoredBackfill[]> {
    const rows = await selectRows<BackfillRow>(
      this.db,
      `SELECT ${COLUMNS} FROM group_backfills b JOIN segment_groups g ON g.id = b.group_id
       WHERE b.status IN ('queued', 'running') ORDER BY b.created_at`,
    );
    return rows.map(toBackfill);
  }

  async markRunning(id: string): Promise<void> {
    await execute(
      this.db,
      `UPDATE group_backfills SET status = 'running', started_at = coalesce(started_at, now()), error = NULL
       WHERE id = $1 AND status IN ('queued', 'running')`,
      [id],
    );
  }

  async progress(id: string, done: number): Promise<void> {
    await execute(this.db, 'UPDATE group_backfills SET done = $2 WHERE id = $1', [id, done]);
  }

  async finish(
    id: string,
    outcome: { status: 'completed' } | { status: 'failed'; error: string },
  ): Promise<void> {
    await execute(
      this.db,
      `UPDATE group_backfills SET status = $2, error = $3, finished_at = now() WHERE id = $1`,
      [id, outcome.status, outcome.status === 'failed' ? outcome.error : null],
    );
  }
}
