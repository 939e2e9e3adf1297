import { randomBytes } from 'node:crypto';
import { boundedRuleSchema, type Rule } from '@switchyard/contracts';
import fc from 'fast-check';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InitialSchema1732300000000 } from '../../database/migrations/1732300000000-initial-schema.js';
import {
  SEGMENT_IDS,
  asOfArb,
  customerArb,
  rulesArb,
  segmentRulesArb,
} from './rule-arbitraries.testing.js';
import { compileRuleExpression, compileSegmentQuery, RuleQueryBuilder } from './rule-compiler.js';
import { SqlParams } from './sql-params.js';
import { RuleCoverage } from './rule-coverage.testing.js';
import { customerMatches, type MemoryCustomer } from './rule-memory-evaluator.js';

/** The memory side of mergeTraitsSql: `over` merged over `base`, a null value removing the trait. */
function mergeTraits(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base, ...over };
  for (const [name, value] of Object.entries(over)) if (value === null) delete merged[name];
  return merged;
}

/**
 * Property: for random customers, events, stored segments and rules, the one-query SQL
 * evaluation selects exactly the customers the in-memory evaluator accepts, as of a random
 * time. All rules of a case share one RuleQueryBuilder (as a segment group's CASE does);
 * the first is also run alone on a subset of customers (incremental evaluation).
 * Runs on a real Postgres database of its own and checks that every rule kind, operator,
 * aggregate, window and RFM metric was exercised.
 */
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const NUM_RUNS = 500;

