import {
  type EventAggregateCondition,
  type EventWindow,
  type NumericOp,
  type NumericValue,
  type PropertyFilter,
  type Rule,
  classifyRule,
} from '@switchyard/contracts';
import { fieldMatches, locationMatches, textAt, toNumber } from './memory-field.js';
import { randomBucket, rfmScore } from './memory-scores.js';
import { referencedRule } from './segment-reference.js';

/**
 * A small, obviously-correct evaluator of the rule language over one customer in memory.
 * It states the semantics the SQL compiler must match; property tests compare the two.
 */
export interface MemoryEvent {
  name: string;
  properties: Record<string, unknown>;
  ts: number;
}

export interface MemoryCustomer {
  /** The customer's id (bigint as text); rfm and random conditions need it. */
  id?: string;
  traits: Record<string, unknown>;
  firstSeenAt: number;
  events: MemoryEvent[];
}

/** The workspace around the customer. */
export interface MemoryContext {
  /** Every customer of the workspace: RFM quintiles are over them. */
  customers?: readonly MemoryCustomer[];
  /** Segment rules by id, for `{segment: id}`. */
  segments?: ReadonlyMap<string, Rule>;
}

const DAY = 86_400_000;

interface Env {
  customer: MemoryCustomer;
  asOf: number;
  context: MemoryContext;
  trail: readonly string[];
}

export function customerMatches(
  rule: Rule,
  customer: MemoryCustomer,
  asOf: number,
  context: MemoryContext = {},
): boolean {
  return customer.firstSeenAt <= asOf && matches(rule, { customer, asOf, context, trail: [] });
}

function matches(rule: Rule, env: Env): boolean {
  const { customer, asOf } = env;
  const node = classifyRule(rule);
  switch (node.kind) {
    case 'all':
      return node.children.every((r) => matches(r, env));
    case 'any':
      return node.children.some((r) => matches(r, env));
    case 'not':
      return !matches(node.child, env);
    case 'attribute': {
      const c = node.condition;
      return fieldMatches(customer.traits, c.attribute, c.op, c.value, asOf);
    }
    case 'location':
      return locationMatches(node.condition, customer.traits);
    case 'eventAggregate':
      return aggregateMatches(node.condition, customer, asOf);
    case 'eventMeasure': {
      const c = node.condition;
      const times = scopedEvents(customer, c.event, c.where, undefined, asOf).map((e) => e.ts);
      if (times.length === 0) return false;
      const at = c.measure === 'daysSinceLast' ? Math.max(...times) : Math.min(...times);
      return compareNumber(Math.floor((asOf - at) / DAY), c.op, c.value);
    }
    case 'eventNever': {
      const c = node.condition;
      return scopedEvents(customer, c.event, c.where, c.window, asOf).length === 0;
    }
    case 'segment': {
      const id = node.condition.segment;
      const inlined = referencedRule(id, env.context.segments, env.trail);
      return matches(inlined, { ...env, trail: [...env.trail, id] });
    }
    case 'rfm': {
      const score = rfmScore(node.condition, customer, env.context.customers ?? [], asOf);
      return score !== null && compareNumber(score, node.condition.op, node.condition.value);
    }
    case 'random':
      return randomBucket(customer, node.condition.random.salt) < node.condition.random.percent;
    default: {
      const never: never = node;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
}

function scopedEvents(
  customer: MemoryCustomer,
  name: string,
  where: PropertyFilter[] | undefined,
  window: EventWindow | undefined,
  asOf: number,
): MemoryEvent[] {
  return customer.events.filter(
    (e) =>
      e.name === name &&
      e.ts <= asOf &&
      inWindow(e.ts, window, asOf) &&
      (where ?? []).every((f) => fieldMatches(e.properties, f.property, f.op, f.value, asOf)),
  );
}

function inWindow(ts: number, window: EventWindow | undefined, asOf: number): boolean {
  if (!window) return true;
  if ('lastDays' in window) return ts > asOf - window.lastDays * DAY;
  const to = /^\d{4}-\d{2}-\d{2}$/.test(window.to) ? `${window.to}T23:59:59.999Z` : window.to;
  return ts >= Date.parse(window.from) && ts <= Date.parse(to);
}

function aggregateMatches(
  c: EventAggregateCondition,
  customer: MemoryCustomer,
  asOf: number,
): boolean {
  const events = scopedEvents(customer, c.event, c.where, c.window, asOf);
  const property = c.aggregate.property;
  const texts = property ? events.map((e) => textAt(e.properties, property)) : [];
  const values = texts.map(toNumber).filter((v): v is number => v !== null);
  let result: number | null;
  switch (c.aggregate.fn) {
    case 'count':
      result = events.length;
      break;
    case 'countDistinct':
      result = new Set(texts.filter((t) => t !== null)).size;
      break;
    case 'sum':
      result = values.reduce((a, b) => a + b, 0);
      break;
    case 'avg':
      result = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
      break;
    case 'min':
      result = values.length ? Math.min(...values) : null;
      break;
    case 'max':
      result = values.length ? Math.max(...values) : null;
      break;
    default: {
      const never: never = c.aggregate.fn;
      throw new Error(`unknown aggregate ${String(never)}`);
    }
  }
  return result !== null && compareNumber(result, c.op, c.value);
}

function compareNumber(x: number, op: NumericOp, value: NumericValue): boolean {
  const [low, high] = Array.isArray(value) ? value : [value, value];
  switch (op) {
    case 'eq':
      return x === low;
    case 'neq':
      return x !== low;
    case 'gt':
      return x > low;
    case 'gte':
      return x >= low;
    case 'lt':
      return x < low;
    case 'lte':
      return x <= low;
    case 'between':
      return x >= low && x <= high;
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}
