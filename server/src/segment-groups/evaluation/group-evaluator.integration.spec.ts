import { randomBytes } from 'node:crypto';
import type { Rule } from '@switchyard/contracts';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../database/migrations/index.js';
import { EnrollmentExitsService } from '../../engine/enrollment/enrollment-exits.service.js';
import { EnrollmentWriterService } from '../../engine/enrollment/enrollment-writer.service.js';
import type { JourneySchedulerService } from '../../engine/journey-scheduler.service.js';
import { TransitionEnrollerService } from '../../engine/transition-enroller.service.js';
import { SegmentGroupsRepository } from '../segment-groups.repository.js';
import { SegmentGroupsService } from '../segment-groups.service.js';
import { GroupEvaluatorService } from './group-evaluator.service.js';
import { GroupHistoryService } from './group-history.service.js';
import { GroupSnapshotsRepository } from './group-snapshots.repository.js';

/**
 * Snapshots taken in any order keep the recorded moves equal to those between
 * consecutive snapshots in time order. Runs on a real Postgres database of its own.
 */
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const day = (n: number) => new Date(START + n * DAY + DAY - 1);

const recent: Rule = {
  event: 'Order Completed',
  aggregate: { fn: 'count' },
  op: 'gte',
  value: 1,
  window: { lastDays: 10 },
};
const ever: Rule = { event: 'Order Completed', aggregate: { fn: 'count' }, op: 'gte', value: 1 };

/** Pseudo-random but fixed data: customer i first seen on day 2i mod 37, orders every few days. */
function fixture(): { seen: number; orders: number[] }[] {
  return Array.from({ length: 40 }, (_, i) => {
    const seen = (i * 2) % 37;
    const orders = [0, 1, 2, 3]
      .map((k) => seen + ((i * 7 + k * 11) % 23))
      .filter((d) => i % 5 !== 0 || d < seen + 5);
    return { seen, orders };
  });
}

