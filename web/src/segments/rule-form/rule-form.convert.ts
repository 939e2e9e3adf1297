import {
  comparisonOps,
  valuelessOps,
  type AttributeCondition,
  type AttributeOp,
  type ComparisonOp,
  type ConditionValue,
  type EventAggregateCondition,
  type EventMeasureCondition,
  type PropertyFilter,
  type Rule,
  type Scalar,
} from '@switchyard/contracts';
import {
  filterErrorKey,
  nextKey,
  rowErrorKey,
  type ConditionRow,
  type FormErrors,
  type KeyFactory,
  type PropertyFilterRow,
  type RuleFormState,
  type ValueInput,
  type ValueType,
} from './rule-form.model';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

const AUTO_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Reads one typed value as the chosen type. */
export function parseScalar(text: string, type: ValueType): Parsed<Scalar> {
  const trimmed = text.trim();
  switch (type) {
    case 'text':
      return ok(text);
    case 'number': {
      const n = Number(trimmed);
      return trimmed !== '' && Number.isFinite(n) ? ok(n) : fail('must be a number');
    }
    case 'boolean':
      if (/^(true|yes)$/i.test(trimmed)) return ok(true);
      if (/^(false|no)$/i.test(trimmed)) return ok(false);
      return fail('must be yes or no');
    case 'auto':
      if (trimmed === '') return fail('needs a value');
      if (AUTO_NUMBER.test(trimmed)) return ok(Number(trimmed));
      if (trimmed === 'true' || trimmed === 'false') return ok(trimmed === 'true');
      return ok(text);
    default: {
      const never: never = type;
      throw new Error(`unknown value type ${String(never)}`);
    }
  }
}

function parseNumber(text: string): Parsed<number> {
  const parsed = parseScalar(text, 'number');
  return parsed.ok ? ok(parsed.value as number) : parsed;
}

function parseWholeDays(text: string): Parsed<number> {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0
    ? ok(n)
    : fail('must be a whole number of days');
}

/** Turns the value inputs into the condition's `value` for operator `op`. */
export function parseConditionValue(
  op: AttributeOp,
  input: ValueInput,
): Parsed<ConditionValue | undefined> {
  if (valuelessOps.includes(op)) return ok(undefined);
  switch (op) {
    case 'withinLastDays':
    case 'moreThanDaysAgo':
      return parseWholeDays(input.value);
    case 'contains':
    case 'startsWith':
      return input.value === '' ? fail('needs a value') : ok(input.value);
    case 'between': {
      const low = parseScalar(input.value, input.valueType);
      if (!low.ok) return low;
      const high = parseScalar(input.valueTo, input.valueType);
      if (!high.ok) return fail(`upper bound ${high.message}`);
      return ok([low.value, high.value]);
    }
    case 'in':
    case 'notIn': {
      const parts = input.value
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      if (parts.length === 0) return fail('needs at least one value, separated by commas');
      const values: Scalar[] = [];
      for (const part of parts) {
        const parsed = parseScalar(part, input.valueType);
        if (!parsed.ok) return fail(`"${part}" ${parsed.message}`);
        values.push(parsed.value);
      }
      return ok(values);
    }
    default:
      return parseScalar(input.value, input.valueType);
  }
}

class ErrorSink {
  readonly errors: FormErrors = {};
  take<T>(key: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.errors[key] ??= parsed.message;
    return undefined;
  }
}

function buildFilter(
  row: ConditionRow,
  filter: PropertyFilterRow,
  sink: ErrorSink,
): PropertyFilter {
  const value = sink.take(
    filterErrorKey(row, filter, 'value'),
    parseConditionValue(filter.op, filter),
  );
  const built: PropertyFilter = { property: filter.property.trim(), op: filter.op };
  if (value !== undefined) built.value = value;
  return built;
}

function buildRow(row: ConditionRow, sink: ErrorSink): Rule {
  switch (row.kind) {
    case 'attribute': {
      const value = sink.take(rowErrorKey(row, 'value'), parseConditionValue(row.op, row));
      const condition: AttributeCondition = { attribute: row.attribute.trim(), op: row.op };
      if (value !== undefined) condition.value = value;
      return condition;
    }
    case 'eventAggregate': {
      const condition: EventAggregateCondition = {
        event: row.event.trim(),
        aggregate:
          row.fn === 'count' ? { fn: 'count' } : { fn: row.fn, property: row.property.trim() },
        op: row.op,
        value: sink.take(rowErrorKey(row, 'value'), parseNumber(row.value)) ?? 0,
      };
      if (row.filters.length > 0)
        condition.where = row.filters.map((f) => buildFilter(row, f, sink));
      if (row.windowDays.trim() !== '') {
        const days = sink.take(rowErrorKey(row, 'windowDays'), parseWholeDays(row.windowDays));
        if (days !== undefined) condition.window = { lastDays: days };
      }
      return condition;
    }
    case 'daysSinceLast':
      return {
        event: row.event.trim(),
        measure: 'daysSinceLast',
        op: row.op,
        value: sink.take(rowErrorKey(row, 'value'), parseNumber(row.value)) ?? 0,
      };
    default: {
      const never: never = row;
      throw new Error(`unknown row ${JSON.stringify(never)}`);
    }
  }
}

