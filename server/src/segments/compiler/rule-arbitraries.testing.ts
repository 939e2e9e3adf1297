import {
  aggregateFns,
  attributeOps,
  eventMeasures,
  locationLevels,
  locationOps,
  numericOps,
  rfmMetrics,
  type AttributeOp,
  type ConditionValue,
  type NumericOp,
  type NumericValue,
  type Rule,
  type Scalar,
} from '@switchyard/contracts';
import fc from 'fast-check';
import type { MemoryCustomer } from './rule-memory-evaluator.js';

/**
 * Random customers, events and rules for the property test comparing the SQL compiler
 * with the memory evaluator. Every condition kind and operator can appear; the test
 * asserts that each one did (see ruleCoverage).
 */
export const DAY = 86_400_000;
export const START = Date.parse('1997-01-01T00:00:00Z');

/** Ids of the stored segments a rule may refer to; segment i may refer to segments < i. */
export const SEGMENT_IDS = [
  '0f8b6a52-3c1e-4a57-9a3e-1d2c3b4a5f60',
  '6a1d4e7b-2f3c-4b8a-8c9d-0e1f2a3b4c5d',
  'c3b2a190-8f7e-4d6c-b5a4-938271605f4e',
] as const;

const traitTypes = ['string', 'number', 'boolean', 'date', 'list'] as const;
type TraitType = (typeof traitTypes)[number];

const dateText = fc
  .integer({ min: 0, max: 900 })
  .map((d) => new Date(START - 200 * DAY + d * DAY).toISOString().slice(0, 10));
const dateTimeText = fc
  .tuple(dateText, fc.integer({ min: 0, max: 23 }), fc.constantFrom('Z', '+09:00', '-05:00'))
  .map(([d, h, zone]) => `${d}T${String(h).padStart(2, '0')}:30:00${zone}`);
const place = (...values: string[]) => fc.constantFrom<string | null>(...values, null);

const traitsArb = fc.record(
  {
    plan: fc.constantFrom('free', 'pro', 'Pro', 'enterprise', '', '42'),
    age: fc.oneof(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }).map(String),
      fc.constantFrom(null, 4.5),
    ),
    vip: fc.oneof(fc.boolean(), fc.constant('true')),
    signup: fc.oneof(dateText, dateTimeText),
    tags: fc.subarray<string | number | null>(['vip', 'VIP', 'b', 7, null]),
    country: place('KR', 'kr', 'US'),
    region: place('Seoul', 'Gyeonggi', 'CA'),
    city: place('Seoul', 'seoul', 'Busan'),
    address: fc.record(
      { country: place('KR', 'US'), state: place('CA', 'Gyeonggi'), city: place('SEOUL', 'LA') },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const eventArb = fc.record({
  name: fc.constantFrom('Order Completed', 'Product Viewed'),
  properties: fc.record(
    {
      total: fc.oneof(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }).map(String),
      ),
      category: fc.constantFrom('cd', 'dvd', 'CD'),
      sku: fc.constantFrom<string | number>('s1', 's2', 'S1', 3),
      items: fc.subarray<string | number>(['x', 'y', 'X', 2]),
      at: dateText,
      gift: fc.boolean(),
      // Line items, with a non-object now and then: products[].field tests reach into them.
      products: fc.array(
        fc.oneof(
          fc.record(
            {
              product_id: fc.constantFrom<string | number>('cd', 'CD', 'dvd', 7),
              price: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constantFrom('42', '7')),
              gift: fc.boolean(),
              at: dateText,
              tags: fc.subarray<string | number>(['vip', 'b', 7]),
            },
            { requiredKeys: [] },
          ),
          fc.constantFrom<unknown>('cd', 3, null),
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ['total'] },
  ),
  ts: fc.integer({ min: 0, max: 365 * 24 }).map((h) => START + h * 3_600_000),
});

export const customerArb: fc.Arbitrary<MemoryCustomer> = fc
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

export const asOfArb = fc
  .tuple(fc.integer({ min: -30, max: 420 }), fc.constantFrom(0, 43_200_000, DAY - 1))
  .map(([d, ms]) => START + d * DAY + ms);

/** The trait (customer) and property (event) tested for each type of value. */
const TRAIT: Record<TraitType, string> = {
  string: 'plan',
  number: 'age',
  boolean: 'vip',
  date: 'signup',
  list: 'tags',
};
const PROPERTY: Record<TraitType, string> = {
  string: 'category',
  number: 'total',
  boolean: 'gift',
  date: 'at',
  list: 'items',
};
const SCALARS: Record<TraitType, fc.Arbitrary<Scalar>> = {
  string: fc.constantFrom('pro', 'Pro', 'free', 'enterprise', '', 'cd', 'CD'),
  number: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constantFrom('42', '7')),
  boolean: fc.oneof(fc.boolean(), fc.constant('true')),
  date: dateText,
  list: fc.constantFrom<Scalar>('vip', 'VIP', 'b', 7, 'x', 2),
};
const TEXTS: Record<TraitType, fc.Arbitrary<string>> = {
  string: fc.constantFrom('pro', 'PR', 'ent', '', 'c'),
  number: fc.constantFrom('4', '2', '9'),
  boolean: fc.constantFrom('tr', 'TRUE', 'f'),
  date: fc.constantFrom('1997', '1996-1', 'T1'),
  list: fc.constantFrom('vip', 'Vip', 'b', '7', '['),
};

