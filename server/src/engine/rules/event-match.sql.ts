import type { PropertyFilter } from '@switchyard/contracts';
import { fieldConditionSql } from '../../segments/compiler/condition-sql.js';
import type { SqlParams } from '../../segments/compiler/sql-params.js';

/**
 * SQL boolean over an `events` row aliased `alias`: named `name` and matching every
 * property filter (the rule language's `where`, same semantics as in segments).
 * `asOf` is the placeholder date-relative operators compare with.
 */
export function eventMatchSql(
  alias: string,
  name: string,
  where: readonly PropertyFilter[] | undefined,
  params: SqlParams,
  asOf: string,
): string {
  const tests = [`${alias}.name = ${params.add(name, 'text')}`];
  for (const filter of where ?? [])
    tests.push(
      `coalesce(${fieldConditionSql(`${alias}.properties`, filter.property, filter.op, filter.value, params, asOf)}, false)`,
    );
  return tests.join(' AND ');
}
