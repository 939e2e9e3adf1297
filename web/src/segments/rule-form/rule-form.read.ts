import {
  aggregateFns,
  attributeOps,
  eventMeasures,
  locationLevels,
  locationOps,
  numericOps,
  rfmMetrics,
  type AggregateFn,
  type AttributeOp,
  type EventMeasure,
  type LocationLevel,
  type LocationOp,
  type NumericOp,
  type PropertyFilter,
  type RfmMetric,
  type Rule,
} from '@switchyard/contracts';
import {
  emptyWindow,
  nextKey,
  type ConditionRow,
  type FormNode,
  type GroupNode,
  type KeyFactory,
  type PropertyFilterRow,
  type RuleFormState,
  type WindowInput,
} from './rule-form.model';
import { numericToText, placesToText, valueToInput } from './rule-form.values';

/**
 * Rule -> form, always. Groups and `not` become (negated) groups or negated rows; a
 * condition the form has no fields for, or whose value it cannot show exactly, becomes a
 * JSON row holding it unchanged. So `formToRule(ruleToForm(r))` gives back `r`.
 */
export function ruleToForm(rule: Rule, makeKey: KeyFactory = nextKey): RuleFormState {
  const node = readNode(rule, makeKey);
  if (node.type === 'group') return node;
  return { ...group(makeKey, 'all', [node]), implicit: true };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Json, allowed: readonly string[]): boolean {
  return Object.keys(value).every((k) => allowed.includes(k));
}

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function group(makeKey: KeyFactory, combinator: 'all' | 'any', children: FormNode[]): GroupNode {
  return { type: 'group', key: makeKey(), combinator, negate: false, implicit: false, children };
}

function readNode(rule: Rule, makeKey: KeyFactory): FormNode {
  const raw: Json = rule as unknown as Json;
  if (onlyKeys(raw, ['all']) && Array.isArray(raw['all']) && 'all' in rule)
    return group(
      makeKey,
      'all',
      rule.all.map((r) => readNode(r, makeKey)),
    );
  if (onlyKeys(raw, ['any']) && Array.isArray(raw['any']) && 'any' in rule)
    return group(
      makeKey,
      'any',
      rule.any.map((r) => readNode(r, makeKey)),
    );
  if (onlyKeys(raw, ['not']) && isObject(raw['not']) && 'not' in rule) {
    const inner = readNode(rule.not, makeKey);
    // `not` of a group, or of a condition: the node itself is negated. `not` of a `not`:
    // an implicit group of one carries the outer negation.
    if (!inner.negate) return { ...inner, negate: true };
    return { ...group(makeKey, 'all', [inner]), negate: true, implicit: true };
  }
  return readLeaf(raw, makeKey) ?? jsonRow(rule, makeKey);
}

function jsonRow(rule: Rule, makeKey: KeyFactory): ConditionRow {
  return {
    type: 'condition',
    key: makeKey(),
    negate: false,
    kind: 'json',
    text: JSON.stringify(rule, null, 2),
  };
}

function readLeaf(raw: Json, makeKey: KeyFactory): ConditionRow | null {
  if ('attribute' in raw) return readAttribute(raw, makeKey);
  if ('location' in raw) return readLocation(raw, makeKey);
  if ('segment' in raw) return readSegment(raw, makeKey);
  if ('rfm' in raw) return readRfm(raw, makeKey);
  if ('random' in raw) return readRandom(raw, makeKey);
  if ('event' in raw && 'never' in raw) return readNever(raw, makeKey);
  if ('event' in raw && 'measure' in raw) return readMeasure(raw, makeKey);
  if ('event' in raw && 'aggregate' in raw) return readAggregate(raw, makeKey);
  return null;
}

const row = (makeKey: KeyFactory) =>
  ({ type: 'condition', key: makeKey(), negate: false }) as const;

function readLocation(raw: Json, makeKey: KeyFactory): ConditionRow | null {
  const { location, op, value } = raw;
  if (!onlyKeys(raw, ['location', 'op', 'value'])) return null;
  if (!includes<LocationLevel>(locationLevels, location) || !includes<LocationOp>(locationOps, op))
    return null;
  const places = Array.isArray(value) ? placesToText(value) : null;
  return places === null
    ? null
    : { ...row(makeKey), kind: 'location', level: location, op, places };
}

function readSegment(raw: Json, makeKey: KeyFactory): ConditionRow | null {
  const { segment } = raw;
  if (!onlyKeys(raw, ['segment']) || typeof segment !== 'string') return null;
  return { ...row(makeKey), kind: 'segment', segmentId: segment };
}

function readRfm(raw: Json, makeKey: KeyFactory): ConditionRow | null {
  if (!onlyKeys(raw, ['rfm', 'op', 'value', 'event', 'property'])) return null;
  const { rfm, event, property } = raw;
  if (!includes<RfmMetric>(rfmMetrics, rfm)) return null;
  // Blank inputs stand for "absent": an empty string could not be told apart.
  const optional = (v: unknown) => v === undefined || (typeof v === 'string' && v !== '');
  if (!optional(event) || !optional(property)) return null;
  const numeric = readNumeric(raw);
  if (!numeric) return null;
  return {
    ...row(makeKey),
    kind: 'rfm',
    metric: rfm,
    ...numeric,
    event: typeof event === 'string' ? event : '',
    property: typeof property === 'string' ? property : '',
  };
}

