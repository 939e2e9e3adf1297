import { attributeOps, type AttributeOp, type CatalogValueType } from '@switchyard/contracts';
import type { ValueType } from './rule-form.model';

/** Which operators fit a trait (or property) of a known type, and how its value is read. */

const OPS_BY_TYPE: Record<CatalogValueType, readonly AttributeOp[]> = {
  string: ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'exists', 'missing'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'exists', 'missing'],
  boolean: ['eq', 'neq', 'exists', 'missing'],
  date: [
    'withinLastDays',
    'moreThanDaysAgo',
    'gt',
    'lt',
    'between',
    'anniversaryThisMonth',
    'exists',
    'missing',
  ],
  list: ['contains', 'in', 'notIn', 'exists', 'missing'],
};

const VALUE_TYPE: Record<CatalogValueType, ValueType> = {
  string: 'text',
  number: 'number',
  boolean: 'boolean',
  date: 'text',
  list: 'text',
};

/** Operators offered for `type` (all for an unknown field); `current` is always kept. */
export function opsFor(type: CatalogValueType | null, current?: AttributeOp): AttributeOp[] {
  const fitting = type ? OPS_BY_TYPE[type] : attributeOps;
  const ops = attributeOps.filter((op) => fitting.includes(op));
  return current && !ops.includes(current)
    ? attributeOps.filter((op) => ops.includes(op) || op === current)
    : ops;
}

export function valueTypeFor(type: CatalogValueType): ValueType {
  return VALUE_TYPE[type];
}

interface Typed {
  op: AttributeOp;
  valueType: ValueType;
}

/**
 * After a field of `type` is picked: an operator that does not fit becomes the type's
 * first, and the value is read as the type says (a date stays text).
 */
export function fitToType<T extends Typed>(row: T, type: CatalogValueType | null): T {
  if (!type) return row;
  const fitting = OPS_BY_TYPE[type];
  const op = fitting.includes(row.op) ? row.op : (fitting[0] ?? row.op);
  return { ...row, op, valueType: VALUE_TYPE[type] };
}
