import { createHash } from 'node:crypto';
import {
  RFM_DEFAULT_EVENT,
  RFM_DEFAULT_PROPERTY,
  type RfmCondition,
  type RfmMetric,
} from '@switchyard/contracts';
import type { CompileScope } from './compile-scope.js';
import { numericComparison } from './numeric-comparison.sql.js';
import { jsonPath, numericSql } from './sql-params.js';

const SCORE_COLUMN: Readonly<Record<RfmMetric, string>> = {
  recency: 'recency',
  frequency: 'frequency',
  monetary: 'monetary',
};

/**
 * RFM scores as of the evaluation time: one CTE per (event, property) with a row per
 * customer that has at least one such event by then (and was first seen by then), scored
 * `ntile(5)` by last event time / number of events / sum of the property, ties broken by
 * customer id. Joined on the customer; a customer without a row has no score (false).
 */
export function rfmConditionSql(c: RfmCondition, scope: CompileScope): string {
  const { ctes, params, asOf } = scope;
  if (!ctes)
    throw new Error(
      'rfm conditions need workspace-wide scores: compile them with RuleQueryBuilder',
    );
  const event = c.event ?? RFM_DEFAULT_EVENT;
  const property = c.property ?? RFM_DEFAULT_PROPERTY;
  // A hash of the (validated) names only picks the CTE's identifier; the names themselves
  // are bind parameters.
  const name = `sy_rfm_${createHash('md5')
    .update(JSON.stringify([event, property]))
    .digest('hex')
    .slice(0, 16)}`;
  ctes.once(name, () => {
    const path = params.add(jsonPath(property), 'text[]');
    return {
      cteSql: `SELECT m.customer_id,
        ntile(5) OVER (ORDER BY m.last_at, m.customer_id) AS recency,
        ntile(5) OVER (ORDER BY m.orders, m.customer_id) AS frequency,
        ntile(5) OVER (ORDER BY m.spend, m.customer_id) AS monetary
      FROM (
        SELECT e.customer_id, max(e.ts) AS last_at, count(*) AS orders,
          coalesce(sum(${numericSql(`(e.properties #> ${path})`, `(e.properties #>> ${path})`)}), 0) AS spend
        FROM events e JOIN customers rc ON rc.id = e.customer_id
        WHERE e.workspace_id = ${ctes.workspaceRef} AND e.name = ${params.add(event, 'text')}
          AND e.ts <= ${asOf} AND rc.first_seen_at <= ${asOf}
        GROUP BY e.customer_id
      ) m`,
      join: `LEFT JOIN ${name} ON ${name}.customer_id = c.id`,
    };
  });
  const score = `${name}.${SCORE_COLUMN[c.rfm]}`;
  return `coalesce(${numericComparison(score, c.op, c.value, params)}, false)`;
}
