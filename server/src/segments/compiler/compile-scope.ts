import type { Rule } from '@switchyard/contracts';
import type { SqlParams } from './sql-params.js';

/** What the caller knows about the workspace beyond the rule itself. */
export interface RuleCompileContext {
  /** The workspace's segment rules by id; `{segment: id}` inlines the rule found here. */
  segments?: ReadonlyMap<string, Rule>;
}

/** Workspace-wide helper tables (CTEs) of the statement being built. */
export interface WorkspaceCtes {
  /** Placeholder of the workspace id. */
  readonly workspaceRef: string;
  /**
   * Registers `WITH name AS (cteSql)` and its `join` once per name; `make` runs only the
   * first time, so its bind parameters are added only once.
   */
  once(name: string, make: () => { cteSql: string; join: string }): void;
}

/**
 * Event conditions of a builder's statement as columns of one `GROUP BY customer_id` pass
 * over the workspace's events (the way one writes it by hand), instead of one correlated
 * subquery per condition and customer.
 */
export interface GroupedEventColumns {
  /**
   * The column measuring `key` (an aggregate with a FILTER written by `make`, called only
   * the first time a key is seen) over events named `event`.
   */
  add(key: string, event: string, make: () => string): string;
}

/** Everything a condition compiler needs besides its condition. */
export interface CompileScope {
  readonly params: SqlParams;
  /** Placeholder of the evaluation time. */
  readonly asOf: string;
  readonly segments: ReadonlyMap<string, Rule> | undefined;
  /** Ids of the segments being inlined, outermost first (guards against cycles). */
  readonly trail: readonly string[];
  /** Only inside a RuleQueryBuilder; conditions that need a CTE refuse to compile without. */
  readonly ctes: WorkspaceCtes | undefined;
  /** Only inside a RuleQueryBuilder: event conditions become grouped columns. */
  readonly events?: GroupedEventColumns | undefined;
}

/** Compiles a (sub)rule in a scope: passed to condition compilers that recurse. */
export type CompileRule = (rule: Rule, scope: CompileScope) => string;
