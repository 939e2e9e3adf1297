import { randomBytes } from 'node:crypto';
import type { Rule } from '@switchyard/contracts';
import fc from 'fast-check';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InitialSchema1732300000000 } from '../../database/migrations/1732300000000-initial-schema.js';
import { compileSegmentQuery } from './rule-compiler.js';
import { customerMatches, type MemoryCustomer } from './rule-memory-evaluator.js';

/**
 * Property: for random customers, events and rules, the one-query SQL evaluation selects
 * exactly the customers the in-memory evaluator accepts, as of a random time.
 * Runs on a real Postgres database of its own.
 */
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY = 86_400_000;
const START = Date.parse('1997-01-01T00:00:00Z');

const dateText = fc
  .integer({ min: 0, max: 900 })
  .map((d) => new Date(START - 200 * DAY + d * DAY).toISOString().slice(0, 10));
const traitsArb = fc.record(
  {
    plan: fc.constantFrom('free', 'pro', 'Pro', 'enterprise'),
    age: fc.oneof(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }).map(String),
      fc.constant(null),
    ),
    tags: fc.subarray(['a', 'b', 'c']),
    vip: fc.boolean(),
    signup: dateText,
    city: fc.constantFrom('Seoul', 'seoul', 'Busan'),
  },
  { requiredKeys: [] },
);
const eventArb = fc.record({
  name: fc.constantFrom('Order Completed', 'Product Viewed'),
  properties: fc.record({
    total: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }).map(String)),
    category: fc.constantFrom('cd', 'dvd'),
  }),
  ts: fc.integer({ min: 0, max: 365 * 24 }).map((h) => START + h * 3_600_000),
});
const customerArb: fc.Arbitrary<MemoryCustomer> = fc
  .record({
    traits: traitsArb,
    events: fc.array(eventArb, { maxLength: 8 }),
    seen: fc.integer({ min: 0, max: 365 }),
  })
  .map(({ traits, events, seen }) => ({
    traits,
    events,
    firstSeenAt: Math.min(START + seen * DAY, ...events.map((e) => e.ts)),
  }));

const numOp = fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte') as fc.Arbitrary<
  'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte'
>;
const numericCondition = (max: number) =>
  fc.oneof(
    fc.record({ op: numOp, value: fc.integer({ min: 0, max }) }),
    fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).map(([a, b]) => ({
      op: 'between' as const,
      value: [Math.min(a, b), Math.max(a, b)] as [number, number],
    })),
  );

const leafArb: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({
    attribute: fc.constant('plan'),
    op: fc.constantFrom('eq', 'neq', 'startsWith', 'contains'),
    value: fc.constantFrom('pro', 'Pro', 'free', 'ent'),
  }) as fc.Arbitrary<Rule>,
  fc.record({
    attribute: fc.constant('plan'),
    op: fc.constantFrom('in', 'notIn'),
    value: fc.subarray(['pro', 'free', 'x'], { minLength: 1 }),
  }) as fc.Arbitrary<Rule>,
  fc.record({
    attribute: fc.constantFrom('age', 'city', 'vip', 'tags'),
    op: fc.constantFrom('exists', 'missing'),
  }) as fc.Arbitrary<Rule>,
  numericCondition(99).map((c) => ({ attribute: 'age', ...c })) as fc.Arbitrary<Rule>,
  fc.record({
    attribute: fc.constant('tags'),
    op: fc.constant('contains'),
    value: fc.constantFrom('a', 'b'),
  }) as fc.Arbitrary<Rule>,
  fc.record({
    attribute: fc.constant('vip'),
    op: fc.constant('eq'),
    value: fc.boolean(),
  }) as fc.Arbitrary<Rule>,
  fc.record({
    attribute: fc.constant('city'),
    op: fc.constant('eq'),
    value: fc.constantFrom('Seoul', 'seoul'),
  }) as fc.Arbitrary<Rule>,
  fc.record({
    attribute: fc.constant('signup'),
    op: fc.constantFrom('withinLastDays', 'moreThanDaysAgo'),
    value: fc.integer({ min: 0, max: 400 }),
  }) as fc.Arbitrary<Rule>,
  fc.record({
    attribute: fc.constant('signup'),
    op: fc.constant('anniversaryThisMonth'),
  }) as fc.Arbitrary<Rule>,
  fc
    .record({
      event: fc.constantFrom('Order Completed', 'Product Viewed'),
      fn: fc.constantFrom('count', 'sum', 'avg', 'min', 'max'),
      cond: numericCondition(600),
      window: fc.option(
        fc.oneof(
          fc.record({ lastDays: fc.integer({ min: 1, max: 200 }) }),
          fc
            .tuple(dateText, dateText)
            .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
        ),
        { nil: undefined },
      ),
      where: fc.option(fc.constant([{ property: 'category', op: 'eq' as const, value: 'cd' }]), {
        nil: undefined,
      }),
    })
    .map(({ event, fn, cond, window, where }) => ({
      event,
      aggregate: fn === 'count' ? { fn } : { fn, property: 'total' },
      ...cond,
      ...(window ? { window } : {}),
      ...(where ? { where } : {}),
    })) as fc.Arbitrary<Rule>,
  fc
    .record({
      event: fc.constantFrom('Order Completed', 'Product Viewed'),
      measure: fc.constantFrom('daysSinceLast', 'daysSinceFirst'),
      cond: numericCondition(300),
    })
    .map(({ event, measure, cond }) => ({ event, measure, ...cond })) as fc.Arbitrary<Rule>,
);

const ruleArb: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ),
})).rule;

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

  it('selects the same customers for random data, rules and times', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 10, maxLength: 30 }),
        fc.array(ruleArb, { minLength: 4, maxLength: 8 }),
        fc.integer({ min: -30, max: 420 }).map((d) => START + d * DAY + 86_399_999),
        async (customers, rules, asOf) => {
          round += 1;
          const ws = (
            await db.query(`INSERT INTO workspaces (name) VALUES ($1) RETURNING id`, [`w${round}`])
          ).rows[0].id as string;
          const ids: string[] = [];
          for (const [i, c] of customers.entries()) {
            const row = await db.query(
              `INSERT INTO customers (workspace_id, external_id, traits, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $4, $4) RETURNING id`,
              [ws, `c${i}`, JSON.stringify(c.traits), new Date(c.firstSeenAt)],
            );
            const id = row.rows[0].id as string;
            ids.push(id);
            for (const e of c.events)
              await db.query(
                `INSERT INTO events (workspace_id, customer_id, type, name, properties, ts) VALUES ($1, $2, 'track', $3, $4, $5)`,
                [ws, id, e.name, JSON.stringify(e.properties), new Date(e.ts)],
              );
          }
          for (const rule of rules) {
            const query = compileSegmentQuery(rule, ws, new Date(asOf));
            const sql = new Set(
              (await db.query(query.sql, query.params)).rows.map((r: { id: string }) => r.id),
            );
            const memory = new Set(
              ids.filter((_, i) => customerMatches(rule, customers[i] as MemoryCustomer, asOf)),
            );
            expect(sql, JSON.stringify(rule)).toEqual(memory);
          }
        },
      ),
      { numRuns: 80 },
    );
  }, 120_000);
});
