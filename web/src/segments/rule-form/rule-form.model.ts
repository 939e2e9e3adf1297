import type { AggregateFn, AttributeOp, ComparisonOp } from '@switchyard/contracts';

/**
 * The segment form's state. Every input is kept as the text the user typed so that a
 * half-typed number is never lost; `rule-form.convert.ts` turns it into a `Rule`.
 */
export type Combinator = 'all' | 'any';

/** How a typed value becomes a JSON scalar: `auto` reads numbers and true/false. */
export type ValueType = 'auto' | 'text' | 'number' | 'boolean';
export const valueTypes: readonly ValueType[] = ['auto', 'text', 'number', 'boolean'];

export interface ValueInput {
  valueType: ValueType;
  value: string;
  /** Upper bound, used by `between` only. */
  valueTo: string;
}

export interface PropertyFilterRow extends ValueInput {
  key: string;
  property: string;
  op: AttributeOp;
}

export interface AttributeRow extends ValueInput {
  kind: 'attribute';
  key: string;
  attribute: string;
  op: AttributeOp;
}

export interface EventAggregateRow {
  kind: 'eventAggregate';
  key: string;
  event: string;
  fn: AggregateFn;
  /** The summed / averaged property; ignored for `count`. */
  property: string;
  op: ComparisonOp;
  value: string;
  /** Blank for all time, otherwise a whole number of days. */
  windowDays: string;
  filters: PropertyFilterRow[];
}

export interface DaysSinceLastRow {
  kind: 'daysSinceLast';
  key: string;
  event: string;
  op: ComparisonOp;
  value: string;
}

export type ConditionRow = AttributeRow | EventAggregateRow | DaysSinceLastRow;
export type ConditionKind = ConditionRow['kind'];
export const conditionKinds: readonly ConditionKind[] = [
  'attribute',
  'eventAggregate',
  'daysSinceLast',
];

export interface RuleFormState {
  combinator: Combinator;
  rows: ConditionRow[];
}

/** Errors keyed by `<rowKey>.<field>`, `<rowKey>.filters.<filterKey>.<field>` or `rule`. */
export type FormErrors = Record<string, string>;
export const RULE_ERROR_KEY = 'rule';

export type KeyFactory = () => string;

let sequence = 0;
/** Unique keys for rows and filters (React keys and error keys). */
export const nextKey: KeyFactory = () => `k${++sequence}`;

export type RowOf<K extends ConditionKind> = Extract<ConditionRow, { kind: K }>;

/** A blank condition of `kind`, typed as that kind's row. */
export function emptyRow<K extends ConditionKind>(kind: K, key: string = nextKey()): RowOf<K> {
  return blankRow(kind, key) as RowOf<K>;
}

function blankRow(kind: ConditionKind, key: string): ConditionRow {
  switch (kind) {
    case 'attribute':
      return { kind, key, attribute: '', op: 'eq', valueType: 'auto', value: '', valueTo: '' };
    case 'eventAggregate':
      return {
        kind,
        key,
        event: '',
        fn: 'count',
        property: '',
        op: 'gte',
        value: '1',
        windowDays: '',
        filters: [],
      };
    case 'daysSinceLast':
      return { kind, key, event: '', op: 'gte', value: '30' };
    default: {
      const never: never = kind;
      throw new Error(`unknown condition kind ${String(never)}`);
    }
  }
}

export function emptyFilter(key: string = nextKey()): PropertyFilterRow {
  return { key, property: '', op: 'eq', valueType: 'auto', value: '', valueTo: '' };
}

export function emptyForm(): RuleFormState {
  return { combinator: 'all', rows: [emptyRow('attribute')] };
}

export function rowErrorKey(row: { key: string }, field: string): string {
  return `${row.key}.${field}`;
}

export function filterErrorKey(
  row: { key: string },
  filter: { key: string },
  field: string,
): string {
  return `${row.key}.filters.${filter.key}.${field}`;
}
