import type { PropertyFilter } from '@switchyard/contracts';
import { useEventProperties } from '../../catalog/use-catalog.hook';
import { EventFilters } from '../../segments/fields/event-filters.component';
import type { PropertyFilterRow } from '../../segments/rule-form/rule-form.model';
import { FILTERS_OWNER, filtersToRows, rowsToFilters } from './property-filters.convert';
import { useSyncedDraft } from './use-synced-draft.hook';

interface Props {
  id: string;
  label: string;
  description?: string | undefined;
  /** The event whose properties are offered. */
  event: string;
  value: unknown;
  error: string | undefined;
  onChange: (filters: PropertyFilter[] | undefined) => void;
}

/** "where <property> <op> <value>" rows for a node setting holding property filters. */
export function FiltersField({ id, label, description, event, value, error, onChange }: Props) {
  const properties = useEventProperties(event);
  const [rows, commit] = useSyncedDraft<unknown, PropertyFilterRow[]>(
    value,
    (where) => filtersToRows(where),
    (where) => onChange(where as PropertyFilter[] | undefined),
  );
  const checked = rowsToFilters(rows);
  const setRows = (next: PropertyFilterRow[]) => {
    const result = rowsToFilters(next);
    if (result.ok) commit(next, { value: result.filters.length ? result.filters : undefined });
    else commit(next);
  };
  return (
    <div className={`field${error ? ' field--invalid' : ''}`} data-testid={id}>
      <span className="field__label">{label}</span>
      {description && <p className="field__description">{description}</p>}
      <div className="event-where">
        <EventFilters
          testId={id}
          rowKey={FILTERS_OWNER.key}
          filters={rows}
          properties={properties.state === 'ready' ? properties.data : []}
          errors={checked.ok ? {} : checked.errors}
          onChange={setRows}
        />
      </div>
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}
