import type { Rule } from '@switchyard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formToRule } from './rule-form.convert';
import { ruleToForm } from './rule-form.read';

/** Property: any rule, read into the builder and written back, is the same rule. */

const name = fc.constantFrom('plan', 'age', 'address.city', 'vip', 'tags');
const scalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
);
const op = fc.constantFrom(
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'exists',
  'missing',
  'withinLastDays',
  'moreThanDaysAgo',
  'anniversaryThisMonth',
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constant(null));
const field = (key: 'attribute' | 'property') =>
  fc
    .record({ name, op, value: fc.option(value, { nil: undefined }) })
    .map(({ name: n, op: o, value: v }) => ({
      [key]: n,
      op: o,
      ...(v === undefined ? {} : { value: v }),
    }));
const numeric = fc.oneof(
  fc.record({ op: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), value: fc.integer() }),
  fc.record({
    op: fc.constant('between'),
    value: fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
  }),
);
const where = fc.option(fc.array(field('property'), { maxLength: 2 }), { nil: undefined });
const window = fc.option(
  fc.oneof(
    fc.record({ lastDays: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ from: fc.constant('2024-01-01'), to: fc.constant('2024-03-01T10:00:00Z') }),
  ),
  { nil: undefined },
);
const aggregate = fc
  .record({
    event: fc.constantFrom('Order Completed', 'Visit'),
    fn: fc.constantFrom('count', 'sum', 'avg', 'min', 'max'),
    numeric,
    where,
    window,
  })
  .map(({ event, fn, numeric: n, where: w, window: win }) => ({
    event,
    aggregate: fn === 'count' ? { fn } : { fn, property: 'total' },
    ...n,
    ...(w ? { where: w } : {}),
    ...(win ? { window: win } : {}),
  }));
const measure = fc
  .record({
    event: fc.constantFrom('Visit'),
    measure: fc.constantFrom('daysSinceLast', 'daysSinceFirst'),
    numeric,
    where,
  })
  .map(({ event, measure: m, numeric: n, where: w }) => ({
    event,
    measure: m,
    ...n,
    ...(w ? { where: w } : {}),
  }));
const never = fc
  .record({ event: fc.constantFrom('Visit'), where, window })
  .map(({ event, where: w, window: win }) => ({
    event,
    never: true,
    ...(w ? { where: w } : {}),
    ...(win ? { window: win } : {}),
  }));
const other = fc.oneof(
  fc.record({ segment: fc.uuid() }),
  fc.record({
    random: fc.record({ percent: fc.integer({ min: -1, max: 101 }), salt: fc.string() }),
  }),
  fc.record({
    location: fc.constantFrom('country', 'region', 'city'),
    op: fc.constantFrom('in', 'notIn'),
    value: fc.array(fc.constantFrom('Seoul', 'New York', ' Busan', 'a,b', ''), { maxLength: 3 }),
  }),
  fc
    .record({
      rfm: fc.constantFrom('recency', 'frequency', 'monetary'),
      numeric,
      event: fc.option(fc.constantFrom('Order Completed', ''), { nil: undefined }),
      property: fc.option(fc.constantFrom('total'), { nil: undefined }),
    })
    .map(({ rfm, numeric: n, event, property }) => ({
      rfm,
      ...n,
      ...(event === undefined ? {} : { event }),
      ...(property === undefined ? {} : { property }),
    })),
  never,
);
const leaf = fc.oneof(field('attribute'), aggregate, measure, other) as fc.Arbitrary<Rule>;

const ruleArb: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ),
})).rule;

// Rules reach the builder as JSON (so never as -0 or undefined members).
const jsonRuleArb = ruleArb.map((rule) => JSON.parse(JSON.stringify(rule)) as Rule);

describe('rule form round trip (property)', () => {
  it('writes back exactly the rule it read, whatever the rule', () => {
    fc.assert(
      fc.property(jsonRuleArb, (rule) => {
        expect(formToRule(ruleToForm(rule)).rule).toEqual(rule);
      }),
      { numRuns: 500 },
    );
  });
});
