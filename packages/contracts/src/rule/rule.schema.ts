import { z } from 'zod';
import { keyedUnion } from '../errors/keyed-union.js';
import { attributeConditionSchema, type AttributeCondition } from './attribute-condition.schema.js';
import {
  randomConditionSchema,
  rfmConditionSchema,
  segmentConditionSchema,
  type RandomCondition,
  type RfmCondition,
  type SegmentCondition,
} from './computed-condition.schema.js';
import {
  eventAggregateConditionSchema,
  eventMeasureConditionSchema,
  eventNeverConditionSchema,
  type EventAggregateCondition,
  type EventMeasureCondition,
  type EventNeverCondition,
} from './event-condition.schema.js';
import { locationConditionSchema, type LocationCondition } from './location-condition.schema.js';

export * from './condition-value.schema.js';
export * from './attribute-condition.schema.js';
export * from './location-condition.schema.js';
export * from './event-condition.schema.js';
export * from './computed-condition.schema.js';

/**
 * The rule language (DESIGN.md). A rule is a tree: `all` / `any` / `not` combine
 * conditions; leaves test an attribute (trait), a location, the customer's events, the
 * membership of another segment, an RFM score or a random bucket, always **as of** an
 * evaluation time. Names are validated here and travel to SQL as bind parameters only.
 */

export const RULE_MAX_DEPTH = 32;
export const RULE_MAX_CONDITIONS = 500;
/** Limits of a rule with every `{segment: id}` replaced by that segment's rule. */
export const RULE_MAX_INLINED_DEPTH = 128;
export const RULE_MAX_INLINED_CONDITIONS = 2000;

export type Rule =
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule }
  | AttributeCondition
  | LocationCondition
  | EventAggregateCondition
  | EventMeasureCondition
  | EventNeverCondition
  | SegmentCondition
  | RfmCondition
  | RandomCondition;

/**
 * The rule schema picks its branch by the keys present (`all`, `any`, `not`,
 * `attribute`, `location`, `segment`, `rfm`, `random`, `event` + `never`, `event` +
 * `measure`, `event`) so that a mistake is reported at the exact field
 * (`rule.all[1].op`) instead of as "no union member matched".
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
    { when: (v) => 'location' in v, schema: locationConditionSchema },
    { when: (v) => 'segment' in v, schema: segmentConditionSchema },
    { when: (v) => 'rfm' in v, schema: rfmConditionSchema },
    { when: (v) => 'random' in v, schema: randomConditionSchema },
    { when: (v) => 'event' in v && 'never' in v, schema: eventNeverConditionSchema },
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

/** Depth and number of leaves of the rule as written (a `{segment}` counts as one leaf). */
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
  | { kind: 'location'; condition: LocationCondition }
  | { kind: 'eventAggregate'; condition: EventAggregateCondition }
  | { kind: 'eventMeasure'; condition: EventMeasureCondition }
  | { kind: 'eventNever'; condition: EventNeverCondition }
  | { kind: 'segment'; condition: SegmentCondition }
  | { kind: 'rfm'; condition: RfmCondition }
  | { kind: 'random'; condition: RandomCondition };

export type RuleKind = ClassifiedRule['kind'];

const RULE_KINDS: Record<RuleKind, true> = {
  all: true,
  any: true,
  not: true,
  attribute: true,
  location: true,
  eventAggregate: true,
  eventMeasure: true,
  eventNever: true,
  segment: true,
  rfm: true,
  random: true,
};
/** Every rule kind (the record above fails to compile when one is missing). */
export const ruleKinds = Object.keys(RULE_KINDS) as readonly RuleKind[];

export function classifyRule(rule: Rule): ClassifiedRule {
  if ('all' in rule) return { kind: 'all', children: rule.all };
  if ('any' in rule) return { kind: 'any', children: rule.any };
  if ('not' in rule) return { kind: 'not', child: rule.not };
  if ('attribute' in rule) return { kind: 'attribute', condition: rule };
  if ('location' in rule) return { kind: 'location', condition: rule };
  if ('segment' in rule) return { kind: 'segment', condition: rule };
  if ('rfm' in rule) return { kind: 'rfm', condition: rule };
  if ('random' in rule) return { kind: 'random', condition: rule };
  if ('never' in rule) return { kind: 'eventNever', condition: rule };
  if ('measure' in rule) return { kind: 'eventMeasure', condition: rule };
  return { kind: 'eventAggregate', condition: rule };
}

/** Every `{segment: id}` in the rule with its path (`['all', 1, 'segment']`). */
export function segmentReferences(
  rule: Rule,
  path: readonly PropertyKey[] = [],
): { segment: string; path: PropertyKey[] }[] {
  const node = classifyRule(rule);
  switch (node.kind) {
    case 'all':
    case 'any':
      return node.children.flatMap((child, i) => segmentReferences(child, [...path, node.kind, i]));
    case 'not':
      return segmentReferences(node.child, [...path, 'not']);
    case 'segment':
      return [{ segment: node.condition.segment, path: [...path, 'segment'] }];
    case 'attribute':
    case 'location':
    case 'eventAggregate':
    case 'eventMeasure':
    case 'eventNever':
    case 'rfm':
    case 'random':
      return [];
    default: {
      const never: never = node;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
}
