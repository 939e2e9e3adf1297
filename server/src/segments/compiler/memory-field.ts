import {
  type AttributeOp,
  type ConditionValue,
  type LocationCondition,
  locationTraitPaths,
  splitListPath,
} from '@switchyard/contracts';

/**
 * How the memory evaluator reads traits and properties: exactly what Postgres' jsonb
 * operators give (`#>`, `#>>`, jsonb_array_elements_text), then the operator semantics
 * stated on AttributeCondition in the contracts.
 */

const DAY = 86_400_000;
const NUMERIC = /^\s*-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*$/;

export function jsonAt(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** jsonb's text output: `", "` and `": "` separators, keys by length then code point. */
function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort((a, b) =>
      a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0,
    );
    const entries = keys.map(
      (k) => `${JSON.stringify(k)}: ${jsonbText((value as Record<string, unknown>)[k])}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What `#>>` gives for a JSON value: null for missing or JSON null, text otherwise. */
export function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  return jsonbText(value);
}

export function textAt(doc: Record<string, unknown>, path: string): string | null {
  return asText(jsonAt(doc, path));
}

/** sy_num: a number when the whole text is one, else null. */
export function toNumber(text: string | null): number | null {
  return text !== null && NUMERIC.test(text) ? Number(text) : null;
}

/** sy_ts in a UTC session: ISO date (midnight UTC) or date-time, else null. */
function toTime(text: string | null): number | null {
  if (text === null || !/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(t) ? null : t;
}

function valueList(value: ConditionValue | undefined): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

type Test = (a: number, b: number) => boolean;
type TextTest = (a: string, b: string) => boolean;
const COMPARE: Record<'gt' | 'gte' | 'lt' | 'lte', [Test, TextTest]> = {
  gt: [(a, b) => a > b, (a, b) => a > b],
  gte: [(a, b) => a >= b, (a, b) => a >= b],
  lt: [(a, b) => a < b, (a, b) => a < b],
  lte: [(a, b) => a <= b, (a, b) => a <= b],
};

export function fieldMatches(
  doc: Record<string, unknown>,
  path: string,
  op: AttributeOp,
  value: ConditionValue | undefined,
  asOf: number,
): boolean {
  const inList = splitListPath(path);
  if (inList) {
    const list = jsonAt(doc, inList.list);
    // Elements that are not objects have no fields: as with `#>` in SQL, the field is missing.
    return (
      Array.isArray(list) &&
      list.some((element) =>
        fieldMatches(element as Record<string, unknown>, inList.field, op, value, asOf),
      )
    );
  }
  const json = jsonAt(doc, path);
  const text = asText(json);
  // Elements of a list, as jsonb_array_elements_text gives them.
  const elements = Array.isArray(json) ? json.map(asText) : null;
  const equals = (): boolean => {
    if (typeof value === 'number') return toNumber(text) === value;
    if (typeof value === 'boolean') return json === value;
    return text !== null && text === String(value ?? '');
  };
  const compare = (v: ConditionValue | undefined, kind: keyof typeof COMPARE): boolean => {
    const [test, testText] = COMPARE[kind];
    if (typeof v === 'number') {
      const n = toNumber(text);
      return n !== null && test(n, v);
    }
    return text !== null && testText(text, String(v ?? ''));
  };
  const listed = (): boolean => {
    const list = valueList(value);
    if (elements) return elements.some((e) => e !== null && list.includes(e));
    return text !== null && list.includes(text);
  };
  switch (op) {
    case 'eq':
      return equals();
    case 'neq':
      return !equals();
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compare(value, op);
    case 'between': {
      const [low, high] = Array.isArray(value) ? value : [];
      return compare(low ?? undefined, 'gte') && compare(high ?? undefined, 'lte');
    }
    case 'in':
      return listed();
    case 'notIn':
      return !listed();
    case 'contains': {
      const needle = String(value ?? '').toLowerCase();
      if (elements) return elements.some((e) => e !== null && e.toLowerCase() === needle);
      return text !== null && text.toLowerCase().includes(needle);
    }
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

/** The place at that level (top-level trait, else the address field), ignoring case. */
export function locationMatches(c: LocationCondition, traits: Record<string, unknown>): boolean {
  const [primary, fallback] = locationTraitPaths[c.location];
  const place = textAt(traits, primary) ?? textAt(traits, fallback);
  const listed = place !== null && c.value.some((v) => v.toLowerCase() === place.toLowerCase());
  switch (c.op) {
    case 'in':
      return listed;
    case 'notIn':
      return !listed;
    default: {
      const never: never = c.op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}