export type BuildResult = { ok: true; rule: Rule } | { ok: false; errors: FormErrors; rule: Rule };

/** Form -> rule. Always `{all}` or `{any}` over the rows; value parse errors are reported. */
export function formToRule(form: RuleFormState): BuildResult {
  const sink = new ErrorSink();
  const children = form.rows.map((row) => buildRow(row, sink));
  const rule: Rule = form.combinator === 'all' ? { all: children } : { any: children };
  return Object.keys(sink.errors).length > 0
    ? { ok: false, errors: sink.errors, rule }
    : { ok: true, rule };
}

function typeOf(value: Scalar): ValueType {
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
}

/** Inverse of parseConditionValue; null when the value cannot be shown without loss. */
function valueToInput(op: AttributeOp, value: ConditionValue | undefined): ValueInput | null {
  const empty: ValueInput = { valueType: 'auto', value: '', valueTo: '' };
  if (value === undefined || value === null) return valuelessOps.includes(op) ? empty : null;
  if (op === 'withinLastDays' || op === 'moreThanDaysAgo')
    return typeof value === 'number'
      ? { ...empty, valueType: 'number', value: String(value) }
      : null;
  if (Array.isArray(value)) {
    const first = value[0];
    if (first === undefined || value.some((v) => typeOf(v) !== typeOf(first))) return null;
    const texts = value.map(String);
    if (op === 'between' && value.length === 2)
      return { valueType: typeOf(first), value: texts[0] ?? '', valueTo: texts[1] ?? '' };
    const listSafe = texts.every((t) => !t.includes(',') && t === t.trim() && t !== '');
    if ((op === 'in' || op === 'notIn') && listSafe)
      return { ...empty, valueType: typeOf(first), value: texts.join(', ') };
    return null;
  }
  if (op === 'between' || op === 'in' || op === 'notIn') return null;
  if ((op === 'contains' || op === 'startsWith') && typeof value !== 'string') return null;
  return { ...empty, valueType: typeOf(value), value: String(value) };
}

function isComparison(op: string): op is ComparisonOp {
  return (comparisonOps as readonly string[]).includes(op);
}

function filterToRow(filter: PropertyFilter, makeKey: KeyFactory): PropertyFilterRow | null {
  const input = valueToInput(filter.op, filter.value);
  return input ? { key: makeKey(), property: filter.property, op: filter.op, ...input } : null;
}

function leafToRow(rule: Rule, makeKey: KeyFactory): ConditionRow | null {
  if ('attribute' in rule) {
    const input = valueToInput(rule.op, rule.value);
    return input
      ? { kind: 'attribute', key: makeKey(), attribute: rule.attribute, op: rule.op, ...input }
      : null;
  }
  if ('measure' in rule) return measureToRow(rule, makeKey);
  if ('aggregate' in rule) return aggregateToRow(rule, makeKey);
  return null;
}

function measureToRow(rule: EventMeasureCondition, makeKey: KeyFactory): ConditionRow | null {
  if (rule.measure !== 'daysSinceLast' || rule.where !== undefined) return null;
  if (!isComparison(rule.op) || typeof rule.value !== 'number') return null;
  return {
    kind: 'daysSinceLast',
    key: makeKey(),
    event: rule.event,
    op: rule.op,
    value: String(rule.value),
  };
}

function aggregateToRow(rule: EventAggregateCondition, makeKey: KeyFactory): ConditionRow | null {
  if (!isComparison(rule.op) || typeof rule.value !== 'number') return null;
  if (rule.window !== undefined && !('lastDays' in rule.window)) return null;
  const { fn, property } = rule.aggregate;
  if (fn === 'count' ? property !== undefined : property === undefined) return null;
  const key = makeKey();
  const filters: PropertyFilterRow[] = [];
  for (const filter of rule.where ?? []) {
    const row = filterToRow(filter, makeKey);
    if (!row) return null;
    filters.push(row);
  }
  if (rule.where !== undefined && rule.where.length === 0) return null;
  return {
    kind: 'eventAggregate',
    key,
    event: rule.event,
    fn,
    property: property ?? '',
    op: rule.op,
    value: String(rule.value),
    windowDays: rule.window && 'lastDays' in rule.window ? String(rule.window.lastDays) : '',
    filters,
  };
}

/**
 * Rule -> form, or null when the rule uses something the form cannot show (nesting,
 * `not`, date-range windows, ...). A bare condition becomes an ALL group of one row.
 */
export function ruleToForm(rule: Rule, makeKey: KeyFactory = nextKey): RuleFormState | null {
  const combinator = 'all' in rule ? 'all' : 'any' in rule ? 'any' : null;
  const children = 'all' in rule ? rule.all : 'any' in rule ? rule.any : [rule];
  const rows: ConditionRow[] = [];
  for (const child of children) {
    const row = leafToRow(child, makeKey);
    if (!row) return null;
    rows.push(row);
  }
  return { combinator: combinator ?? 'all', rows };
}