describe('group evaluation: snapshots in any order, moves between time neighbours', () => {
  const database = `sy_groups_${randomBytes(4).toString('hex')}`;
  let db: DataSource;
  let evaluator: GroupEvaluatorService;
  let history: GroupHistoryService;
  let ws: string;
  let groupId: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    await admin.end();
    db = new DataSource({
      type: 'postgres',
      url: `postgres://postgres@127.0.0.1:5432/${database}`,
      migrations,
      extra: { options: '-c timezone=UTC', max: 4 },
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    const groupsRepo = new SegmentGroupsRepository(db);
    const snapshots = new GroupSnapshotsRepository(db);
    const groups = new SegmentGroupsService(db, groupsRepo);
    // No journey listens here: the real enroller finds no candidates, so nothing is scheduled.
    const enroller = new TransitionEnrollerService(
      new EnrollmentWriterService(),
      new EnrollmentExitsService(),
    );
    const scheduler = {
      scheduleStart: async (refs: readonly unknown[]) => {
        if (refs.length > 0) throw new Error('unexpected enrollments');
      },
    } as unknown as JourneySchedulerService;
    evaluator = new GroupEvaluatorService(db, groupsRepo, snapshots, enroller, scheduler);
    history = new GroupHistoryService(groups, snapshots);

    ws = (await db.query(`INSERT INTO workspaces (name) VALUES ('w') RETURNING id`))[0].id;
    for (const [i, c] of fixture().entries()) {
      const [{ id }] = await db.query(
        `INSERT INTO customers (workspace_id, external_id, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $3) RETURNING id`,
        [ws, `c${i}`, new Date(START + c.seen * DAY)],
      );
      for (const d of c.orders)
        await db.query(
          `INSERT INTO events (workspace_id, customer_id, type, name, ts) VALUES ($1, $2, 'track', 'Order Completed', $3)`,
          [ws, id, new Date(START + d * DAY)],
        );
    }
    const segment = async (name: string, rule: Rule) =>
      (
        await db.query(
          `INSERT INTO segments (workspace_id, name, rule) VALUES ($1, $2, $3) RETURNING id`,
          [ws, name, JSON.stringify(rule)],
        )
      )[0].id as string;
    const group = await groups.create(ws, {
      name: 'Activity',
      members: [
        { segmentId: await segment('recent', recent), growthIsGood: true },
        { segmentId: await segment('ever', ever), growthIsGood: false },
      ],
      fallback: { label: 'No orders', color: '#8b8d98', growthIsGood: true },
    });
    groupId = group.id;
  });

  afterAll(async () => {
    await db?.destroy();
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.end();
  });

  /** Moves between consecutive snapshots, computed from the stored members in memory. */
  async function expectedMoves(): Promise<string[]> {
    const snaps: { id: string; as_of: Date }[] = await db.query(
      'SELECT id, as_of FROM group_snapshots WHERE group_id = $1 ORDER BY as_of',
      [groupId],
    );
    const members = async (id: string) =>
      new Map(
        (
          (await db.query(
            'SELECT customer_id, member_index FROM group_snapshot_members WHERE snapshot_id = $1',
            [id],
          )) as { customer_id: string; member_index: number }[]
        ).map((r) => [r.customer_id, r.member_index]),
      );
    const moves: string[] = [];
    for (let i = 1; i < snaps.length; i++) {
      const [a, b] = [snaps[i - 1], snaps[i]] as [(typeof snaps)[0], (typeof snaps)[0]];
      const [ma, mb] = [await members(a.id), await members(b.id)];
      for (const [customer, to] of mb) {
        const from = ma.get(customer) ?? null;
        if (from !== to)
          moves.push(
            `${customer}:${from}->${to}@${a.as_of.toISOString()}/${b.as_of.toISOString()}`,
          );
      }
    }
    return moves.sort();
  }

  async function recordedMoves(): Promise<string[]> {
    const rows: {
      customer_id: string;
      from_index: number | null;
      to_index: number;
      from_as_of: Date;
      to_as_of: Date;
    }[] = await db.query(
      'SELECT customer_id, from_index, to_index, from_as_of, to_as_of FROM group_transitions WHERE group_id = $1',
      [groupId],
    );
    return rows
      .map(
        (r) =>
          `${r.customer_id}:${r.from_index}->${r.to_index}@${r.from_as_of.toISOString()}/${r.to_as_of.toISOString()}`,
      )
      .sort();
  }

  it('keeps moves consistent whatever order the dates are evaluated in', async () => {
    for (const n of [30, 10, 50, 20, 40, 5, 45]) {
      const result = await evaluator.evaluate(ws, groupId, day(n));
      expect(result.reused).toBe(false);
      expect(result.total).toBe(fixture().filter((c) => c.seen <= n).length);
      const moves = await recordedMoves();
      expect(moves).toEqual(await expectedMoves());
    }
    expect((await recordedMoves()).length).toBeGreaterThan(20);
  });

  it('reuses a stored snapshot; refresh recomputes without touching unchanged moves', async () => {
    const before: { id: string }[] = await db.query(
      'SELECT id FROM group_transitions WHERE group_id = $1 ORDER BY id',
      [groupId],
    );
    const first = await evaluator.evaluate(ws, groupId, day(20));
    expect(first).toMatchObject({ reused: true, transitionsRecorded: 0 });
    const again = await evaluator.evaluate(ws, groupId, day(20), { refresh: true });
    expect(again).toMatchObject({ reused: false, snapshotId: first.snapshotId });
    expect(again.transitionsRecorded).toBe(0);
    expect(again.nextTransitionsChanged).toBe(0);
    expect(again.counts).toEqual(first.counts);
    const after: { id: string }[] = await db.query(
      'SELECT id FROM group_transitions WHERE group_id = $1 ORDER BY id',
      [groupId],
    );
    expect(after).toEqual(before);
  });

  it('recomputes a stale snapshot when a member rule changed', async () => {
    const members: { segment_id: string }[] = await db.query(
      'SELECT segment_id FROM segment_group_members WHERE group_id = $1 ORDER BY member_index',
      [groupId],
    );
    await db.query('UPDATE segments SET rule = $2 WHERE id = $1', [
      members[0]?.segment_id,
      JSON.stringify({ ...recent, window: { lastDays: 3 } }),
    ]);
    const stale = await history.listSnapshots(ws, groupId);
    expect(stale.every((s) => s.stale)).toBe(true);
    const result = await evaluator.evaluate(ws, groupId, day(30));
    expect(result.reused).toBe(false);
    expect(await recordedMoves()).toEqual(await expectedMoves());
    const listed = await history.listSnapshots(ws, groupId);
    expect(listed.filter((s) => !s.stale).map((s) => s.asOf)).toEqual([day(30).toISOString()]);
  });

  it('the movement matrix adds up to the later snapshot and its off-diagonal is the moves', async () => {
    const matrix = await history.movement(ws, groupId, day(40), day(45));
    const snaps = await history.listSnapshots(ws, groupId);
    const later = snaps.find((s) => s.asOf === day(45).toISOString());
    expect(matrix.reduce((n, c) => n + c.count, 0)).toBe(later?.total);
    const moved = matrix.filter((c) => c.from !== c.to).reduce((n, c) => n + c.count, 0);
    const [{ n }] = await db.query(
      'SELECT count(*)::int AS n FROM group_transitions WHERE group_id = $1 AND to_as_of = $2',
      [groupId, day(45)],
    );
    expect(moved).toBe(n);
    await expect(history.movement(ws, groupId, day(41), day(45))).rejects.toThrow(/no snapshot/);
  });

  it('keeps movement counts per pair of snapshot versions: a recomputed snapshot is counted again', async () => {
    const snapshots = new GroupSnapshotsRepository(db);
    const ids = async () =>
      (
        (await db.query(
          'SELECT id FROM group_snapshots WHERE group_id = $1 AND as_of IN ($2, $3) ORDER BY as_of',
          [groupId, day(5), day(50)],
        )) as { id: string }[]
      ).map((r) => r.id) as [string, string];
    const [a, b] = await ids();
    const direct = async () =>
      (
        (await db.query(
          `SELECT x.member_index AS "from", y.member_index AS "to", count(*)::int AS count
             FROM group_snapshot_members x JOIN group_snapshot_members y
               ON y.customer_id = x.customer_id AND y.snapshot_id = $2
            WHERE x.snapshot_id = $1 GROUP BY 1, 2`,
          [a, b],
        )) as { from: number; to: number; count: number }[]
      ).filter((c) => c.count > 0);
    const key = (c: { from: number | null; to: number | null }) => `${c.from}>${c.to}`;
    const sorted = <T extends { from: number | null; to: number | null }>(cells: T[]) =>
      [...cells].sort((x, y) => key(x).localeCompare(key(y)));
    const first = await snapshots.movementCounts(a, b);
    // New customers since day 5 have no `from`: compare the cells both snapshots have.
    expect(sorted(first.filter((c) => c.from !== null))).toEqual(sorted(await direct()));
    const [{ n }] = await db.query(
      'SELECT count(*)::int AS n FROM group_movement_counts WHERE from_snapshot_id = $1 AND to_snapshot_id = $2',
      [a, b],
    );
    expect(n).toBe(1);
    // Change the data, recompute day 50: the kept counts are not used any more.
    const [customer] = await db.query(
      'SELECT customer_id FROM group_snapshot_members WHERE snapshot_id = $1 AND member_index = 2 LIMIT 1',
      [b],
    );
    await db.query(
      `INSERT INTO events (workspace_id, customer_id, type, name, ts) VALUES ($1, $2, 'track', 'Order Completed', $3)`,
      [ws, customer.customer_id, new Date(day(50).getTime() - DAY)],
    );
    await evaluator.evaluate(ws, groupId, day(50), { refresh: true });
    const second = await snapshots.movementCounts(a, b);
    expect(second).not.toEqual(first);
    expect(sorted(second.filter((c) => c.from !== null))).toEqual(sorted(await direct()));
  });

  it('counts customers of the earlier snapshot missing from the later one', async () => {
    const snapshots = new GroupSnapshotsRepository(db);
    const [a, b] = (
      (await db.query(
        'SELECT id FROM group_snapshots WHERE group_id = $1 AND as_of IN ($2, $3) ORDER BY as_of',
        [groupId, day(10), day(20)],
      )) as { id: string }[]
    ).map((r) => r.id) as [string, string];
    await db.query('DELETE FROM group_movement_counts');
    const before = await snapshots.movementCounts(a, b);
    expect(before.some((c) => c.to === null)).toBe(false);
    // A member of day 10 vanishes from day 20 (as if day 20 were computed before it was seen).
    const [gone] = await db.query(
      'SELECT customer_id, member_index FROM group_snapshot_members WHERE snapshot_id = $1 LIMIT 1',
      [a],
    );
    await db.query(
      'DELETE FROM group_snapshot_members WHERE snapshot_id = $1 AND customer_id = $2',
      [b, gone.customer_id],
    );
    await db.query('DELETE FROM group_movement_counts');
    const after = await snapshots.movementCounts(a, b);
    expect(after.filter((c) => c.to === null)).toEqual([
      { from: gone.member_index, to: null, count: 1 },
    ]);
    const total = (cells: { count: number }[]) => cells.reduce((n, c) => n + c.count, 0);
    expect(total(after)).toBe(total(before));
  });
});