describe('rule compiler agrees with the in-memory evaluator (Postgres)', () => {
  const database = `sy_prop_${randomBytes(4).toString('hex')}`;
  let db: pg.Client;

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
    const runner = {
      query: (sql: string, params?: unknown[]) => db.query(sql, params).then((r) => r.rows),
    };
    await new InitialSchema1732300000000().up(runner as unknown as QueryRunner);
  });

  afterAll(async () => {
    await db?.end();
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.end();
  });

  /** Stores the customers and their events in a new workspace; returns it and the customers with ids. */
  async function store(
    generated: MemoryCustomer[],
  ): Promise<{ ws: string; customers: MemoryCustomer[] }> {
    const ws = (await db.query(`INSERT INTO workspaces (name) VALUES ('prop') RETURNING id`))
      .rows[0].id as string;
    const rows = generated.map((c, i) => ({
      ext: `c${i}`,
      traits: c.traits,
      seen: new Date(c.firstSeenAt).toISOString(),
    }));
    const inserted = await db.query(
      `INSERT INTO customers (workspace_id, external_id, traits, first_seen_at, last_seen_at)
       SELECT $1, x.ext, x.traits, x.seen, x.seen
       FROM jsonb_to_recordset($2::jsonb) AS x(ext text, traits jsonb, seen timestamptz)
       RETURNING id, external_id`,
      [ws, JSON.stringify(rows)],
    );
    const idOf = new Map(
      inserted.rows.map((r: { id: string; external_id: string }) => [r.external_id, r.id]),
    );
    const customers = generated.map((c, i) => ({ ...c, id: idOf.get(`c${i}`) }));
    const events = customers.flatMap((c) =>
      c.events.map((e) => ({
        customer: c.id,
        name: e.name,
        properties: e.properties,
        ts: new Date(e.ts).toISOString(),
      })),
    );
    await db.query(
      `INSERT INTO events (workspace_id, customer_id, type, name, properties, ts)
       SELECT $1, x.customer, 'track', x.name, x.properties, x.ts
       FROM jsonb_to_recordset($2::jsonb) AS x(customer bigint, name text, properties jsonb, ts timestamptz)`,
      [ws, JSON.stringify(events)],
    );
    return { ws, customers };
  }

  it('selects the same customers for random data, rules and times', async () => {
    const coverage = new RuleCoverage();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 5, maxLength: 25 }),
        segmentRulesArb,
        rulesArb,
        asOfArb,
        async (generated, segmentRules, rules, asOf) => {
          for (const rule of [...segmentRules, ...rules])
            expect(boundedRuleSchema.safeParse(rule).success, JSON.stringify(rule)).toBe(true);
          for (const rule of segmentRules) coverage.add(rule, true);
          for (const rule of rules) coverage.add(rule);
          const segments = new Map<string, Rule>(
            SEGMENT_IDS.map((id, i) => [id, segmentRules[i] as Rule]),
          );
          const { ws, customers } = await store(generated);
          const context = { customers, segments };
          const expected = (rule: Rule, among: MemoryCustomer[]) =>
            new Set(among.filter((c) => customerMatches(rule, c, asOf, context)).map((c) => c.id));

          const builder = new RuleQueryBuilder(ws, new Date(asOf), { segments });
          const columns = rules.map((rule, i) => `${builder.expression(rule)} AS m${i}`);
          const query = builder.build(`c.id, ${columns.join(', ')}`);
          const rows: Record<string, unknown>[] = (await db.query(query.sql, query.params)).rows;
          rules.forEach((rule, i) => {
            const sql = new Set(rows.filter((r) => r[`m${i}`] === true).map((r) => r.id));
            expect(sql, JSON.stringify({ rule, segments: segmentRules })).toEqual(
              expected(rule, customers),
            );
          });

          const some = customers.filter((_, i) => i % 2 === 0);
          const first = rules[0] as Rule;
          const single = compileSegmentQuery(
            first,
            ws,
            new Date(asOf),
            some.map((c) => c.id as string),
            { segments },
          );
          const selected = new Set(
            (await db.query(single.sql, single.params)).rows.map((r) => r.id),
          );
          expect(selected, JSON.stringify(first)).toEqual(expected(first, some));

          // A dry run's traits (traitsOver): one customer with another's traits merged over
          // its own, as a step's trait update would leave them (null removes a trait).
          const target = customers[0] as MemoryCustomer;
          const over = (customers.at(-1) as MemoryCustomer).traits;
          const merged = { ...target, traits: mergeTraits(target.traits, over) };
          const overlaid = new RuleQueryBuilder(ws, new Date(asOf), { segments });
          const overQuery = overlaid.build('c.id', {
            where: overlaid.expression(first),
            customerIds: [target.id as string],
            traitsOver: over,
          });
          const overRows = (await db.query(overQuery.sql, overQuery.params)).rows;
          const withMerged = customers.map((c) => (c === target ? merged : c));
          expect(
            overRows.map((r) => r.id),
            JSON.stringify({ first, over }),
          ).toEqual(
            customerMatches(first, merged, asOf, { customers: withMerged, segments })
              ? [target.id]
              : [],
          );

          // The standalone form (correlated subqueries, no builder) agrees too, where it
          // applies: quantile scores (also inside referenced segments) need the builder.
          const params = new SqlParams([ws, new Date(asOf)]);
          let where: string | null = null;
          try {
            where = compileRuleExpression(first, params, '$2::timestamptz', { segments });
          } catch (error) {
            if (!(error as Error).message.startsWith('rfm conditions need')) throw error;
          }
          if (where !== null) {
            const correlated = await db.query(
              `SELECT c.id FROM customers c WHERE c.workspace_id = $1::uuid AND c.first_seen_at <= $2::timestamptz AND ${where}`,
              params.values,
            );
            expect(new Set(correlated.rows.map((r) => r.id)), JSON.stringify(first)).toEqual(
              expected(first, customers),
            );
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
    console.info(`rule property test: ${NUM_RUNS} runs in ${Date.now() - started} ms`);
    expect(coverage.missing()).toEqual([]);
  }, 180_000);

  it('runs a count that names a property (count ignores it; no unused parameter)', async () => {
    const { ws } = await store([]);
    const rule: Rule = {
      event: 'Order Completed',
      aggregate: { fn: 'count', property: 'total' },
      op: 'gte',
      value: 1,
      window: { from: '2024-01-01', to: '2024-12-31' },
    };
    expect(boundedRuleSchema.safeParse(rule).success).toBe(true);
    const query = compileSegmentQuery(rule, ws, new Date('2025-01-01T00:00:00Z'));
    await expect(db.query(query.sql, query.params)).resolves.toMatchObject({ rowCount: 0 });
    const params = new SqlParams([ws, new Date('2025-01-01T00:00:00Z')]);
    const where = compileRuleExpression(rule, params, '$2::timestamptz');
    await expect(
      db.query(
        `SELECT c.id FROM customers c WHERE c.workspace_id = $1::uuid AND ${where}`,
        params.values,
      ),
    ).resolves.toMatchObject({ rowCount: 0 });
  });
});