function readRandom(raw: Json, makeKey: KeyFactory): ConditionRow | null {
  const { random } = raw;
  if (!onlyKeys(raw, ['random']) || !isObject(random) || !onlyKeys(random, ['percent', 'salt']))
    return null;
  const { percent, salt } = random;
  const isPercent = typeof percent === 'number' && Number.isInteger(percent);
  if (!isPercent || percent < 0 || percent > 100 || typeof salt !== 'string') return null;
  return { ...row(makeKey), kind: 'random', percent: String(percent), salt };
}

function readNever(raw: Json, makeKey: KeyFactory): ConditionRow | null {
  if (!onlyKeys(raw, ['event', 'never', 'where', 'window'])) return null;
  const { event, never } = raw;
  if (typeof event !== 'string' || never !== true) return null;
  const window = readWindow(raw['window']);
  if (!window) return null;
  const key = makeKey();
  const filters = readFilters(raw['where'], makeKey);
  if (!filters) return null;
  return { type: 'condition', key, negate: false, kind: 'eventNever', event, window, filters };
}

function readAttribute(raw: Json, makeKey: KeyFactory): ConditionRow | null {
  const { attribute, op, value } = raw;
  if (!onlyKeys(raw, ['attribute', 'op', 'value'])) return null;
  if (typeof attribute !== 'string' || !includes<AttributeOp>(attributeOps, op)) return null;
  const input = valueToInput(op, value as PropertyFilter['value'], 'value' in raw);
  if (!input) return null;
  return {
    type: 'condition',
    key: makeKey(),
    negate: false,
    kind: 'attribute',
    attribute,
    op,
    ...input,
  };
}

function readFilters(where: unknown, makeKey: KeyFactory): PropertyFilterRow[] | null {
  if (where === undefined) return [];
  if (!Array.isArray(where) || where.length === 0) return null;
  const rows: PropertyFilterRow[] = [];
  for (const filter of where as unknown[]) {
    if (!isObject(filter) || !onlyKeys(filter, ['property', 'op', 'value'])) return null;
    const { property, op, value } = filter;
    if (typeof property !== 'string' || !includes<AttributeOp>(attributeOps, op)) return null;
    const input = valueToInput(op, value as PropertyFilter['value'], 'value' in filter);
    if (!input) return null;
    rows.push({ key: makeKey(), property, op, ...input });
  }
  return rows;
}

function readNumeric(raw: Json): { op: NumericOp; value: string; valueTo: string } | null {
  const { op, value } = raw;
  if (!includes<NumericOp>(numericOps, op)) return null;
  // Only numbers whose text reads back as the very same number (not -0, not NaN).
  const shows = (v: unknown): v is number =>
    typeof v === 'number' && Object.is(Number(String(v)), v);
  const shaped = shows(value) || (Array.isArray(value) && value.length === 2 && value.every(shows));
  if (!shaped) return null;
  const text = numericToText(op, value as number | [number, number]);
  return text ? { op, ...text } : null;
}

function readWindow(window: unknown): WindowInput | null {
  if (window === undefined) return { ...emptyWindow(), mode: 'allTime' };
  if (!isObject(window)) return null;
  const days = window['lastDays'];
  if (
    onlyKeys(window, ['lastDays']) &&
    typeof days === 'number' &&
    Number.isInteger(days) &&
    days >= 0
  )
    return { ...emptyWindow(), days: String(days) };
  const { from, to } = window;
  if (onlyKeys(window, ['from', 'to']) && typeof from === 'string' && typeof to === 'string')
    return { ...emptyWindow(), mode: 'between', from, to };
  return null;
}

function readAggregate(raw: Json, makeKey: KeyFactory): ConditionRow | null {
  if (!onlyKeys(raw, ['event', 'where', 'aggregate', 'op', 'value', 'window'])) return null;
  const { event, aggregate } = raw;
  if (typeof event !== 'string' || !isObject(aggregate)) return null;
  if (!onlyKeys(aggregate, ['fn', 'property'])) return null;
  const { fn, property } = aggregate;
  if (!includes<AggregateFn>(aggregateFns, fn)) return null;
  if (fn === 'count' ? property !== undefined : typeof property !== 'string') return null;
  const numeric = readNumeric(raw);
  const window = readWindow(raw['window']);
  if (!numeric || !window) return null;
  const key = makeKey();
  const filters = readFilters(raw['where'], makeKey);
  if (!filters) return null;
  return {
    type: 'condition',
    key,
    negate: false,
    kind: 'eventAggregate',
    event,
    fn,
    property: typeof property === 'string' ? property : '',
    ...numeric,
    window,
    filters,
  };
}

function readMeasure(raw: Json, makeKey: KeyFactory): ConditionRow | null {
  if (!onlyKeys(raw, ['event', 'where', 'measure', 'op', 'value'])) return null;
  const { event, measure } = raw;
  if (typeof event !== 'string' || !includes<EventMeasure>(eventMeasures, measure)) return null;
  const numeric = readNumeric(raw);
  if (!numeric) return null;
  const key = makeKey();
  const filters = readFilters(raw['where'], makeKey);
  if (!filters) return null;
  return {
    type: 'condition',
    key,
    negate: false,
    kind: 'eventMeasure',
    event,
    measure,
    ...numeric,
    filters,
  };
}
