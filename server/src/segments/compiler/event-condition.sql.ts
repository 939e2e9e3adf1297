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
import { jsonPath, numericSql } from './sql-params.js';

/**
 * Event conditions read the customer's events (`e`) with `ts <= asOf`. Inside a
 * RuleQueryBuilder each condition is a column of one grouped pass over the workspace's
 * events (`scope.events`); elsewhere it is a correlated subquery served by the index
 * events(customer_id, name, ts). Both give the same answer: without matching events a
 * count is 0 and last/first/avg/min/max are unknown (the condition is false).
 */
function eventFilterSql(
  event: string,
  where: PropertyFilter[] | undefined,
  window: EventWindow | undefined,
  { params, asOf }: CompileScope,
): string[] {
  const parts = [`e.name = ${params.add(event, 'text')}`];
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
  return parts;
}

/**
 * A value over the customer's events in scope, as a grouped column or a subquery. `key`
 * says what is measured (the same key is the same column, computed once); `make` writes
 * the aggregate and the filters, adding their bind parameters only when needed.
 */
function eventValue(
  key: unknown,
  event: string,
  make: () => { aggregate: string; filters: string[] },
  scope: CompileScope,
): string {
  if (scope.events)
    return scope.events.add(JSON.stringify(key), event, () => {
      const { aggregate, filters } = make();
      return `${aggregate} FILTER (WHERE ${filters.join(' AND ')})`;
    });
  const { aggregate, filters } = make();
  const where = [`e.customer_id = c.id`, `e.ts <= ${scope.asOf}`, ...filters];
  return `(SELECT ${aggregate} FROM events e WHERE ${where.join(' AND ')})`;
}

/** `{to: '1997-06-30'}` includes that whole day. */
function endOfDayIfDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
}

export function eventAggregateSql(c: EventAggregateCondition, scope: CompileScope): string {
  const { params } = scope;
  const { fn, property } = c.aggregate;
  const emptyIsZero = fn === 'count' || fn === 'countDistinct' || fn === 'sum';
  const key = ['aggregate', fn, property ?? null, c.event, c.where ?? [], c.window ?? null];
  const value = eventValue(
    key,
    c.event,
    () => {
      const filters = eventFilterSql(c.event, c.where, c.window, scope);
      // count(*) reads no property: a parameter the SQL does not use has no type (42P18).
      const path = property && fn !== 'count' ? params.add(jsonPath(property), 'text[]') : null;
      const text = path ? `(e.properties #>> ${path})` : 'NULL';
      const num = path ? numericSql(`(e.properties #> ${path})`, text) : 'NULL';
      return { aggregate: aggregateSql(fn, text, num), filters };
    },
    scope,
  );
  const measured = emptyIsZero ? `coalesce(${value}, 0)` : value;
  return `coalesce(${numericComparison(measured, c.op, c.value, params)}, false)`;
}

function aggregateSql(
  fn: EventAggregateCondition['aggregate']['fn'],
  text: string,
  num: string,
): string {
  switch (fn) {
    case 'count':
      return 'count(*)';
    case 'countDistinct':
      return `count(DISTINCT ${text})`;
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return `${fn}(${num})`;
    default: {
      const never: never = fn;
      throw new Error(`unknown aggregate ${String(never)}`);
    }
  }
}

export function eventMeasureSql(c: EventMeasureCondition, scope: CompileScope): string {
  const fn = c.measure === 'daysSinceLast' ? 'max' : 'min';
  const at = eventValue(
    ['measure', fn, c.event, c.where ?? []],
    c.event,
    () => ({
      aggregate: `${fn}(e.ts)`,
      filters: eventFilterSql(c.event, c.where, undefined, scope),
    }),
    scope,
  );
  const days = `floor(extract(epoch from (${scope.asOf} - ${at})) / 86400)`;
  return `coalesce(${numericComparison(days, c.op, c.value, scope.params)}, false)`;
}

export function eventNeverSql(c: EventNeverCondition, scope: CompileScope): string {
  if (scope.events) {
    const n = eventValue(
      ['aggregate', 'count', null, c.event, c.where ?? [], c.window ?? null],
      c.event,
      () => ({ aggregate: 'count(*)', filters: eventFilterSql(c.event, c.where, c.window, scope) }),
      scope,
    );
    return `(coalesce(${n}, 0) = 0)`;
  }
  const where = [
    `e.customer_id = c.id`,
    `e.ts <= ${scope.asOf}`,
    ...eventFilterSql(c.event, c.where, c.window, scope),
  ];
  return `(NOT EXISTS (SELECT 1 FROM events e WHERE ${where.join(' AND ')}))`;
}
