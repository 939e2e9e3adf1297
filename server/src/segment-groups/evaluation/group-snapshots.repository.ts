import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GroupMovementCell, MovementSelection } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, type Queryable, selectOne, selectRows } from '../../database/sql.util.js';
import type { CompiledSegmentQuery } from '../../segments/compiler/rule-compiler.js';
import type { MovementCount } from '../movement/group-movement.mapper.js';

export interface SnapshotRow {
  id: string;
  as_of: Date;
  definition_hash: string;
  /** counts[i] = customers in bucket i. */
  counts: number[];
  computed_at: Date;
}

export interface SnapshotRef {
  id: string;
  asOf: Date;
}

const SNAPSHOT_COLUMNS = 'id, as_of, definition_hash, counts, computed_at';

/** group_snapshots, their members and the moves between consecutive snapshots. */
@Injectable()
export class GroupSnapshotsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(groupId: string, asOf: Date, em: Queryable = this.db): Promise<SnapshotRow | undefined> {
    return selectOne<SnapshotRow>(
      em,
      `SELECT ${SNAPSHOT_COLUMNS} FROM group_snapshots WHERE group_id = $1 AND as_of = $2`,
      [groupId, asOf],
    );
  }

  list(groupId: string): Promise<SnapshotRow[]> {
    return selectRows<SnapshotRow>(
      this.db,
      `SELECT ${SNAPSHOT_COLUMNS} FROM group_snapshots WHERE group_id = $1 ORDER BY as_of`,
      [groupId],
    );
  }

  async insert(em: Queryable, groupId: string, asOf: Date, hash: string): Promise<string> {
    const row = await selectOne<{ id: string }>(
      em,
      `INSERT INTO group_snapshots (group_id, as_of, definition_hash, counts)
       VALUES ($1, $2, $3, '{}') RETURNING id`,
      [groupId, asOf, hash],
    );
    if (!row) throw new Error('insert into group_snapshots returned no row');
    return row.id;
  }

  /**
   * (Re)computes a snapshot's members with the group query (one statement) and stores the
   * counts per bucket. Returns counts[i] for buckets 0..buckets-1.
   */
  async fill(
    em: Queryable,
    snapshotId: string,
    query: CompiledSegmentQuery,
    buckets: number,
    hash: string,
  ): Promise<number[]> {
    await execute(em, 'DELETE FROM group_snapshot_members WHERE snapshot_id = $1', [snapshotId]);
    await em.query(
      `INSERT INTO group_snapshot_members (snapshot_id, customer_id, member_index) ${query.sql}`,
      query.params,
    );
    const rows = await selectRows<{ member_index: number; n: number }>(
      em,
      `SELECT member_index, count(*)::int AS n FROM group_snapshot_members
       WHERE snapshot_id = $1 GROUP BY member_index`,
      [snapshotId],
    );
    const counts = Array.from({ length: buckets }, () => 0);
    for (const r of rows) counts[r.member_index] = r.n;
    await execute(
      em,
      `UPDATE group_snapshots SET counts = $2::int[], definition_hash = $3, computed_at = now()
       WHERE id = $1`,
      [snapshotId, counts, hash],
    );
    return counts;
  }

  /** The snapshots just before and just after `asOf` (time order, not creation order). */
  async neighbours(
    em: Queryable,
    groupId: string,
    asOf: Date,
  ): Promise<{ previous?: SnapshotRef; next?: SnapshotRef }> {
    const rows = await selectRows<{ side: 'previous' | 'next'; id: string; as_of: Date }>(
      em,
      `(SELECT 'previous' AS side, id, as_of FROM group_snapshots
          WHERE group_id = $1 AND as_of < $2 ORDER BY as_of DESC LIMIT 1)
       UNION ALL
       (SELECT 'next' AS side, id, as_of FROM group_snapshots
          WHERE group_id = $1 AND as_of > $2 ORDER BY as_of LIMIT 1)`,
      [groupId, asOf],
    );
    const ref = (side: 'previous' | 'next') => {
      const row = rows.find((r) => r.side === side);
      return row ? { id: row.id, asOf: row.as_of } : undefined;
    };
    const previous = ref('previous');
    const next = ref('next');
    return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
  }

  /**
   * Makes the moves recorded at `to` exactly those between `from` and `to`: customers whose
   * bucket differs (or who were not in `from`: from_index NULL). Moves that no longer hold
   * are deleted, missing ones inserted, unchanged ones kept (same id). Without `from` (the
   * earliest snapshot) nothing is recorded at `to`.
   */
  async syncTransitions(
    em: Queryable,
    groupId: string,
    from: SnapshotRef | undefined,
    to: SnapshotRef,
  ): Promise<{ added: number; removed: number }> {
    if (!from) {
      const removed = await execute(
        em,
        'DELETE FROM group_transitions WHERE group_id = $1 AND to_as_of = $2',
        [groupId, to.asOf],
      );
      return { added: 0, removed };
    }
    const desired = `
      SELECT b.customer_id, a.member_index AS from_index, b.member_index AS to_index
      FROM group_snapshot_members b
      LEFT JOIN group_snapshot_members a ON a.snapshot_id = $2 AND a.customer_id = b.customer_id
      WHERE b.snapshot_id = $3 AND a.member_index IS DISTINCT FROM b.member_index`;
    const removed = await execute(
      em,
      `DELETE FROM group_transitions t
       WHERE t.group_id = $1 AND t.to_as_of = $5
         AND NOT (t.from_as_of = $4 AND EXISTS (
           SELECT 1 FROM (${desired}) d
           WHERE d.customer_id = t.customer_id AND d.to_index = t.to_index
             AND d.from_index IS NOT DISTINCT FROM t.from_index))`,
      [groupId, from.id, to.id, from.asOf, to.asOf],
    );
    const added = await selectOne<{ n: number }>(
      em,
      `WITH added AS (
         INSERT INTO group_transitions (group_id, customer_id, from_index, to_index, from_as_of, to_as_of)
         SELECT $1::uuid, d.customer_id, d.from_index, d.to_index, $4::timestamptz, $5::timestamptz FROM (${desired}) d
         ON CONFLICT (group_id, customer_id, to_as_of) DO NOTHING
         RETURNING 1
       ) SELECT count(*)::int AS n FROM added`,
      [groupId, from.id, to.id, from.asOf, to.asOf],
    );
    return { added: added?.n ?? 0, removed };
  }

  /**
   * Customers per (bucket in snapshot `from`, bucket in snapshot `to`), both sides: from is
   * null for customers new since, to is null for customers deleted since. Computed once per
   * pair of snapshot versions (one merge of the two member lists) and kept.
   */
  async movementCounts(
    fromSnapshotId: string,
    toSnapshotId: string,
    em: Queryable = this.db,
  ): Promise<MovementCount[]> {
    const stored = await selectOne<{ counts: MovementCount[] }>(
      em,
      `SELECT m.counts FROM group_movement_counts m
         JOIN group_snapshots a ON a.id = m.from_snapshot_id AND a.computed_at = m.from_computed_at
         JOIN group_snapshots b ON b.id = m.to_snapshot_id AND b.computed_at = m.to_computed_at
        WHERE m.from_snapshot_id = $1 AND m.to_snapshot_id = $2`,
      [fromSnapshotId, toSnapshotId],
    );
    if (stored) return stored.counts;
    // Read the versions first: if a snapshot is recomputed meanwhile, what is stored
    // below carries the old computed_at and is never read.
    // As text: a JS Date would drop the microseconds and never match again.
    const versions = await selectOne<{ a: string; b: string }>(
      em,
      `SELECT a.computed_at::text AS a, b.computed_at::text AS b
         FROM group_snapshots a, group_snapshots b WHERE a.id = $1 AND b.id = $2`,
      [fromSnapshotId, toSnapshotId],
    );
    const counts = await this.countMovement(em, fromSnapshotId, toSnapshotId);
    if (versions)
      await execute(
        em,
        `INSERT INTO group_movement_counts (from_snapshot_id, to_snapshot_id, from_computed_at, to_computed_at, counts)
         VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5::jsonb)
         ON CONFLICT (from_snapshot_id, to_snapshot_id) DO UPDATE SET
           from_computed_at = EXCLUDED.from_computed_at, to_computed_at = EXCLUDED.to_computed_at,
           counts = EXCLUDED.counts`,
        [fromSnapshotId, toSnapshotId, versions.a, versions.b, JSON.stringify(counts)],
      );
    return counts;
  }

  /**
   * Customers of `to` by (bucket in `from` or null, bucket in `to`): a left join, which runs
   * in parallel. Customers of `from` missing from `to` (only when `to` was computed before
   * they were first seen) are counted by an anti join, run only when the totals say some
   * exist.
   */
  private async countMovement(
    em: Queryable,
    fromSnapshotId: string,
    toSnapshotId: string,
  ): Promise<MovementCount[]> {
    const counts = await selectRows<MovementCount>(
      em,
      `SELECT a.member_index AS "from", b.member_index AS "to", count(*)::int AS count
         FROM group_snapshot_members b
         LEFT JOIN group_snapshot_members a ON a.snapshot_id = $1 AND a.customer_id = b.customer_id
        WHERE b.snapshot_id = $2
        GROUP BY 1, 2`,
      [fromSnapshotId, toSnapshotId],
    );
    const fromTotal = await selectOne<{ n: number }>(
      em,
      `SELECT coalesce((SELECT sum(c) FROM unnest(counts) c), 0)::int AS n
         FROM group_snapshots WHERE id = $1`,
      [fromSnapshotId],
    );
    const matched = counts.reduce((n, c) => n + (c.from === null ? 0 : c.count), 0);
    if ((fromTotal?.n ?? 0) === matched) return counts;
    const gone = await selectRows<MovementCount>(
      em,
      `SELECT a.member_index AS "from", NULL::int AS "to", count(*)::int AS count
         FROM group_snapshot_members a
        WHERE a.snapshot_id = $1 AND NOT EXISTS (
          SELECT 1 FROM group_snapshot_members b WHERE b.snapshot_id = $2 AND b.customer_id = a.customer_id)
        GROUP BY 1`,
      [fromSnapshotId, toSnapshotId],
    );
    return [...counts, ...gone];
  }

  /** Adds the customers of a movement selection (see MovementSelection) to an audience. */
  async addMovementMembers(
    em: Queryable,
    audienceId: string,
    fromSnapshotId: string,
    toSnapshotId: string,
    selection: Pick<MovementSelection, 'fromBuckets' | 'toBuckets' | 'movedOnly'>,
  ): Promise<number> {
    const fromBuckets = selection.fromBuckets?.filter((b): b is number => b !== null) ?? null;
    return execute(
      em,
      `INSERT INTO audience_members (audience_id, customer_id)
       SELECT $1::uuid, b.customer_id
         FROM (SELECT customer_id, member_index FROM group_snapshot_members WHERE snapshot_id = $3) b
         LEFT JOIN group_snapshot_members a ON a.snapshot_id = $2 AND a.customer_id = b.customer_id
        WHERE ($4::boolean OR a.member_index = ANY($5::int[]) OR ($6::boolean AND a.member_index IS NULL))
          AND ($7::int[] IS NULL OR b.member_index = ANY($7::int[]))
          AND (NOT $8::boolean OR a.member_index IS DISTINCT FROM b.member_index)
       ON CONFLICT DO NOTHING`,
      [
        audienceId,
        fromSnapshotId,
        toSnapshotId,
        selection.fromBuckets === undefined,
        fromBuckets ?? [],
        selection.fromBuckets?.includes(null) ?? false,
        selection.toBuckets ?? null,
        selection.movedOnly ?? false,
      ],
    );
  }

  /** Customers per (bucket at `from`, bucket at `to`); from is null for customers new since. */
  async movement(fromSnapshotId: string, toSnapshotId: string): Promise<GroupMovementCell[]> {
    const rows = await selectRows<{ from: number | null; to: number; count: number }>(
      this.db,
      `SELECT a.member_index AS "from", b.member_index AS "to", count(*)::int AS count
       FROM group_snapshot_members b
       LEFT JOIN group_snapshot_members a ON a.snapshot_id = $1 AND a.customer_id = b.customer_id
       WHERE b.snapshot_id = $2
       GROUP BY 1, 2
       ORDER BY 1 NULLS FIRST, 2`,
      [fromSnapshotId, toSnapshotId],
    );
    return rows;
  }
}
