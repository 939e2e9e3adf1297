import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, dropDatabase } from '../database/test-database.testing.js';
import { CUSTOMERS_BY_PHONE_SQL } from './customer-phone.sql.js';

/**
 * An SMS reply finds its customers through the `customers_phone` index, however the
 * number was written in the trait, and only in its own workspace.
 */
describe('customers by phone (Postgres)', () => {
  let database: string;
  let db: DataSource;
  let workspace: string;
  let other: string;
  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => db.query<T[]>(sql, params);
  const byPhone = async (ws: string, phone: string) =>
    (await q<{ id: string }>(CUSTOMERS_BY_PHONE_SQL, [ws, phone])).map((r) => r.id).sort();
  const idOf = async (externalId: string) =>
    (await q<{ id: string }>(`SELECT id::text FROM customers WHERE external_id = $1`, [externalId]))
      .map((r) => r.id)
      .sort();

  beforeAll(async () => {
    ({ name: database, db } = await createMigratedDatabase('phones', 2));
    [workspace, other] = (
      await q<{ id: string }>(`INSERT INTO workspaces (name) VALUES ('a'), ('b') RETURNING id`)
    ).map((r) => r.id) as [string, string];
    // 20,000 customers, one in fifty with a phone, written the ways people write them.
    await q(
      `INSERT INTO customers (workspace_id, external_id, traits, first_seen_at, last_seen_at)
       SELECT $1, 'c' || i,
              CASE WHEN i % 50 = 0
                   THEN jsonb_build_object('phone', CASE i % 150 WHEN 0 THEN '+1 (415) 555-' || lpad(i::text, 4, '0')
                                                                WHEN 50 THEN '+1.415.555.' || lpad(i::text, 4, '0')
                                                                ELSE '+1415555' || lpad(i::text, 4, '0') END)
                   ELSE jsonb_build_object('plan', 'x') END,
              now(), now()
         FROM generate_series(1, 9950) AS i`,
      [workspace],
    );
    await q(
      `INSERT INTO customers (workspace_id, external_id, traits, first_seen_at, last_seen_at)
       VALUES ($1, 'twin', '{"phone": "+14155550300"}', now(), now()),
              ($2, 'elsewhere', '{"phone": "+14155550300"}', now(), now())`,
      [workspace, other],
    );
    await q(`ANALYZE customers`);
  }, 120_000);

  afterAll(() => dropDatabase(database, db));

  it('finds every customer with the number, however written, in the workspace only', async () => {
    expect(await byPhone(workspace, '+14155550100')).toEqual(await idOf('c100'));
    expect(await byPhone(workspace, '+14155550150')).toEqual(await idOf('c150'));
    expect(await byPhone(workspace, '+14155550200')).toEqual(await idOf('c200'));
    expect(await byPhone(workspace, '+14155550300')).toEqual(
      [...(await idOf('c300')), ...(await idOf('twin'))].sort(),
    );
    expect(await byPhone(other, '+14155550300')).toEqual(await idOf('elsewhere'));
    expect(await byPhone(workspace, '+14155550101')).toEqual([]);
  });

  it('reads the index, not the workspace', async () => {
    // The statement as a prepared one is planned for its values: the same here, inlined.
    const sql = CUSTOMERS_BY_PHONE_SQL.replace('$1', `'${workspace}'::uuid`).replace(
      '$2',
      `'+14155550100'`,
    );
    const plan = (await q<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/(Index|Bitmap Index) Scan (using|on) customers_phone/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
