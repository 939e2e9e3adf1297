import type { NumericOp, NumericValue } from '@switchyard/contracts';
import type { SqlParams } from './sql-params.js';

/** `expr <op> value` with the value bound as numeric; NULL when `expr` is NULL. */
export function numericComparison(
  expr: string,
  op: NumericOp,
  value: NumericValue,
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
      const [low, high] = Array.isArray(value) ? value : [value, value];
      return `(${expr} BETWEEN ${params.add(low, 'numeric')} AND ${params.add(high, 'numeric')})`;
    }
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}
