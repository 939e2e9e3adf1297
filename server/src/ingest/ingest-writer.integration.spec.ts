import type { BatchItem } from '@switchyard/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnrollmentService } from '../engine/enrollment/event-enrollment.service.js';
import { isDatabaseUnavailable } from '../rate-limit/service-unavailable.js';
import { IngestDatabase } from './ingest-database.testing.js';
import type { BatchFollowUp, IngestFollowUpsService } from './ingest-follow-ups.service.js';
import { ingestDocument, ingestRows } from './ingest-rows.js';
import { INGEST_STATEMENT_SQL } from './ingest-statement.sql.js';
import { IngestWriterService } from './ingest-writer.service.js';

/** Journeys are not set up here: an event trigger firing would be a bug of the test. */
const noTriggers = {
  enrollInTransaction: () => Promise.reject(new Error('no journey listens in this test')),
} as unknown as EventEnrollmentService;

describe('ingest writer (group commit on real Postgres)', () => {
  let database: IngestDatabase;
  let writer: IngestWriterService;
  const followUps: BatchFollowUp[][] = [];
  const received = new Date('2030-01-01T00:00:00Z');

  const rows = (items: BatchItem[]) => ingestRows(items, received);
  const track = (userId: string, messageId: string, timestamp: string, extra = {}): BatchItem => ({
    type: 'track',
    userId,
    event: 'Order Completed',
    messageId,
    timestamp,
    properties: { total: 3, ...extra },
  });
  const count = async (sql: string, params: unknown[]) =>
    Number(((await database.db.query(sql, params)) as { n: string }[])[0]?.n);

  beforeAll(async () => {
    database = await IngestDatabase.create();
    writer = new IngestWriterService(database.db, noTriggers, {
      after: (batch: BatchFollowUp[]) => followUps.push(batch),
    } as unknown as IngestFollowUpsService);
  });
  afterAll(() => database.drop());

  it('stores customers, events and one durable real-time mark per statement', async () => {
    const ws = await database.workspace();
    await writer.write({
      workspaceId: ws,
      rows: rows([
        {
          type: 'identify',
          userId: 'ada',
          traits: { plan: 'pro' },
          timestamp: '2029-01-02T00:00:00Z',
        },
        // Older identify later in the request: traits merge in time order, so pro stays.
        {
          type: 'identify',
          userId: 'ada',
          traits: { plan: 'free', city: 'Oslo' },
          timestamp: '2029-01-01T00:00:00Z',
        },
        track('ada', 'm-1', '2029-01-03T00:00:00Z'),
        track('bob', 'm-2', '2028-05-01T00:00:00Z'),
        // Repeated in the same request: stored once.
        track('bob', 'm-2', '2028-05-01T00:00:00Z', { total: 999 }),
      ]),
    });
    const customers: { external_id: string; traits: unknown; first: string; last: string }[] =
      await database.db.query(
        `SELECT external_id, traits, first_seen_at::text AS first, last_seen_at::text AS last
           FROM customers WHERE workspace_id = $1 ORDER BY external_id`,
        [ws],
      );
    expect(customers).toEqual([
      {
        external_id: 'ada',
        traits: { plan: 'pro', city: 'Oslo' },
        first: '2029-01-01 00:00:00+00',
        last: '2029-01-03 00:00:00+00',
      },
      {
        external_id: 'bob',
        traits: {},
        first: '2028-05-01 00:00:00+00',
        last: '2028-05-01 00:00:00+00',
      },
    ]);
    expect(await count(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws])).toBe(4);
    const bob: { properties: unknown }[] = await database.db.query(
      `SELECT properties FROM events WHERE message_id = 'm-2' AND workspace_id = $1`,
      [ws],
    );
    expect(bob).toEqual([{ properties: { total: 3 } }]);
    const marks: { customer_ids: string[] }[] = await database.db.query(
      `SELECT customer_ids::text[] AS customer_ids FROM realtime_dirty WHERE workspace_id = $1`,
      [ws],
    );
    expect(marks).toHaveLength(1);
    expect(marks[0]?.customer_ids).toHaveLength(2);
    expect(followUps.at(-1)).toEqual([
      { workspaceId: ws, inserted: 4, enrolled: [], wakes: [], lastEventId: expect.any(String) },
    ]);
  });

  it('a retried request stores nothing and leaves its customers as they were', async () => {
    const ws = await database.workspace();
    const request = { workspaceId: ws, rows: rows([track('cy', 'r-1', '2029-06-01T00:00:00Z')]) };
    await writer.write(request);
    const before: unknown[] = await database.db.query(
      `SELECT updated_at, last_seen_at FROM customers WHERE workspace_id = $1`,
      [ws],
    );
    await writer.write(request);
    expect(
      await database.db.query(
        `SELECT updated_at, last_seen_at FROM customers WHERE workspace_id = $1`,
        [ws],
      ),
    ).toEqual(before);
    expect(await count(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws])).toBe(1);
    expect(followUps.at(-1)?.[0]?.inserted).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM realtime_dirty WHERE workspace_id = $1`, [ws]),
    ).toBe(1);
  });

  it('commits concurrent requests together', async () => {
    const ws = await database.workspace();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        writer.write({
          workspaceId: ws,
          rows: rows([track(`g${i}`, `g-${i}`, '2029-02-01T00:00:00Z')]),
        }),
      ),
    );
    expect(await count(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws])).toBe(40);
    // One mark per statement: 40 requests went in far fewer commits.
    const statements = await count(
      `SELECT count(*) AS n FROM realtime_dirty WHERE workspace_id = $1`,
      [ws],
    );
    expect(statements).toBeLessThan(10);
  });

  it('a request Postgres refuses fails alone; the others of its commit are stored', async () => {
    const ws = await database.workspace();
    const good = Array.from({ length: 5 }, (_, i) =>
      writer.write({
        workspaceId: ws,
        rows: rows([track(`h${i}`, `h-${i}`, '2029-02-01T00:00:00Z')]),
      }),
    );
    // A row Postgres refuses (validation never lets one through; here it is forged).
    const bad = writer.write({
      workspaceId: ws,
      rows: JSON.stringify(['track', 'bad', 'b-1', 'E', {}, 'not a time']),
    });
    await Promise.all(good);
    await expect(bad).rejects.toThrow(/time zone: "not a time"/);
    expect(await count(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws])).toBe(5);
  });

  it('finds a customer that a concurrent transaction created after it began', async () => {
    const ws = await database.workspace();
    const other = await database.client();
    try {
      await other.query('BEGIN');
      await other.query(INGEST_STATEMENT_SQL, [
        ws,
        ingestDocument([rows([track('dana', 'o-1', '2029-03-01T00:00:00Z')])]),
      ]);
      // Blocks on dana's row until the other transaction commits; changes nothing in it
      // (same time, no traits), and must still find it and store its event.
      const ours = writer.write({
        workspaceId: ws,
        rows: rows([track('dana', 'o-2', '2029-03-01T00:00:00Z')]),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('COMMIT');
      await ours;
    } finally {
      await other.end();
    }
    expect(await count(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws])).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM customers WHERE workspace_id = $1`, [ws])).toBe(
      1,
    );
  });

  it('tells an unreachable database (503) from a bad statement (a bug)', async () => {
    const refused = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    const connectError: unknown = await refused.connect().catch((e: unknown) => e);
    expect(isDatabaseUnavailable(connectError)).toBe(true);

    const victim = await database.client();
    victim.on('error', () => undefined);
    const pid = ((await victim.query('SELECT pg_backend_pid() AS pid')).rows[0] as { pid: number })
      .pid;
    await database.db.query('SELECT pg_terminate_backend($1)', [pid]);
    const cutError: unknown = await victim.query('SELECT 1').catch((e: unknown) => e);
    expect(isDatabaseUnavailable(cutError)).toBe(true);
    await victim.end().catch(() => undefined);

    const badError: unknown = await database.db
      .query(`SELECT 'not a time'::timestamptz`)
      .catch((e: unknown) => e);
    expect(badError).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(badError)).toBe(false);
  });
});
