import { eventMeasures, type EventMeasure } from '@switchyard/contracts';
import { listOf } from '../../catalog/catalog.store';
import { useEventProperties, useEvents } from '../../catalog/use-catalog.hook';
import { EventFilters } from '../fields/event-filters.component';
import { EventPicker } from '../fields/event-picker.component';
import { FieldErrors } from '../fields/field-error.component';
import { NumericValue } from '../fields/numeric-value.component';
import type { EventMeasureRow } from '../rule-form/rule-form.model';
import { eventMeasureLabels } from '../rule-form/rule-labels';
import { fieldError, type ConditionProps } from './condition-props';

/** "days since the last (first) <event> <op> <n> days [where …]" */
export function EventMeasureCondition({
  testId,
  row,
  errors,
  onChange,
}: ConditionProps<EventMeasureRow>) {
  const events = listOf(useEvents());
  const properties = listOf(useEventProperties(row.event));
  const err = fieldError(errors, row);
  return (
    <>
      <div className="condition__fields">
        <select
          data-testid={`${testId}-measure`}
          value={row.measure}
          onChange={(e) => onChange({ ...row, measure: e.target.value as EventMeasure })}
          aria-label="measure"
        >
          {eventMeasures.map((m) => (
            <option key={m} value={m}>
              {eventMeasureLabels[m]}
            </option>
          ))}
        </select>
        <EventPicker
          testId={testId}
          value={row.event}
          events={events}
          invalid={Boolean(err('event'))}
          placeholder="event, e.g. Visit"
          onChange={(event) => onChange({ ...row, event })}
        />
        <NumericValue
          testId={testId}
          op={row.op}
          value={row.value}
          valueTo={row.valueTo}
          min={0}
          invalid={Boolean(err('value'))}
          onChange={(patch) => onChange({ ...row, ...patch })}
        />
        <span className="muted">days</span>
      </div>
      <EventFilters
        testId={testId}
        rowKey={row.key}
        filters={row.filters}
        properties={properties}
        errors={errors}
        onChange={(filters) => onChange({ ...row, filters })}
      />
      <FieldErrors
        testId={`${testId}-errors`}
        errors={[
          err('event') && `Event ${err('event')}`,
          err('value') && `Days ${err('value')}`,
          err('row'),
        ]}
      />
    </>
  );
}
