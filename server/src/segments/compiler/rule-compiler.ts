import {
  type EventAggregateCondition,
  type EventMeasureCondition,
  type NumericOp,
  type PropertyFilter,
  type Rule,
  classifyRule,
} from '@switchyard/contracts';
import { fieldConditionSql } from './condition-sql.js';
import { SqlParams } from './sql-params.js';

/**
 * Compiles a rule tree into one SQL boolean expression over `c` (a row of customers),
 * evaluated as of the time bound to `asOf`. Event conditions are correlated aggregates
 * over the customer's events with `ts <= asOf`, served by events(customer_id, name, ts).
 */
export function compileRuleExpression(rule: Rule, params: SqlParams, asOf: string): string {
  const node = classifyRule(rule);
  switch (node.kind) {
    case 'all':
      return node.children.length === 0
        ? 'TRUE'
        : `(${node.children.map((r) => compileRuleExpression(r, params, asOf)).join(' AND ')})`;
    case 'any':
      return node.children.length === 0
        ? 'FALSE'
        : `(${node.children.map((r) => compileRuleExpression(r, params, asOf)).join(' OR ')})`;
    case 'not':
      // Every compiled condition is coalesced to true/false, so NOT never sees NULL.
      return `(NOT ${compileRuleExpression(node.child, params, asOf)})`;
    case 'attribute': {
      const c = node.condition;
      return `coalesce(${fieldConditionSql('c.traits', c.attribute, c.op, c.value, params, asOf)}, false)`;
    }
    case 'eventAggregate':
      return eventAggregateSql(node.condition, params, asOf);
    case 'eventMeasure':
      return eventMeasureSql(node.condition, params, asOf);
    default: {
      const never: never = node;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
}

function eventScopeSql(
  event: string,
  where: PropertyFilter[] | undefined,
  params: SqlParams,
  asOf: string,
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
  return parts.join(' AND ');
}

function eventAggregateSql(c: EventAggregateCondition, params: SqlParams, asOf: string): string {
  const scope = [eventScopeSql(c.event, c.where, params, asOf)];
  if (c.window && 'lastDays' in c.window) {
    scope.push(`e.ts > ${asOf} - ${params.add(c.window.lastDays, 'integer')} * interval '1 day'`);
  } else if (c.window) {
    scope.push(`e.ts >= ${params.add(c.window.from, 'timestamptz')}`);
    scope.push(`e.ts <= ${params.add(endOfDayIfDate(c.window.to), 'timestamptz')}`);
  }
  const prop = c.aggregate.property
    ? `sy_num(e.properties #>> ${params.add(c.aggregate.property.split('.'), 'text[]')})`
    : null;
  let aggregate: string;
  switch (c.aggregate.fn) {
    case 'count':
      aggregate = 'count(*)';
      break;
    case 'sum':
      aggregate = `coalesce(sum(${prop}), 0)`;
      break;
    case 'avg':
    case 'min':
    case 'max':
      aggregate = `${c.aggregate.fn}(${prop})`;
      break;
    default: {
      const never: never = c.aggregate.fn;
      throw new Error(`unknown aggregate ${String(never)}`);
    }
  }
  const subquery = `(SELECT ${aggregate} FROM events e WHERE ${scope.join(' AND ')})`;
  return `coalesce(${numericComparison(subquery, c.op, c.value, params)}, false)`;
}

function eventMeasureSql(c: EventMeasureCondition, params: SqlParams, asOf: string): string {
  const fn = c.measure === 'daysSinceLast' ? 'max' : 'min';
  const at = `(SELECT ${fn}(e.ts) FROM events e WHERE ${eventScopeSql(c.event, c.where, params, asOf)})`;
  const days = `floor(extract(epoch from (${asOf} - ${at})) / 86400)`;
  return `coalesce(${numericComparison(days, c.op, c.value, params)}, false)`;
}

function numericComparison(
  expr: string,
  op: NumericOp,
  value: number | [number, number],
  params: SqlParams,
): string {
  switch (op) {
    case 'eq':
      return `(${expr} = ${params.add(value, 'numeric')})`;
    case 'neq':
      return `(${expr} <> ${params.add(value, 'numeric')})`;
    case 'gt':
      return `(${expr} > ${params.add(value, 'numeric')})`;
    case 'gte':
      return `(${expr} >= ${params.add(value, 'numeric')})`;
    case 'lt':
      return `(${expr} < ${params.add(value, 'numeric')})`;
    case 'lte':
      return `(${expr} <= ${params.add(value, 'numeric')})`;
    case 'between': {
      const [low, high] = value as [number, number];
      return `(${expr} BETWEEN ${params.add(low, 'numeric')} AND ${params.add(high, 'numeric')})`;
    }
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

/** `{to: '1997-06-30'}` includes that whole day. */
function endOfDayIfDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
}

export interface CompiledSegmentQuery {
  /** Selects `id` of every customer matching the rule as of $2 in workspace $1. */
  sql: string;
  params: unknown[];
}

/**
 * Builds one statement over the customers of a workspace as of a time. Rules become
 * boolean expressions over `c` (a customers row); several rules can share one builder
 * (a segment group's CASE, first match wins). A rule kind that needs workspace-wide data
 * (quantiles, for example) registers a CTE and a join here, so every caller gets it.
 */
export class RuleQueryBuilder {
  readonly params: SqlParams;
  readonly asOfRef = '$2::timestamptz';
  private readonly ctes = new Map<string, string>();
  private readonly joins = new Map<string, string>();

  constructor(
    readonly workspaceId: string,
    readonly asOf: Date,
  ) {
    this.params = new SqlParams([workspaceId, asOf]);
  }

  /** The rule as a SQL boolean over `c`; never NULL. */
  expression(rule: Rule): string {
    return compileRuleExpression(rule, this.params, this.asOfRef);
  }

  /** A value as a bind parameter. */
  param(value: unknown, cast: Parameters<SqlParams['add']>[1]): string {
    return this.params.add(value, cast);
  }

  /** Registers `WITH name AS (sql)` and `LEFT JOIN name alias ON ...`, once per name. */
  use(name: string, cteSql: string, join: string): void {
    if (!this.ctes.has(name)) this.ctes.set(name, cteSql);
    if (!this.joins.has(name)) this.joins.set(name, join);
  }

  /**
   * `SELECT <columns> FROM customers c ...` for the workspace's customers first seen by
   * the evaluation time, optionally only `customerIds`, optionally filtered by `where`.
   */
  build(
    columns: string,
    options: { where?: string; customerIds?: readonly string[] } = {},
  ): CompiledSegmentQuery {
    const filters = [`c.workspace_id = $1::uuid`, `c.first_seen_at <= ${this.asOfRef}`];
    if (options.customerIds)
      filters.push(`c.id = ANY(${this.params.add(options.customerIds, 'bigint[]')})`);
    if (options.where) filters.push(options.where);
    const withClause = this.ctes.size
      ? `WITH ${[...this.ctes].map(([name, sql]) => `${name} AS (${sql})`).join(',\n')}\n`
      : '';
    const joins = [...this.joins.values()].join('\n');
    return {
      sql: `${withClause}SELECT ${columns} FROM customers c ${joins}\nWHERE ${filters.join('\n  AND ')}`,
      params: this.params.values,
    };
  }
}

/**
 * The whole evaluation as one statement. A customer exists in an evaluation only from
 * the time it was first seen. With `customerIds`, only those customers are evaluated
 * (incremental, same compiled rule).
 */
export function compileSegmentQuery(
  rule: Rule,
  workspaceId: string,
  asOf: Date,
  customerIds?: readonly string[],
): CompiledSegmentQuery {
  const builder = new RuleQueryBuilder(workspaceId, asOf);
  const where = builder.expression(rule);
  return builder.build('c.id', { where, ...(customerIds ? { customerIds } : {}) });
}
