import {
  emptyFilter,
  emptyRow,
  type ConditionKind,
  type ConditionRow,
  type PropertyFilterRow,
  type RuleFormState,
} from './rule-form.model';

/** Immutable edits of the segment form, used by the condition components. */

export function addRow(form: RuleFormState, kind: ConditionKind = 'attribute'): RuleFormState {
  return { ...form, rows: [...form.rows, emptyRow(kind)] };
}

export function removeRow(form: RuleFormState, key: string): RuleFormState {
  return { ...form, rows: form.rows.filter((r) => r.key !== key) };
}

export function replaceRow(form: RuleFormState, row: ConditionRow): RuleFormState {
  return { ...form, rows: form.rows.map((r) => (r.key === row.key ? row : r)) };
}

/** A new kind keeps the row's key (and its event name where both have one). */
export function changeKind(row: ConditionRow, kind: ConditionKind): ConditionRow {
  if (row.kind === kind) return row;
  const next = emptyRow(kind, row.key);
  if ('event' in row && 'event' in next) next.event = row.event;
  return next;
}

export function addFilter(filters: readonly PropertyFilterRow[]): PropertyFilterRow[] {
  return [...filters, emptyFilter()];
}

export function replaceFilter(
  filters: readonly PropertyFilterRow[],
  filter: PropertyFilterRow,
): PropertyFilterRow[] {
  return filters.map((f) => (f.key === filter.key ? filter : f));
}

export function removeFilter(
  filters: readonly PropertyFilterRow[],
  key: string,
): PropertyFilterRow[] {
  return filters.filter((f) => f.key !== key);
}
