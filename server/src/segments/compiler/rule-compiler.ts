import { type Rule, classifyRule } from '@switchyard/contracts';
import type {
  GroupedEventColumns,
  CompileScope,
  RuleCompileContext,
  WorkspaceCtes,
} from './compile-scope.js';
import { mergeTraitsSql } from '../../customers/customer-merge.sql.js';
import { fieldConditionSql } from './condition-sql.js';
import { eventAggregateSql, eventMeasureSql, eventNeverSql } from './event-condition.sql.js';
import { locationConditionSql } from './location-condition.sql.js';
import { randomConditionSql } from './random-condition.sql.js';
import { rfmConditionSql } from './rfm-condition.sql.js';
import { referencedRule } from './segment-reference.js';
import { SqlParams } from './sql-params.js';

export type { RuleCompileContext } from './compile-scope.js';
export { SegmentReferenceError } from './segment-reference.js';

/**
 * Compiles a rule tree into one SQL boolean expression over `c` (a row of customers),
 * evaluated as of the time bound to `asOf`; never NULL. `{segment: id}` inlines that
 * segment's rule from `context.segments`. RFM conditions need workspace-wide CTEs: compile
 * them through RuleQueryBuilder.
 */
export function compileRuleExpression(
  rule: Rule,
  params: SqlParams,
  asOf: string,
  context: RuleCompileContext = {},
): string {
  return compileRule(rule, {
    params,
    asOf,
    segments: context.segments,
    trail: [],
    ctes: undefined,
  });
}

