import {
  type AttributeOp,
  type ConditionValue,
  type EventAggregateCondition,
  type NumericOp,
  type PropertyFilter,
  type Rule,
  classifyRule,
} from '@switchyard/contracts';

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
  traits: Record<string, unknown>;
  firstSeenAt: number;
  events: MemoryEvent[];
}

const DAY = 86_400_000;
const NUMERIC = /^\s*-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*$/;

export function customerMatches(rule: Rule, customer: MemoryCustomer, asOf: number): boolean {
  return customer.firstSeenAt <= asOf && matches(rule, customer, asOf);
}

function matches(rule: Rule, customer: MemoryCustomer, asOf: number): boolean {
  const node = classifyRule(rule);
  switch (node.kind) {
    case 'all':
      return node.children.every((r) => matches(r, customer, asOf));
    case 'any':
      return node.children.some((r) => matches(r, customer, asOf));
    case 'not':
      return !matches(node.child, customer, asOf);
    case 'attribute':
      return fieldMatches(
        customer.traits,
        node.condition.attribute,
        node.condition.op,
        node.condition.value,
        asOf,
      );
    case 'eventAggregate':
      return aggregateMatches(node.condition, customer, asOf);
    case 'eventMeasure': {
      const c = node.condition;
      const times = scopedEvents(customer, c.event, c.where, asOf).map((e) => e.ts);
      if (times.length === 0) return false;
      const at = c.measure === 'daysSinceLast' ? Math.max(...times) : Math.min(...times);
      return compareNumber(Math.floor((asOf - at) / DAY), c.op, c.value);
    }
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
  asOf: number,
): MemoryEvent[] {
  return customer.events.filter(
    (e) =>
      e.name === name &&
      e.ts <= asOf &&
      (where ?? []).every((f) => fieldMatches(e.properties, f.property, f.op, f.value, asOf)),
  );
}

function aggregateMatches(
  c: EventAggregateCondition,
  customer: MemoryCustomer,
  asOf: number,
): boolean {
  let events = scopedEvents(customer, c.event, c.where, asOf);
  const window = c.window;
  if (window && 'lastDays' in window)
    events = events.filter((e) => e.ts > asOf - window.lastDays * DAY);
  else if (window) {
    const to = /^\d{4}-\d{2}-\d{2}$/.test(window.to) ? `${window.to}T23:59:59.999Z` : window.to;
    events = events.filter((e) => e.ts >= Date.parse(window.from) && e.ts <= Date.parse(to));
  }
  const values = c.aggregate.property
    ? events
        .map((e) => toNumber(textAt(e.properties, c.aggregate.property as string)))
        .filter((v): v is number => v !== null)
    : [];
  let result: number | null;
  switch (c.aggregate.fn) {
    case 'count':
      result = events.length;
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

function compareNumber(x: number, op: NumericOp, value: number | [number, number]): boolean {
  switch (op) {
    case 'eq':
      return x === value;
    case 'neq':
      return x !== value;
    case 'gt':
      return x > (value as number);
    case 'gte':
      return x >= (value as number);
    case 'lt':
      return x < (value as number);
    case 'lte':
      return x <= (value as number);
    case 'between': {
      const [low, high] = value as [number, number];
      return x >= low && x <= high;
    }
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

function jsonAt(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** What Postgres' `#>>` gives: null for missing or JSON null, text otherwise. */
function textAt(doc: Record<string, unknown>, path: string): string | null {
  const value = jsonAt(doc, path);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function toNumber(text: string | null): number | null {
  return text !== null && NUMERIC.test(text) ? Number(text) : null;
}

function toTime(text: string | null): number | null {
  if (text === null || !/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(t) ? null : t;
}

function fieldMatches(
  doc: Record<string, unknown>,
  path: string,
  op: AttributeOp,
  value: ConditionValue | undefined,
  asOf: number,
): boolean {
  const json = jsonAt(doc, path);
  const text = textAt(doc, path);
  const equals = (): boolean => {
    if (typeof value === 'number') return toNumber(text) === value;
    if (typeof value === 'boolean') return json === value;
    return text !== null && text === String(value ?? '');
  };
  const compare = (
    v: ConditionValue | undefined,
    test: (a: number, b: number) => boolean,
    testText: (a: string, b: string) => boolean,
  ) =>
    typeof v === 'number'
      ? toNumber(text) !== null && test(toNumber(text) as number, v)
      : text !== null && testText(text, String(v ?? ''));
  switch (op) {
    case 'eq':
      return equals();
    case 'neq':
      return !equals();
    case 'gt':
      return compare(
        value,
        (a, b) => a > b,
        (a, b) => a > b,
      );
    case 'gte':
      return compare(
        value,
        (a, b) => a >= b,
        (a, b) => a >= b,
      );
    case 'lt':
      return compare(
        value,
        (a, b) => a < b,
        (a, b) => a < b,
      );
    case 'lte':
      return compare(
        value,
        (a, b) => a <= b,
        (a, b) => a <= b,
      );
    case 'between': {
      const [low, high] = Array.isArray(value) ? value : [];
      return (
        compare(
          low ?? undefined,
          (a, b) => a >= b,
          (a, b) => a >= b,
        ) &&
        compare(
          high ?? undefined,
          (a, b) => a <= b,
          (a, b) => a <= b,
        )
      );
    }
    case 'in':
      return text !== null && (Array.isArray(value) ? value : [value]).map(String).includes(text);
    case 'notIn':
      return !(
        text !== null && (Array.isArray(value) ? value : [value]).map(String).includes(text)
      );
    case 'contains':
      if (Array.isArray(json)) return json.includes(String(value ?? ''));
      return text !== null && text.toLowerCase().includes(String(value ?? '').toLowerCase());
    case 'startsWith':
      return text !== null && text.toLowerCase().startsWith(String(value ?? '').toLowerCase());
    case 'exists':
      return json !== undefined && json !== null;
    case 'missing':
      return json === undefined || json === null;
    case 'withinLastDays': {
      const t = toTime(text);
      return t !== null && t > asOf - Number(value) * DAY && t <= asOf;
    }
    case 'moreThanDaysAgo': {
      const t = toTime(text);
      return t !== null && t <= asOf - Number(value) * DAY;
    }
    case 'anniversaryThisMonth': {
      const t = toTime(text);
      return t !== null && new Date(t).getUTCMonth() === new Date(asOf).getUTCMonth();
    }
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}
