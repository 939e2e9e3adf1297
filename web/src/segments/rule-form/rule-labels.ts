import type { AggregateFn, AttributeOp, ComparisonOp } from '@switchyard/contracts';
import type { ConditionKind, ValueType } from './rule-form.model';

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
  withinLastDays: 'is within the last … days',
  moreThanDaysAgo: 'is more than … days ago',
  anniversaryThisMonth: 'has its anniversary this month',
};

export const comparisonOpLabels: Record<ComparisonOp, string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
};

export const aggregateFnLabels: Record<AggregateFn, string> = {
  count: 'count of events',
  sum: 'sum of',
  avg: 'average of',
  min: 'minimum of',
  max: 'maximum of',
};

export const conditionKindLabels: Record<ConditionKind, string> = {
  attribute: 'Attribute',
  eventAggregate: 'Did an event',
  daysSinceLast: 'Days since last event',
};

export const valueTypeLabels: Record<ValueType, string> = {
  auto: 'auto',
  text: 'text',
  number: 'number',
  boolean: 'yes/no',
};
