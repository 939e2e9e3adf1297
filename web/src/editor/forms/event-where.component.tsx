import type { PropertyFilter } from '@switchyard/contracts';
import { useEventProperties, useEvents } from '../../catalog/use-catalog.hook';
import { EventFilters } from '../../segments/fields/event-filters.component';
import { EventPicker } from '../../segments/fields/event-picker.component';
import type { PropertyFilterRow } from '../../segments/rule-form/rule-form.model';
import { FILTERS_OWNER, filtersToRows, rowsToFilters } from './property-filters.convert';
import { useSyncedDraft } from './use-synced-draft.hook';

export interface EventWhereValue {
  event: string;
  where?: PropertyFilter[];
}

interface Props {
  testId: string;
  value: EventWhereValue;
  eventError?: string | undefined;
  onChange: (value: EventWhereValue) => void;
}

/** An event name (the workspace's events offered) and "where <property> …" filters. */
export function EventWhere({ testId, value, eventError, onChange }: Props) {
  const events = useEvents();
  const properties = useEventProperties(value.event);
  const [rows, commit] = useSyncedDraft<PropertyFilter[] | undefined, PropertyFilterRow[]>(
    value.where,
    (where) => filtersToRows(where),
    (where) => onChange(withWhere(value.event, where)),
  );
  const checked = rowsToFilters(rows);
  const errors = checked.ok ? {} : checked.errors;

  const setRows = (next: PropertyFilterRow[]) => {
    const result = rowsToFilters(next);
    if (result.ok) commit(next, { value: result.filters.length ? result.filters : undefined });
    else commit(next);
  };

  return (
    <div className="event-where" data-testid={testId}>
      <div className="event-where__event">
        <EventPicker
          testId={testId}
          value={value.event}
          events={events.state === 'ready' ? events.data : []}
          invalid={Boolean(eventError)}
          onChange={(event) => onChange(withWhere(event, value.where))}
        />
      </div>
      {eventError && (
        <p className="field__error" data-testid={`${testId}-event-error`}>
          {eventError}
        </p>
      )}
      <EventFilters
        testId={testId}
        rowKey={FILTERS_OWNER.key}
        filters={rows}
        properties={properties.state === 'ready' ? properties.data : []}
        errors={errors}
        onChange={setRows}
      />
    </div>
  );
}

function withWhere(event: string, where: PropertyFilter[] | undefined): EventWhereValue {
  return where && where.length > 0 ? { event, where } : { event };
}
