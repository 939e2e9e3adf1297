import {
  propertyFilterSchema,
  type ConditionValue,
  type PropertyFilter,
} from '@switchyard/contracts';
import {
  emptyFilter,
  filterErrorKey,
  nextKey,
  type FormErrors,
  type PropertyFilterRow,
} from '../../segments/rule-form/rule-form.model';
import { parseConditionValue, valueToInput } from '../../segments/rule-form/rule-form.values';

/** The owner key the filter rows' error keys hang off (see filterErrorKey). */
export const FILTERS_OWNER = { key: 'where' };

/** Stored `where` filters as editable rows; a filter the rows cannot show is kept as text. */
export function filtersToRows(
  where: unknown,
  makeKey: () => string = nextKey,
): PropertyFilterRow[] {
  if (!Array.isArray(where)) return [];
  return where.flatMap((raw): PropertyFilterRow[] => {
    const parsed = propertyFilterSchema.safeParse(raw);
    if (!parsed.success) return [];
    const { property, op, value } = parsed.data;
    const input = valueToInput(op, value as ConditionValue | undefined, value !== undefined);
    const row = emptyFilter(makeKey());
    return [{ ...row, property, op, ...(input ?? { value: String(value ?? '') }) }];
  });
}

export type FiltersResult =
  { ok: true; filters: PropertyFilter[] } | { ok: false; errors: FormErrors };

/** Rows back to filters, checked with the contracts' propertyFilterSchema. */
export function rowsToFilters(rows: readonly PropertyFilterRow[]): FiltersResult {
  const errors: FormErrors = {};
  const filters: PropertyFilter[] = [];
  for (const row of rows) {
    const key = (field: string) => filterErrorKey(FILTERS_OWNER, row, field);
    const property = row.property.trim();
    if (!property) errors[key('property')] = 'must not be empty';
    const value = parseConditionValue(row.op, row);
    if (!value.ok) {
      errors[key('value')] = value.message;
      continue;
    }
    const filter: PropertyFilter = { property, op: row.op };
    if (value.value !== undefined) filter.value = value.value;
    const checked = propertyFilterSchema.safeParse(filter);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? 'value');
        errors[key(field === 'op' ? 'op' : field)] ??= issue.message;
      }
      continue;
    }
    filters.push(filter);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, filters };
}