function valueFor(op: AttributeOp, type: TraitType): fc.Arbitrary<ConditionValue | undefined> {
  const scalar = fc.oneof(SCALARS[type], fc.constantFrom<Scalar>(42, false, 'vip'));
  switch (op) {
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return scalar;
    case 'between':
      return fc.oneof(
        fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })),
        fc.tuple(fc.constantFrom('a', 'f', 'p', '1997-03'), fc.constantFrom('q', 'z', '1997-09')),
      );
    case 'in':
    case 'notIn':
      return fc.array(scalar, { minLength: 1, maxLength: 3 });
    case 'contains':
    case 'startsWith':
      return TEXTS[type];
    case 'withinLastDays':
    case 'moreThanDaysAgo':
      return fc.integer({ min: 0, max: 400 });
    case 'exists':
    case 'missing':
    case 'anniversaryThisMonth':
      return fc.constant(undefined);
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

/** `{<key>: name, op, value}` over a field of each type with each operator. */
function fieldTest<K extends 'attribute' | 'property'>(key: K, names: Record<TraitType, string>) {
  return fc.constantFrom(...traitTypes).chain((type) =>
    fc.constantFrom(...attributeOps).chain((op) =>
      valueFor(op, type).map((value) => ({
        [key]: names[type],
        op,
        ...(value === undefined ? {} : { value }),
      })),
    ),
  ) as fc.Arbitrary<Record<K, string> & { op: AttributeOp; value?: ConditionValue }>;
}

const numericCondition = (max: number, min = 0) =>
  fc.oneof(
    fc.record({
      op: fc.constantFrom(...numericOps.filter((o) => o !== 'between')),
      value: fc.integer({ min, max }),
    }),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => ({
      op: 'between' as const,
      value: [Math.min(a, b), Math.max(a, b)] as [number, number],
    })),
  ) as fc.Arbitrary<{ op: NumericOp; value: NumericValue }>;

const eventName = fc.constantFrom('Order Completed', 'Product Viewed');
const windowArb = fc.option(
  fc.oneof(
    fc.record({ lastDays: fc.integer({ min: 1, max: 200 }) }),
    fc
      .tuple(dateText, dateText)
      .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
  ),
  { nil: undefined },
);
/** The same types, read from a field of each line item. */
const LINE_ITEM: Record<TraitType, string> = {
  string: 'products[].product_id',
  number: 'products[].price',
  boolean: 'products[].gift',
  date: 'products[].at',
  list: 'products[].tags',
};
const whereArb = fc.option(
  fc.array(fc.oneof(fieldTest('property', PROPERTY), fieldTest('property', LINE_ITEM)), {
    minLength: 1,
    maxLength: 2,
  }),
  {
    nil: undefined,
  },
);
const optional = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

const leaves: fc.Arbitrary<Rule>[] = [
  fieldTest('attribute', TRAIT),
  fc.record({
    location: fc.constantFrom(...locationLevels),
    op: fc.constantFrom(...locationOps),
    value: fc.subarray(['Seoul', 'SEOUL', 'Busan', 'KR', 'us', 'Gyeonggi', 'ca'], { minLength: 1 }),
  }),
  fc
    .record({
      event: eventName,
      fn: fc.constantFrom(...aggregateFns),
      property: fc.constantFrom('total', 'sku'),
      window: windowArb,
      where: whereArb,
    })
    .chain((c) =>
      numericCondition(c.fn === 'count' || c.fn === 'countDistinct' ? 6 : 600).map((cond) =>
        optional({
          event: c.event,
          aggregate: c.fn === 'count' ? { fn: c.fn } : { fn: c.fn, property: c.property },
          ...cond,
          window: c.window,
          where: c.where,
        }),
      ),
    ) as fc.Arbitrary<Rule>,
  fc
    .record({
      event: eventName,
      measure: fc.constantFrom(...eventMeasures),
      cond: numericCondition(300),
      where: whereArb,
    })
    .map(({ cond, ...c }) => optional({ ...c, ...cond })) as fc.Arbitrary<Rule>,
  fc
    .record({ event: eventName, window: windowArb, where: whereArb })
    .map((c) => optional({ ...c, never: true as const })) as fc.Arbitrary<Rule>,
  fc
    .record({
      rfm: fc.constantFrom(...rfmMetrics),
      cond: numericCondition(5, 1),
      event: fc.option(eventName, { nil: undefined }),
      property: fc.option(fc.constantFrom('total', 'sku'), { nil: undefined }),
    })
    .map(({ cond, ...c }) =>
      optional({ ...c, ...cond, property: c.rfm === 'monetary' ? c.property : undefined }),
    ) as fc.Arbitrary<Rule>,
  fc.record({
    random: fc.record({
      percent: fc.oneof(fc.constantFrom(0, 100), fc.integer({ min: 0, max: 100 })),
      salt: fc.constantFrom('a', 'b', "'; DROP TABLE customers; --", 'ü'),
    }),
  }),
];

/** Rules that may refer to the segments `refs` (already defined, so no cycles). */
export function ruleArb(refs: readonly string[]): fc.Arbitrary<Rule> {
  const leaf = fc.oneof(
    { arbitrary: leaves[0] as fc.Arbitrary<Rule>, weight: 4 },
    ...leaves.slice(1).map((arbitrary) => ({ arbitrary, weight: 1 })),
    ...(refs.length
      ? [{ arbitrary: fc.constantFrom(...refs).map((segment) => ({ segment })), weight: 1 }]
      : []),
  );
  return fc.letrec<{ rule: Rule }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
      fc.record({ not: tie('rule') }),
    ),
  })).rule;
}

/** Stored segments (each may refer to the ones before it), then the rules to evaluate. */
export const segmentRulesArb = fc.tuple(
  ruleArb([]),
  ruleArb(SEGMENT_IDS.slice(0, 1)),
  ruleArb(SEGMENT_IDS.slice(0, 2)),
);
export const rulesArb = fc.array(ruleArb(SEGMENT_IDS), { minLength: 3, maxLength: 6 });
