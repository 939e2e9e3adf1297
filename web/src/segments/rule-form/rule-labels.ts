import type {
  AggregateFn,
  AttributeOp,
  CatalogValueType,
  EventMeasure,
  LocationLevel,
  LocationOp,
  NumericOp,
  RfmMetric,
} from '@switchyard/contracts';
import type { Combinator, ConditionKind, ValueType, WindowMode } from './rule-form.model';

export const attributeOpLabels: Record<AttributeOp, string> = {
  eq: 'is',
  neq: 'is not',
  gt: 'is greater than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  between: 'is between',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  startsWith: 'starts with',
  exists: 'is set',
  missing: 'is not set',
  withinLastDays: 'is in the last … days',
  moreThanDaysAgo: 'is over … days ago',
  anniversaryThisMonth: 'anniversary is this month',
};

/** Wording for date traits, where "greater than" reads as "after". */
const dateOpLabels: Partial<Record<AttributeOp, string>> = {
  gt: 'is after',
  gte: 'is on or after',
  lt: 'is before',
  lte: 'is on or before',
  between: 'is between dates',
};

export function attributeOpLabel(op: AttributeOp, type: CatalogValueType | null): string {
  return (type === 'date' ? dateOpLabels[op] : undefined) ?? attributeOpLabels[op];
}

export const numericOpLabels: Record<NumericOp, string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'between',
};

export const aggregateFnLabels: Record<AggregateFn, string> = {
  count: 'count of events',
  countDistinct: 'number of different',
  sum: 'sum of',
  avg: 'average of',
  min: 'minimum of',
  max: 'maximum of',
};

export const eventMeasureLabels: Record<EventMeasure, string> = {
  daysSinceLast: 'days since the last',
  daysSinceFirst: 'days since the first',
};

export const windowModeLabels: Record<WindowMode, string> = {
  lastDays: 'in the last',
  between: 'between',
  allTime: 'over all time',
};

export const conditionKindLabels: Record<ConditionKind, string> = {
  attribute: 'Customer trait',
  eventAggregate: 'Did an event',
  eventNever: 'Never did an event',
  eventMeasure: 'Days since an event',
  segment: 'In another segment',
  location: 'Location',
  rfm: 'RFM score',
  random: 'Random split',
  json: 'Advanced (JSON)',
};

export const locationLevelLabels: Record<LocationLevel, string> = {
  country: 'Country',
  region: 'Region / state',
  city: 'City',
};

export const locationOpLabels: Record<LocationOp, string> = {
  in: 'is one of',
  notIn: 'is not one of',
};

export const rfmMetricLabels: Record<RfmMetric, { label: string; hint: string }> = {
  recency: { label: 'Recency', hint: '5 = ordered most recently' },
  frequency: { label: 'Frequency', hint: '5 = ordered most often' },
  monetary: { label: 'Monetary', hint: '5 = spent the most' },
};

export const combinatorLabels: Record<Combinator, { label: string; hint: string }> = {
  all: { label: 'ALL', hint: 'customers who match every condition below' },
  any: { label: 'ANY', hint: 'customers who match at least one condition below' },
};

export const valueTypeLabels: Record<ValueType, string> = {
  auto: 'auto',
  text: 'text',
  number: 'number',
  boolean: 'yes/no',
};

export const catalogTypeLabels: Record<CatalogValueType, string> = {
  string: 'text',
  number: 'number',
  boolean: 'yes/no',
  date: 'date',
  list: 'list',
};
