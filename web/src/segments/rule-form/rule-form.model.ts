import type {
  AggregateFn,
  AttributeOp,
  EventMeasure,
  LocationLevel,
  LocationOp,
  NumericOp,
  RfmMetric,
  RuleKind,
} from '@switchyard/contracts';

/**
 * The segment builder's state: a tree of groups (ALL / ANY, optionally negated) holding
 * condition rows and sub-groups. Every input is kept as the text the user typed so that a
 * half-typed number is never lost; `rule-form.convert.ts` turns the tree into a `Rule`
 * and back without loss.
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

interface RowBase {
  type: 'condition';
  key: string;
  /** Wraps the condition in `{not: ...}`. */
  negate: boolean;
}

export interface AttributeRow extends RowBase, ValueInput {
  kind: 'attribute';
  attribute: string;
  op: AttributeOp;
}

export type WindowMode = 'allTime' | 'lastDays' | 'between';
export const windowModes: readonly WindowMode[] = ['lastDays', 'between', 'allTime'];

export interface WindowInput {
  mode: WindowMode;
  days: string;
  from: string;
  to: string;
}

export interface EventAggregateRow extends RowBase {
  kind: 'eventAggregate';
  event: string;
  fn: AggregateFn;
  /** The aggregated property; ignored for `count`. */
  property: string;
  op: NumericOp;
  value: string;
  valueTo: string;
  window: WindowInput;
  filters: PropertyFilterRow[];
}

export interface EventMeasureRow extends RowBase {
  kind: 'eventMeasure';
  event: string;
  measure: EventMeasure;
  op: NumericOp;
  value: string;
  valueTo: string;
  filters: PropertyFilterRow[];
}

/** "never did <event> [where …] [in the window]". */
export interface EventNeverRow extends RowBase {
  kind: 'eventNever';
  event: string;
  window: WindowInput;
  filters: PropertyFilterRow[];
}

/** "lives in one of <places>" at a level; places are typed separated by commas. */
export interface LocationRow extends RowBase {
  kind: 'location';
  level: LocationLevel;
  op: LocationOp;
  places: string;
}

/** Member of another segment (`negate`: not a member). */
export interface SegmentRow extends RowBase {
  kind: 'segment';
  segmentId: string;
}

/** An RFM score (1-5); blank event / property mean the defaults. */
export interface RfmRow extends RowBase {
  kind: 'rfm';
  metric: RfmMetric;
  op: NumericOp;
  value: string;
  valueTo: string;
  event: string;
  property: string;
}

/** A stable random share of customers; the same salt picks the same customers. */
export interface RandomRow extends RowBase {
  kind: 'random';
  percent: string;
  salt: string;
}

/** A condition the builder has no form for, edited as JSON (kept exactly as it was). */
export interface JsonRow extends RowBase {
  kind: 'json';
  text: string;
}

export type ConditionRow =
  | AttributeRow
  | LocationRow
  | EventAggregateRow
  | EventMeasureRow
  | EventNeverRow
  | SegmentRow
  | RfmRow
  | RandomRow
  | JsonRow;
export type ConditionKind = ConditionRow['kind'];
/** In the order the kind picker offers them. */
export const conditionKinds: readonly ConditionKind[] = [
  'attribute',
  'eventAggregate',
  'eventNever',
  'eventMeasure',
  'segment',
  'location',
  'rfm',
  'random',
  'json',
];

export interface GroupNode {
  type: 'group';
  key: string;
  combinator: Combinator;
  /** Wraps the group in `{not: ...}`. */
  negate: boolean;
  /**
   * The group stands for a rule that was not an `all`/`any` (a lone condition, or a `not`
   * of one): with exactly one child it is written as that child alone.
   */
  implicit: boolean;
  children: FormNode[];
}

export type FormNode = GroupNode | ConditionRow;

/** The whole rule: its root group. */
export type RuleFormState = GroupNode;

/** Errors keyed by `<nodeKey>.<field>`, `<rowKey>.filters.<filterKey>.<field>` or `rule`. */
export type FormErrors = Record<string, string>;
export const RULE_ERROR_KEY = 'rule';

export type KeyFactory = () => string;

let sequence = 0;
/** Unique keys for nodes and filters (React keys and error keys). */
export const nextKey: KeyFactory = () => `k${++sequence}`;

export type RowOf<K extends ConditionKind> = Extract<ConditionRow, { kind: K }>;

export function emptyWindow(): WindowInput {
  return { mode: 'lastDays', days: '30', from: '', to: '' };
}

/** A blank condition of `kind`, typed as that kind's row. */
export function emptyRow<K extends ConditionKind>(kind: K, key: string = nextKey()): RowOf<K> {
  return blankRow(kind, key) as RowOf<K>;
}

function blankRow(kind: ConditionKind, key: string): ConditionRow {
  const base = { type: 'condition', key, negate: false } as const;
  switch (kind) {
    case 'attribute':
      return { ...base, kind, attribute: '', op: 'eq', valueType: 'auto', value: '', valueTo: '' };
    case 'eventAggregate':
      return {
        ...base,
        kind,
        event: '',
        fn: 'count',
        property: '',
        op: 'gte',
        value: '1',
        valueTo: '',
        window: emptyWindow(),
        filters: [],
      };
    case 'eventMeasure':
      return {
        ...base,
        kind,
        event: '',
        measure: 'daysSinceLast',
        op: 'gte',
        value: '30',
        valueTo: '',
        filters: [],
      };
    case 'eventNever':
      return {
        ...base,
        kind,
        event: '',
        window: { ...emptyWindow(), mode: 'allTime' },
        filters: [],
      };
    case 'location':
      return { ...base, kind, level: 'city', op: 'in', places: '' };
    case 'segment':
      return { ...base, kind, segmentId: '' };
    case 'rfm':
      return {
        ...base,
        kind,
        metric: 'recency',
        op: 'gte',
        value: '4',
        valueTo: '',
        event: '',
        property: '',
      };
    case 'random':
      return { ...base, kind, percent: '10', salt: randomSalt() };
    case 'json':
      return { ...base, kind, text: '' };
    default: {
      const never: never = kind;
      throw new Error(`unknown condition kind ${String(never)}`);
    }
  }
}

/** A fresh salt, so that two new random splits pick different customers. */
function randomSalt(): string {
  return `split-${Math.random().toString(36).slice(2, 8)}`;
}

export function emptyFilter(key: string = nextKey()): PropertyFilterRow {
  return { key, property: '', op: 'eq', valueType: 'auto', value: '', valueTo: '' };
}

export function emptyGroup(combinator: Combinator = 'all', key: string = nextKey()): GroupNode {
  return { type: 'group', key, combinator, negate: false, implicit: false, children: [] };
}

export function emptyForm(): RuleFormState {
  return { ...emptyGroup('all'), children: [emptyRow('attribute')] };
}

export function nodeErrorKey(node: { key: string }, field: string): string {
  return `${node.key}.${field}`;
}

export function filterErrorKey(
  row: { key: string },
  filter: { key: string },
  field: string,
): string {
  return `${row.key}.filters.${filter.key}.${field}`;
}

/**
 * The row that shows each leaf kind of the rule language. A kind added to the contracts
 * fails to compile here until the builder has a row for it.
 */
export const rowKindOfRuleKind: Record<Exclude<RuleKind, 'all' | 'any' | 'not'>, ConditionKind> = {
  attribute: 'attribute',
  location: 'location',
  eventAggregate: 'eventAggregate',
  eventMeasure: 'eventMeasure',
  eventNever: 'eventNever',
  segment: 'segment',
  rfm: 'rfm',
  random: 'random',
};
