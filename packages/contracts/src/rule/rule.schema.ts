import { z } from 'zod';
import { keyedUnion } from '../errors/keyed-union.js';

/**
 * The rule language (DESIGN.md). A rule is a tree: `all` / `any` / `not` combine
 * conditions; leaves test an attribute (trait) or the customer's events, always
 * **as of** an evaluation time. Names are validated here and travel to SQL as bind
 * parameters only.
 */

export const RULE_MAX_DEPTH = 32;
export const RULE_MAX_CONDITIONS = 500;

export const comparisonOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export const attributeOps = [
  ...comparisonOps,
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
] as const;
export type AttributeOp = (typeof attributeOps)[number];
export type ComparisonOp = (typeof comparisonOps)[number];
export const numericOps = [...comparisonOps, 'between'] as const;
export type NumericOp = (typeof numericOps)[number];

/** Operators that take no value. */
export const valuelessOps: readonly AttributeOp[] = ['exists', 'missing', 'anniversaryThisMonth'];

/** Trait / property path: letters, digits, `_`, `-`, spaces; dots separate nested keys. */
export const fieldNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(
    /^[A-Za-z0-9_$][A-Za-z0-9_ $-]*(\.[A-Za-z0-9_$][A-Za-z0-9_ $-]*)*$/,
    'must be letters, digits, spaces, "_", "-" or "$", with "." between nested keys',
  );

export const eventNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

const scalar = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);
export type Scalar = z.infer<typeof scalar>;
export const conditionValueSchema = z.union([scalar, z.array(scalar).max(1000), z.null()]);
export type ConditionValue = z.infer<typeof conditionValueSchema>;

function checkValue(
  op: AttributeOp,
  value: unknown,
  ctx: { addIssue: (issue: { code: 'custom'; message: string; path: PropertyKey[] }) => void },
): void {
  const fail = (message: string) => ctx.addIssue({ code: 'custom', message, path: ['value'] });
  switch (op) {
    case 'exists':
    case 'missing':
    case 'anniversaryThisMonth':
      if (value !== undefined && value !== null) fail(`operator "${op}" takes no value`);
      return;
    case 'between':
      if (
        !Array.isArray(value) ||
        value.length !== 2 ||
        !value.every((v) => typeof v === 'number' || typeof v === 'string')
      )
        fail('operator "between" needs [low, high]');
      return;
    case 'in':
    case 'notIn':
      if (!Array.isArray(value) || value.length === 0)
        fail(`operator "${op}" needs a non-empty list`);
      return;
    case 'withinLastDays':
    case 'moreThanDaysAgo':
      if (typeof value !== 'number' || value < 0 || !Number.isInteger(value))
        fail(`operator "${op}" needs a whole number of days`);
      return;
    case 'contains':
    case 'startsWith':
      if (typeof value !== 'string') fail(`operator "${op}" needs a string`);
      return;
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (value === undefined || value === null || Array.isArray(value))
        fail(`operator "${op}" needs a single value`);
      return;
    default: {
      const never: never = op;
      throw new Error(`unhandled operator ${String(never)}`);
    }
  }
}

export interface AttributeCondition {
  attribute: string;
  op: AttributeOp;
  value?: ConditionValue;
}

export const attributeConditionSchema = z
  .strictObject({
    attribute: fieldNameSchema,
    op: z.enum(attributeOps),
    value: conditionValueSchema.optional(),
  })
  .superRefine((c, ctx) => checkValue(c.op, c.value, ctx));

export interface PropertyFilter {
  property: string;
  op: AttributeOp;
  value?: ConditionValue;
}

export const propertyFilterSchema = z
  .strictObject({
    property: fieldNameSchema,
    op: z.enum(attributeOps),
    value: conditionValueSchema.optional(),
  })
  .superRefine((c, ctx) => checkValue(c.op, c.value, ctx));

export const aggregateFns = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFn = (typeof aggregateFns)[number];

export type EventWindow = { lastDays: number } | { from: string; to: string };

const isoDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const eventWindowSchema = z.union([
  z.strictObject({ lastDays: z.number().int().min(1).max(36500) }),
  z
    .strictObject({ from: isoDateTime, to: isoDateTime })
    .refine((w) => Date.parse(w.from) <= Date.parse(w.to), {
      message: '"from" must not be after "to"',
      path: ['from'],
    }),
]);

export interface EventAggregateCondition {
  event: string;
  where?: PropertyFilter[];
  aggregate: { fn: AggregateFn; property?: string };
  op: NumericOp;
  value: number | [number, number];
  window?: EventWindow;
}

const numericValue = z.union([
  z.number().finite(),
  z.tuple([z.number().finite(), z.number().finite()]),
]);

