import { Injectable } from '@nestjs/common';
import type { PropertyFilter, Rule } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import { selectOne, selectRows } from '../../database/sql.util.js';
import { RuleQueryBuilder } from '../../segments/compiler/rule-compiler.js';
import { SqlParams } from '../../segments/compiler/sql-params.js';
import { loadRuleContext } from '../../segments/segment-references.js';
import { eventMatchSql } from './event-match.sql.js';

export interface EventQuery {
  name: string;
  where?: readonly PropertyFilter[] | undefined;
  /** Events at or after this time ... */
  since: Date;
  /** ... and at or before this one. */
  until: Date;
}

/**
 * Questions a step asks about one customer, answered by the segment compiler and the
 * events table: "does the customer match this rule now?" (condition branches) and "did
 * the customer do this event in this window?" (event waits, goals).
 */
@Injectable()
export class CustomerRulesService {
  /** `traitsOver`: traits taken as merged over the stored ones (a dry run's earlier steps). */
  async matches(
    em: EntityManager,
    workspaceId: string,
    customerId: string,
    rule: Rule,
    asOf: Date,
    traitsOver?: Record<string, unknown>,
  ): Promise<boolean> {
    return (
      await this.matchingCustomers(em, workspaceId, [customerId], rule, asOf, traitsOver)
    ).has(customerId);
  }

  /** Which of these customers match the rule as of `asOf`: one query for all of them. */
  async matchingCustomers(
    em: EntityManager,
    workspaceId: string,
    customerIds: readonly string[],
    rule: Rule,
    asOf: Date,
    traitsOver?: Record<string, unknown>,
  ): Promise<Set<string>> {
    const context = await loadRuleContext(em, workspaceId, rule);
    const builder = new RuleQueryBuilder(workspaceId, asOf, context);
    const where = builder.expression(rule);
    const query = builder.build('c.id', {
      where,
      customerIds: [...customerIds],
      ...(traitsOver && Object.keys(traitsOver).length > 0 ? { traitsOver } : {}),
    });
    const rows = await selectRows<{ id: string | number }>(em, query.sql, query.params);
    return new Set(rows.map((row) => String(row.id)));
  }

  /** The earliest matching event in the window, or undefined. */
  async firstEvent(
    em: EntityManager,
    customerId: string,
    event: EventQuery,
  ): Promise<{ id: string; ts: Date } | undefined> {
    const params = new SqlParams([customerId, event.since, event.until]);
    // Date operators in filters read relative to the event's own time (as stats do).
    const match = eventMatchSql('e', event.name, event.where, params, 'e.ts');
    return selectOne<{ id: string; ts: Date }>(
      em,
      `SELECT e.id::text AS id, e.ts FROM events e
        WHERE e.customer_id = $1::bigint AND e.ts >= $2::timestamptz AND e.ts <= $3::timestamptz AND ${match}
        ORDER BY e.ts, e.id LIMIT 1`,
      params.values,
    );
  }
}
