import type { CatalogField } from '@switchyard/contracts';
import type { FormErrors, PropertyFilterRow } from '../rule-form/rule-form.model';
import { addFilter, removeFilter, replaceFilter } from '../rule-form/rule-form.update';
import { PropertyFilterRowView } from './property-filter.component';

interface Props {
  testId: string;
  rowKey: string;
  filters: PropertyFilterRow[];
  properties: readonly CatalogField[];
  errors: FormErrors;
  onChange: (filters: PropertyFilterRow[]) => void;
}

/** The "where <property> …" filters of an event condition, every one must hold. */
export function EventFilters({ testId, rowKey, filters, properties, errors, onChange }: Props) {
  return (
    <>
      {filters.map((filter, j) => (
        <PropertyFilterRowView
          key={filter.key}
          testId={`${testId}-filter-${j}`}
          rowKey={rowKey}
          filter={filter}
          properties={properties}
          errors={errors}
          onChange={(next) => onChange(replaceFilter(filters, next))}
          onRemove={() => onChange(removeFilter(filters, filter.key))}
        />
      ))}
      <button
        type="button"
        className="link-button condition__add-filter"
        data-testid={`${testId}-add-filter`}
        onClick={() => onChange(addFilter(filters))}
      >
        + where property…
      </button>
    </>
  );
}
