import { describe, expect, it } from 'vitest';
import { zodIssues } from '../errors/validation-error.js';
import {
  boundedRuleSchema,
  classifyRule,
  ruleKinds,
  ruleSchema,
  segmentReferences,
  type Rule,
} from './rule.schema.js';

function issuesOf(rule: unknown) {
  const result = boundedRuleSchema.safeParse(rule);
  return result.success ? [] : zodIssues(result.error, 'rule');
}

describe('rule schema', () => {
  it('accepts the rule language of DESIGN.md', () => {
    const rule: Rule = {
      all: [
        { attribute: 'plan', op: 'eq', value: 'pro' },
        { not: { attribute: 'email', op: 'missing' } },
        {
          any: [
            {
              event: 'Order Completed',
              where: [{ property: 'total', op: 'gte', value: 10 }],
              aggregate: { fn: 'sum', property: 'total' },
              op: 'gt',
              value: 100,
              window: { lastDays: 90 },
            },
            { event: 'Order Completed', measure: 'daysSinceLast', op: 'lte', value: 30 },
          ],
        },
      ],
    };
    expect(ruleSchema.parse(rule)).toEqual(rule);
  });

  it('names the exact field that is wrong', () => {
    expect(
      issuesOf({
        all: [
          { attribute: 'plan', op: 'eq', value: 'x' },
          { attribute: 'a', op: 'nope' },
        ],
      }),
    ).toEqual([expect.objectContaining({ field: 'rule.all[1].op' })]);
    expect(
      issuesOf({ any: [{ event: 'x', aggregate: { fn: 'sum' }, op: 'gt', value: 1 }] }),
    ).toEqual([expect.objectContaining({ field: 'rule.any[0].aggregate.property' })]);
    expect(issuesOf({ attribute: 'a', op: 'between', value: 3 })).toEqual([
      expect.objectContaining({
        field: 'rule.value',
        message: 'operator "between" needs [low, high]',
      }),
    ]);
  });

  // Found by the fuzz test: these passed and Postgres refused them (500s).
  it('refuses days and dates Postgres cannot compute with, naming the field', () => {
    for (const op of ['withinLastDays', 'moreThanDaysAgo'] as const) {
      expect(issuesOf({ attribute: 'signup', op, value: 36500 })).toEqual([]);
      expect(issuesOf({ attribute: 'signup', op, value: 9007199254740991 })).toEqual([
        {
          field: 'rule.value',
          message: `operator "${op}" needs a whole number of days (0-36500)`,
        },
      ]);
    }
    const counted = (from: string, to: string) => ({
      event: 'Paid',
      aggregate: { fn: 'count' },
      op: 'gte',
      value: 1,
      window: { from, to },
    });
    expect(issuesOf(counted('0001-01-01', '9999-12-31T23:59:59Z'))).toEqual([]);
    expect(issuesOf(counted('0000-01-01', '0000-01-02T00:00:00Z'))).toEqual([
      { field: 'rule.window.from', message: 'must be in years 0001-9999' },
      { field: 'rule.window.to', message: 'must be in years 0001-9999' },
    ]);
  });

  it('refuses unknown fields and unknown rule shapes', () => {
    expect(issuesOf({ attribute: 'a', op: 'eq', value: 1, extra: true })).toEqual([
      { field: 'rule.extra', message: 'is not a known field' },
    ]);
    expect(issuesOf({ foo: 1 })[0]?.message).toContain('is not a rule');
  });

  it('refuses names that are not plain field paths', () => {
    expect(issuesOf({ attribute: "a'; drop table x; --", op: 'eq', value: 1 })[0]?.field).toBe(
      'rule.attribute',
    );
  });

  it('enforces the depth limit', () => {
    let rule: Rule = { attribute: 'a', op: 'exists' };
    for (let i = 0; i < 40; i++) rule = { not: rule };
    expect(issuesOf(rule)[0]?.message).toContain('nesting depth');
  });

  it('enforces the size limit over the whole tree', () => {
    const group = (): Rule => ({
      any: Array.from({ length: 300 }, () => ({ attribute: 'a', op: 'exists' as const })),
    });
    expect(issuesOf({ all: [group(), group()] })).toEqual([
      { field: 'rule', message: '600 conditions exceed the limit of 500' },
    ]);
  });
});

