import type { Rule } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { ntile } from './memory-scores.js';
import {
  compileRuleExpression,
  compileSegmentQuery,
  RuleQueryBuilder,
  SegmentReferenceError,
} from './rule-compiler.js';
import { SqlParams } from './sql-params.js';

const WS = '00000000-0000-4000-8000-000000000000';
const A = '0f8b6a52-3c1e-4a57-9a3e-1d2c3b4a5f60';
const B = '6a1d4e7b-2f3c-4b8a-8c9d-0e1f2a3b4c5d';
const AS_OF = new Date('1997-06-30T00:00:00Z');

describe('rule compiler', () => {
  it('inlines {segment: id} from the context, and refuses unknown ids and cycles', () => {
    const segments = new Map<string, Rule>([
      [A, { attribute: 'plan', op: 'eq', value: 'pro' }],
      [B, { not: { segment: A } }],
    ]);
    const sql = compileRuleExpression({ segment: B }, new SqlParams(), '$0', { segments });
    expect(sql).toContain('(NOT coalesce(');
    expect(() => compileRuleExpression({ segment: A }, new SqlParams(), '$0')).toThrow(
      SegmentReferenceError,
    );
    expect(() =>
      compileRuleExpression({ segment: B }, new SqlParams(), '$0', { segments: new Map() }),
    ).toThrow(`no such segment ${B}`);
    const cyclic = new Map<string, Rule>([
      [A, { segment: B }],
      [B, { any: [{ segment: A }] }],
    ]);
    expect(() =>
      compileSegmentQuery({ segment: A }, WS, AS_OF, undefined, { segments: cyclic }),
    ).toThrow(`segment cycle ${A} -> ${B} -> ${A}`);
  });

  it('registers one RFM CTE per event and property, shared by every expression of a builder', () => {
    const builder = new RuleQueryBuilder(WS, AS_OF);
    const first = builder.expression({ rfm: 'recency', op: 'gte', value: 4 });
    const second = builder.expression({
      any: [
        { rfm: 'frequency', op: 'eq', value: 5 },
        { rfm: 'monetary', op: 'lte', value: 2, property: 'amount' },
      ],
    });
    const { sql, params } = builder.build(`c.id, ${first} AS a, ${second} AS b`);
    expect(sql.match(/ntile\(5\)/g)).toHaveLength(6); // two CTEs of three scores
    expect(sql.match(/LEFT JOIN sy_rfm_/g)).toHaveLength(2);
    expect(params).toContain('Order Completed');
    expect(params).toContainEqual(['amount']);
    expect(() =>
      compileRuleExpression({ rfm: 'recency', op: 'eq', value: 1 }, new SqlParams(), '$0'),
    ).toThrow(/RuleQueryBuilder/);
  });

  it('never puts names or values in the SQL text', () => {
    const evil = "'; DROP TABLE customers; --";
    const rule: Rule = {
      all: [
        { attribute: 'plan', op: 'in', value: [evil] },
        { location: 'city', op: 'notIn', value: [evil] },
        { event: evil, never: true, where: [{ property: 'x', op: 'contains', value: evil }] },
        { event: evil, aggregate: { fn: 'countDistinct', property: 'sku' }, op: 'gt', value: 1 },
        { rfm: 'monetary', op: 'gte', value: 3, event: evil },
        { random: { percent: 50, salt: evil } },
      ],
    };
    const { sql, params } = compileSegmentQuery(rule, WS, AS_OF);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('plan');
    expect(params.filter((p) => p === evil).length).toBeGreaterThanOrEqual(3);
  });
});

describe("memory evaluator's ntile", () => {
  it('splits rows like Postgres ntile(5): the first buckets take the remainder', () => {
    const buckets = (total: number) => Array.from({ length: total }, (_, i) => ntile(i, total, 5));
    expect(buckets(3)).toEqual([1, 2, 3]);
    expect(buckets(7)).toEqual([1, 1, 2, 2, 3, 4, 5]);
    expect(buckets(10)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(buckets(12)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
});
