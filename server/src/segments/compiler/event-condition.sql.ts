import type {
  EventAggregateCondition,
  EventMeasureCondition,
  EventNeverCondition,
  EventWindow,
  PropertyFilter,
} from '@switchyard/contracts';
import type { CompileScope } from './compile-scope.js';
import { fieldConditionSql } from './condition-sql.js';
import { numericComparison } from './numeric-comparison.sql.js';
import { jsonPath } from './sql-params.js';

/**
 * Event conditions are correlated subqueries over the customer's events (`e`) with
 * `ts <= asOf`, served by the index events(customer_id, name, ts).
 */
function eventScopeSql(
  event: string,
  where: PropertyFilter[] | undefined,
  window: EventWindow | undefined,
  { params, asOf }: CompileScope,
): string {
  const parts = [
    `e.customer_id = c.id`,
    `e.name = ${params.add(event, 'text')}`,
    `e.ts <= ${asOf}`,
  ];
  for (const filter of where ?? []) {
    parts.push(
      `coalesce(${fieldConditionSql('e.properties', filter.property, filter.op, filter.value, params, asOf)}, false)`,
    );
  }
  if (window && 'lastDays' in window) {
    parts.push(`e.ts > ${asOf} - ${params.add(window.lastDays, 'integer')} * interval '1 day'`);
  } else if (window) {
    parts.push(`e.ts >= ${params.add(window.from, 'timestamptz')}`);
    parts.push(`e.ts <= ${params.add(endOfDayIfDate(window.to), 'timestamptz')}`);
  }
  return parts.join(' AND ');
}

/** `{to: '1997-06-30'}` includes that whole day. */
function endOfDayIfDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
}

export function eventAggregateSql(c: EventAggregateCondition, scope: CompileScope): string {
  const { params } = scope;
  const where = eventScopeSql(c.event, c.where, c.window, scope);
  const text = c.aggregate.property
    ? `(e.properties #>> ${params.add(jsonPath(c.aggregate.property), 'text[]')})`
    : 'NULL';
  const num = `sy_num(${text})`;
  let aggregate: string;
  switch (c.aggregate.fn) {
    case 'count':
      aggregate = 'count(*)';
      break;
    case 'countDistinct':
      aggregate = `count(DISTINCT ${text})`;
      break;
    case 'sum':
      aggregate = `coalesce(sum(${num}), 0)`;
      break;
    case 'avg':
    case 'min':
    case 'max':
      aggregate = `${c.aggregate.fn}(${num})`;
      break;
    default: {
      const never: never = c.aggregate.fn;
      throw new Error(`unknown aggregate ${String(never)}`);
    }
  }
  const subquery = `(SELECT ${aggregate} FROM events e WHERE ${where})`;
  return `coalesce(${numericComparison(subquery, c.op, c.value, params)}, false)`;
}

export function eventMeasureSql(c: EventMeasureCondition, scope: CompileScope): string {
  const fn = c.measure === 'daysSinceLast' ? 'max' : 'min';
  const at = `(SELECT ${fn}(e.ts) FROM events e WHERE ${eventScopeSql(c.event, c.where, undefined, scope)})`;
  const days = `floor(extract(epoch from (${scope.asOf} - ${at})) / 86400)`;
  return `coalesce(${numericComparison(days, c.op, c.value, scope.params)}, false)`;
}

export function eventNeverSql(c: EventNeverCondition, scope: CompileScope): string {
  return `(NOT EXISTS (SELECT 1 FROM events e WHERE ${eventScopeSql(c.event, c.where, c.window, scope)}))`;
}