describe('rule language extensions (issue 3)', () => {
  const SEGMENT = '0f8b6a52-3c1e-4a57-9a3e-1d2c3b4a5f60';
  const examples: Record<(typeof ruleKinds)[number], Rule> = {
    all: { all: [] },
    any: { any: [] },
    not: { not: { attribute: 'tags', op: 'contains', value: 'vip' } },
    attribute: { attribute: 'birthday', op: 'anniversaryThisMonth' },
    location: { location: 'city', op: 'in', value: ['Seoul', 'Busan'] },
    eventAggregate: {
      event: 'Order Completed',
      aggregate: { fn: 'countDistinct', property: 'products.sku' },
      op: 'gte',
      value: 3,
      window: { from: '1997-01-01', to: '1997-06-30' },
    },
    eventMeasure: { event: 'Visit', measure: 'daysSinceFirst', op: 'between', value: [0, 30] },
    eventNever: {
      event: 'Order Completed',
      never: true,
      where: [{ property: 'category', op: 'eq', value: 'dvd' }],
      window: { lastDays: 90 },
    },
    segment: { segment: SEGMENT },
    rfm: { rfm: 'monetary', op: 'gte', value: 4, event: 'Purchase', property: 'amount' },
    random: { random: { percent: 10, salt: 'spring-test' } },
  };

  it('accepts an example of every kind and classifies it', () => {
    for (const kind of ruleKinds) {
      const rule = examples[kind];
      expect(boundedRuleSchema.parse(rule), kind).toEqual(rule);
      expect(classifyRule(rule).kind).toBe(kind);
    }
  });

  it('reads "never did X" both as a count of 0 and as the shorthand', () => {
    const count: Rule = {
      event: 'Order Completed',
      aggregate: { fn: 'count' },
      op: 'eq',
      value: 0,
    };
    expect(classifyRule(ruleSchema.parse(count)).kind).toBe('eventAggregate');
    expect(issuesOf({ event: 'x', never: false })).toEqual([
      expect.objectContaining({ field: 'rule.never' }),
    ]);
  });

  it('names the field of a bad new condition', () => {
    const field = (rule: unknown) => issuesOf(rule).map((i) => i.field);
    expect(field({ location: 'planet', op: 'in', value: ['x'] })).toEqual(['rule.location']);
    expect(field({ location: 'city', op: 'eq', value: ['x'] })).toEqual(['rule.op']);
    expect(field({ location: 'city', op: 'in', value: [] })).toEqual(['rule.value']);
    expect(field({ all: [{ segment: 'not-a-uuid' }] })).toEqual(['rule.all[0].segment']);
    expect(field({ rfm: 'recency', op: 'gte', value: 6 })).toEqual(['rule.value']);
    expect(field({ rfm: 'recency', op: 'between', value: [1, 2.5] })).toEqual(['rule.value']);
    expect(field({ rfm: 'frequency', op: 'eq', value: 5, property: 'total' })).toEqual([
      'rule.property',
    ]);
    expect(field({ random: { percent: 101, salt: 'a' } })).toEqual(['rule.random.percent']);
    expect(field({ random: { percent: 10, salt: '' } })).toEqual(['rule.random.salt']);
    expect(field({ event: 'x', aggregate: { fn: 'countDistinct' }, op: 'gt', value: 1 })).toEqual([
      'rule.aggregate.property',
    ]);
  });

  it('lists segment references with their paths', () => {
    const rule: Rule = {
      all: [{ attribute: 'a', op: 'exists' }, { not: { segment: SEGMENT } }],
    };
    expect(segmentReferences(rule, ['rule'])).toEqual([
      { segment: SEGMENT, path: ['rule', 'all', 1, 'not', 'segment'] },
    ]);
  });
});