function compileRule(rule: Rule, scope: CompileScope): string {
  const node = classifyRule(rule);
  switch (node.kind) {
    case 'all':
      return node.children.length === 0
        ? 'TRUE'
        : `(${node.children.map((r) => compileRule(r, scope)).join(' AND ')})`;
    case 'any':
      return node.children.length === 0
        ? 'FALSE'
        : `(${node.children.map((r) => compileRule(r, scope)).join(' OR ')})`;
    case 'not':
      // Every compiled condition is coalesced to true/false, so NOT never sees NULL.
      return `(NOT ${compileRule(node.child, scope)})`;
    case 'attribute': {
      const c = node.condition;
      return `coalesce(${fieldConditionSql('c.traits', c.attribute, c.op, c.value, scope.params, scope.asOf)}, false)`;
    }
    case 'location':
      return locationConditionSql(node.condition, scope);
    case 'eventAggregate':
      return eventAggregateSql(node.condition, scope);
    case 'eventMeasure':
      return eventMeasureSql(node.condition, scope);
    case 'eventNever':
      return eventNeverSql(node.condition, scope);
    case 'segment': {
      const id = node.condition.segment;
      const inlined = referencedRule(id, scope.segments, scope.trail);
      return compileRule(inlined, { ...scope, trail: [...scope.trail, id] });
    }
    case 'rfm':
      return rfmConditionSql(node.condition, scope);
    case 'random':
      return randomConditionSql(node.condition, scope);
    default: {
      const never: never = node;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
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
 * (RFM quintiles) registers a CTE and a join here, so every caller gets it.
 */
export class RuleQueryBuilder {
  readonly params: SqlParams;
  readonly asOfRef = '$2::timestamptz';
  readonly workspaceRef = '$1::uuid';
  private readonly ctes = new Map<string, string>();
  private readonly joins = new Map<string, string>();
  /** Columns of the grouped pass over events (`sy_ev`), filled while rules compile. */
  private readonly eventColumns: string[] = [];
  private readonly eventColumnByKey = new Map<string, string>();
  private readonly eventNames = new Set<string>();
  private readonly groupedEvents: GroupedEventColumns = {
    add: (key, event, make) => {
      const known = this.eventColumnByKey.get(key);
      if (known) return known;
      this.eventNames.add(event);
      this.eventColumns.push(make());
      const column = `sy_ev.m${this.eventColumns.length - 1}`;
      this.eventColumnByKey.set(key, column);
      return column;
    },
  };
  private readonly workspaceCtes: WorkspaceCtes = {
    workspaceRef: this.workspaceRef,
    once: (name, make) => {
      if (this.ctes.has(name)) return;
      const { cteSql, join } = make();
      this.use(name, cteSql, join);
    },
  };

  constructor(
    readonly workspaceId: string,
    readonly asOf: Date,
    /** The workspace's segment rules, for `{segment: id}`. */
    readonly context: RuleCompileContext = {},
  ) {
    this.params = new SqlParams([workspaceId, asOf]);
  }

  /** The rule as a SQL boolean over `c`; never NULL. */
  expression(rule: Rule): string {
    return compileRule(rule, {
      params: this.params,
      asOf: this.asOfRef,
      segments: this.context.segments,
      trail: [],
      ctes: this.workspaceCtes,
      events: this.groupedEvents,
    });
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
    options: {
      where?: string;
      customerIds?: readonly string[];
      /**
       * With `customerIds`: traits merged over the stored ones (as a step's trait update
       * would merge them), for a dry run that must not write them.
       */
      traitsOver?: Record<string, unknown>;
    } = {},
  ): CompiledSegmentQuery {
    if (options.traitsOver && !options.customerIds)
      throw new Error('traitsOver needs customerIds: it is for given customers only');
    const filters = [`c.workspace_id = ${this.workspaceRef}`, `c.first_seen_at <= ${this.asOfRef}`];
    // Given customers are looked up one by one through the primary key (a lateral
    // subquery the planner cannot flatten): with `c.id = ANY(...)` a planner whose
    // statistics are behind (a table just filled) scans the whole workspace instead.
    const customer = options.traitsOver
      ? `SELECT c0.id, c0.workspace_id, c0.external_id, c0.first_seen_at, c0.last_seen_at,
                ${mergeTraitsSql('c0.traits', this.params.add(JSON.stringify(options.traitsOver), 'jsonb'))} AS traits`
      : 'SELECT *';
    const from = options.customerIds
      ? `(SELECT DISTINCT unnest(${this.params.add(options.customerIds, 'bigint[]')}) AS id) sy_ids
  CROSS JOIN LATERAL (${customer} FROM customers c0 WHERE c0.id = sy_ids.id OFFSET 0) c`
      : 'customers c';

    if (options.where) filters.push(options.where);
    if (this.eventColumns.length > 0 && !this.ctes.has('sy_ev'))
      this.addGroupedEvents(options.customerIds);
    const withClause = this.ctes.size
      ? `WITH ${[...this.ctes].map(([name, sql]) => `${name} AS (${sql})`).join(',\n')}\n`
      : '';
    const joins = [...this.joins.values()].join('\n');
    return {
      sql: `${withClause}SELECT ${columns} FROM ${from} ${joins}\nWHERE ${filters.join('\n  AND ')}`,
      params: this.params.values,
    };
  }

  /** One pass over the workspace's (or the given customers') events up to the as-of time. */
  private addGroupedEvents(customerIds: readonly string[] | undefined): void {
    const filters = [
      `e.workspace_id = ${this.workspaceRef}`,
      `e.ts <= ${this.asOfRef}`,
      `e.name = ANY(${this.params.add([...this.eventNames], 'text[]')})`,
    ];
    if (customerIds)
      filters.push(`e.customer_id = ANY(${this.params.add(customerIds, 'bigint[]')})`);
    const columns = this.eventColumns.map((sql, i) => `${sql} AS m${i}`).join(',\n    ');
    this.use(
      'sy_ev',
      `SELECT e.customer_id,\n    ${columns}\n  FROM events e\n  WHERE ${filters.join(' AND ')}\n  GROUP BY e.customer_id`,
      'LEFT JOIN sy_ev ON sy_ev.customer_id = c.id',
    );
  }
}

/**
 * The whole evaluation as one statement. A customer exists in an evaluation only from
 * the time it was first seen. With `customerIds`, only those customers are evaluated
 * (incremental, same compiled rule; RFM scores are still over the whole workspace).
 */
export function compileSegmentQuery(
  rule: Rule,
  workspaceId: string,
  asOf: Date,
  customerIds?: readonly string[],
  context: RuleCompileContext = {},
): CompiledSegmentQuery {
  const builder = new RuleQueryBuilder(workspaceId, asOf, context);
  const where = builder.expression(rule);
  return builder.build('c.id', { where, ...(customerIds ? { customerIds } : {}) });
}