export const eventAggregateConditionSchema = z
  .strictObject({
    event: eventNameSchema,
    where: z.array(propertyFilterSchema).max(50).optional(),
    aggregate: z
      .strictObject({ fn: z.enum(aggregateFns), property: fieldNameSchema.optional() })
      .refine((a) => a.fn === 'count' || a.property !== undefined, {
        message: 'needs "property" unless fn is "count"',
        path: ['property'],
      }),
    op: z.enum(numericOps),
    value: numericValue,
    window: eventWindowSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.op === 'between') !== Array.isArray(c.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: c.op === 'between' ? 'operator "between" needs [low, high]' : 'needs a number',
      });
  });

export const eventMeasures = ['daysSinceLast', 'daysSinceFirst'] as const;
export type EventMeasure = (typeof eventMeasures)[number];

export interface EventMeasureCondition {
  event: string;
  where?: PropertyFilter[];
  measure: EventMeasure;
  op: NumericOp;
  value: number | [number, number];
}

export const eventMeasureConditionSchema = z
  .strictObject({
    event: eventNameSchema,
    where: z.array(propertyFilterSchema).max(50).optional(),
    measure: z.enum(eventMeasures),
    op: z.enum(numericOps),
    value: numericValue,
  })
  .superRefine((c, ctx) => {
    if ((c.op === 'between') !== Array.isArray(c.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: c.op === 'between' ? 'operator "between" needs [low, high]' : 'needs a number',
      });
  });

export type Rule =
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule }
  | AttributeCondition
  | EventAggregateCondition
  | EventMeasureCondition;

/**
 * The rule schema picks its branch by the keys present (`all`, `any`, `not`,
 * `attribute`, `event` + `aggregate`, `event` + `measure`) so that a mistake is reported
 * at the exact field (`rule.all[1].op`) instead of as "no union member matched".
 */
export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  keyedUnion<Rule>('rule', [
    {
      when: (v) => 'all' in v,
      schema: z.strictObject({ all: z.array(ruleSchema).max(RULE_MAX_CONDITIONS) }),
    },
    {
      when: (v) => 'any' in v,
      schema: z.strictObject({ any: z.array(ruleSchema).max(RULE_MAX_CONDITIONS) }),
    },
    { when: (v) => 'not' in v, schema: z.strictObject({ not: ruleSchema }) },
    { when: (v) => 'attribute' in v, schema: attributeConditionSchema },
    { when: (v) => 'event' in v && 'measure' in v, schema: eventMeasureConditionSchema },
    { when: (v) => 'event' in v, schema: eventAggregateConditionSchema },
  ]),
);

/** Depth and size limits: a rule deeper than 32 or with more than 500 leaves is refused. */
export const boundedRuleSchema = ruleSchema.superRefine((rule, ctx) => {
  const { depth, conditions } = measureRule(rule);
  if (depth > RULE_MAX_DEPTH)
    ctx.addIssue({ code: 'custom', message: `nesting depth ${depth} exceeds ${RULE_MAX_DEPTH}` });
  if (conditions > RULE_MAX_CONDITIONS)
    ctx.addIssue({
      code: 'custom',
      message: `${conditions} conditions exceed the limit of ${RULE_MAX_CONDITIONS}`,
    });
});

export function measureRule(rule: Rule): { depth: number; conditions: number } {
  if ('all' in rule || 'any' in rule) {
    const children = 'all' in rule ? rule.all : rule.any;
    let depth = 0;
    let conditions = 0;
    for (const child of children) {
      const m = measureRule(child);
      depth = Math.max(depth, m.depth);
      conditions += m.conditions;
    }
    return { depth: depth + 1, conditions };
  }
  if ('not' in rule) {
    const m = measureRule(rule.not);
    return { depth: m.depth + 1, conditions: m.conditions };
  }
  return { depth: 1, conditions: 1 };
}

/** A rule node with its kind made explicit, for exhaustive switches. */
export type ClassifiedRule =
  | { kind: 'all'; children: Rule[] }
  | { kind: 'any'; children: Rule[] }
  | { kind: 'not'; child: Rule }
  | { kind: 'attribute'; condition: AttributeCondition }
  | { kind: 'eventAggregate'; condition: EventAggregateCondition }
  | { kind: 'eventMeasure'; condition: EventMeasureCondition };

export type RuleKind = ClassifiedRule['kind'];

export function classifyRule(rule: Rule): ClassifiedRule {
  if ('all' in rule) return { kind: 'all', children: rule.all };
  if ('any' in rule) return { kind: 'any', children: rule.any };
  if ('not' in rule) return { kind: 'not', child: rule.not };
  if ('attribute' in rule) return { kind: 'attribute', condition: rule };
  if ('measure' in rule) return { kind: 'eventMeasure', condition: rule };
  return { kind: 'eventAggregate', condition: rule };
}
