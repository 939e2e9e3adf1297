import { type LocationCondition, locationTraitPaths } from '@switchyard/contracts';
import type { CompileScope } from './compile-scope.js';
import { jsonPath } from './sql-params.js';

/**
 * The customer's place at that level (top-level trait, else the Segment address field),
 * compared with the listed places ignoring case. `notIn` is the plain negation.
 */
export function locationConditionSql(c: LocationCondition, { params }: CompileScope): string {
  const [primary, fallback] = locationTraitPaths[c.location];
  const place = `coalesce(c.traits #>> ${params.add(jsonPath(primary), 'text[]')}, c.traits #>> ${params.add(jsonPath(fallback), 'text[]')})`;
  const listed = `coalesce(lower(${place}) = ANY(SELECT lower(p) FROM unnest(${params.add(c.value, 'text[]')}) AS p), false)`;
  switch (c.op) {
    case 'in':
      return `(${listed})`;
    case 'notIn':
      return `(NOT ${listed})`;
    default: {
      const never: never = c.op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}
