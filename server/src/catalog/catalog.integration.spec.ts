import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerListService } from '../customers/customer-list.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { migrations } from '../database/migrations/index.js';
import { CatalogService } from './catalog.service.js';
import { OptOutsRepository } from '../subscriptions/opt-outs.repository.js';
import { TopicOptOutsRepository } from '../subscriptions/topic-opt-outs.repository.js';

/** The catalog and customer-list queries on a real Postgres database of their own. */
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

type Work<T> = (m: {
  query: (sql: string, params?: unknown[]) => Promise<unknown[]>;
}) => Promise<T>;

describe('catalog and customer list (Postgres)', () => {
  const database = `sy_catalog_${randomBytes(4).toString('hex')}`;
  let db: pg.Client;
  let catalog: CatalogService;
  let customers: CustomerListService;
  let profiles: CustomersService;
  let ws: string;
  let other: string;

  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await db.query(sql, params)).rows as T[];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    await admin.end();
    db = new pg.Client({
      connectionString: `postgres://postgres@127.0.0.1:5432/${database}`,
      options: '-c timezone=UTC',
    });
    await db.connect();
    const runner = { query: (sql: string, params?: unknown[]) => q(sql, params) };
    for (const Migration of migrations) await new Migration().up(runner as unknown as QueryRunner);
    const query = (sql: string, params?: unknown[]) => q(sql, params);
    // One connection: a "transaction" runs its queries on it in order.
    const source = {
      query,
      // As TypeORM's: transaction(work) or transaction(isolationLevel, work).
      transaction: async <T>(...args: [Work<T>] | [string, Work<T>]): Promise<T> => {
        const [isolation, work] = args.length === 2 ? args : [null, args[0]];
        await q(isolation ? `BEGIN ISOLATION LEVEL ${isolation}` : 'BEGIN');
        try {
          return await work({ query });
        } finally {
          await q('COMMIT');
        }
      },
    };
    catalog = new CatalogService(source as unknown as DataSource);
    customers = new CustomerListService(source as unknown as DataSource);
    profiles = new CustomersService(
      source as unknown as DataSource,
      new OptOutsRepository(
        source as unknown as DataSource,
        new TopicOptOutsRepository(source as unknown as DataSource),
      ),
    );

    const workspaces = await q<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('a'), ('b') RETURNING id`,
    );
    [ws, other] = workspaces.map((w) => w.id) as [string, string];
    const people: [string, string, Record<string, unknown>][] = [
      [
        ws,
        'u1',
        {
          first_name: 'Ada',
          last_name: 'Lovelace',
          email: 'ada@example.com',
          age: 36,
          vip: true,
          signed_up_at: '2024-01-02T00:00:00Z',
          tags: ['a'],
          address: { city: 'London' },
        },
      ],
      [
        ws,
        'u2',
        {
          name: 'Grace Hopper',
          email: 'grace@example.com',
          age: 40,
          vip: false,
          signed_up_at: '2024-02-03',
          address: { city: 'New York' },
        },
      ],
      [ws, '50%_off', { email: 'percent@example.com', age: 36 }],
      [other, 'u3', { first_name: 'Ada', secret: 'x' }],
    ];
    for (const [w, ext, traits] of people)
      await q(
        `INSERT INTO customers (workspace_id, external_id, traits, first_seen_at, last_seen_at)
         VALUES ($1, $2, $3, now(), now())`,
        [w, ext, JSON.stringify(traits)],
      );
    const ids = await q<{ id: string; external_id: string }>(
      `SELECT id::text, external_id FROM customers`,
    );
    const idOf = (ext: string) => ids.find((r) => r.external_id === ext)?.id;
    const events: [string, string, string, Record<string, unknown>][] = [
      [ws, 'u1', 'Order Completed', { total: 10, currency: 'USD' }],
      [ws, 'u1', 'Order Completed', { total: 30, currency: 'USD' }],
      [ws, 'u2', 'Order Completed', { total: 5, currency: 'EUR' }],
      [ws, 'u2', 'Visit', {}],
      [ws, 'u2', '$identify', { name: 'Grace Hopper' }],
      [other, 'u3', 'Secret Event', {}],
    ];
    for (const [w, ext, name, props] of events)
      await q(
        `INSERT INTO events (workspace_id, customer_id, type, name, properties, ts)
         VALUES ($1, $2, 'track', $3, $4, now())`,
        [w, idOf(ext), name, JSON.stringify(props)],
      );
    const [segment] = await q<{ id: string }>(
      `INSERT INTO segments (workspace_id, name, color, rule) VALUES ($1, 'VIP', '#ff0000', '{"all":[]}') RETURNING id`,
      [ws],
    );
    const vip = segment?.id;
    await q(
      `INSERT INTO segment_memberships (segment_id, customer_id, since) VALUES ($1, $2, now())`,
      [vip, idOf('u1')],
    );
    for (const [kind, asOf] of [
      ['entered', '2024-01-01T00:00:00Z'],
      ['exited', '2024-02-01T00:00:00Z'],
      ['entered', '2024-03-01T00:00:00Z'],
    ])
      await q(
        `INSERT INTO segment_transitions (workspace_id, segment_id, customer_id, kind, as_of)
         VALUES ($1, $2, $3, $4, $5)`,
        [ws, vip, idOf('u1'), kind, asOf],
      );
  });

  afterAll(async () => {
    await db?.end();
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.end();
  });

  it('lists the traits of the workspace with types and samples, nested keys dotted', async () => {
    const result = await catalog.traits(ws);
    expect(result.sampled).toBe(3);
    const byName = Object.fromEntries(result.traits.map((t) => [t.name, t]));
    expect(Object.keys(byName)).not.toContain('secret');
    expect(byName['age']).toMatchObject({ type: 'number', seen: 3, samples: [36, 40] });
    expect(byName['vip']?.type).toBe('boolean');
    expect(byName['signed_up_at']?.type).toBe('date');
    expect(byName['tags']).toMatchObject({ type: 'list', samples: [] });
    expect(byName['address.city']).toMatchObject({ type: 'string', seen: 2 });
    expect(byName['email']?.samples).toHaveLength(3);
  });

  it('lists event names with counts, without $-names or other workspaces', async () => {
    expect(await catalog.events(ws)).toEqual({
      events: [
        { name: 'Order Completed', count: 3, capped: false },
        { name: 'Visit', count: 1, capped: false },
      ],
    });
  });

  it('lists the properties of one event', async () => {
    const result = await catalog.eventProperties(ws, 'Order Completed');
    expect(result.sampled).toBe(3);
    expect(result.properties).toEqual([
      { name: 'currency', type: 'string', seen: 3, samples: ['USD', 'EUR'] },
      { name: 'total', type: 'number', seen: 3, samples: [5, 10, 30] },
    ]);
    expect((await catalog.eventProperties(other, 'Order Completed')).properties).toEqual([]);
  });

  it('searches customers by id, name and e-mail with their segment labels', async () => {
    const all = await customers.list(ws, { limit: 2, offset: 0 });
    expect(all.items).toHaveLength(2);
    expect(all.hasMore).toBe(true);
    const ada = await customers.list(ws, { q: 'ada lov', limit: 50, offset: 0 });
    expect(ada.items.map((c) => [c.externalId, c.name, c.email])).toEqual([
      ['u1', 'Ada Lovelace', 'ada@example.com'],
    ]);
    expect(ada.items[0]?.segments).toEqual([
      { id: expect.any(String), name: 'VIP', color: '#ff0000' },
    ]);
    expect((await customers.list(ws, { q: 'GRACE@', limit: 50, offset: 0 })).items).toHaveLength(1);
    // Wildcards are literal: "%" matches only the id that has one.
    const percent = await customers.list(ws, { q: '%_', limit: 50, offset: 0 });
    expect(percent.items.map((c) => c.externalId)).toEqual(['50%_off']);
    expect((await customers.list(other, { q: 'Lovelace', limit: 50, offset: 0 })).items).toEqual(
      [],
    );
  });

  it('adds the segment history to the profile, newest first, scoped to the workspace', async () => {
    const ada = await profiles.profile(ws, [{ column: 'external_id', value: 'u1' }]);
    expect(ada?.segmentHistory.map((t) => [t.kind, t.asOf, t.segmentName, t.color])).toEqual([
      ['entered', '2024-03-01T00:00:00.000Z', 'VIP', '#ff0000'],
      ['exited', '2024-02-01T00:00:00.000Z', 'VIP', '#ff0000'],
      ['entered', '2024-01-01T00:00:00.000Z', 'VIP', '#ff0000'],
    ]);
    expect(await profiles.profile(other, [{ column: 'external_id', value: 'u1' }])).toBeNull();
  });
});
