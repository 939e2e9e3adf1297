import { listOf } from '../../catalog/catalog.store';
import { useEventProperties, useEvents } from '../../catalog/use-catalog.hook';
import { EventFilters } from '../fields/event-filters.component';
import { EventWindowInput } from '../fields/event-window.component';
import { EventPicker } from '../fields/event-picker.component';
import { FieldErrors } from '../fields/field-error.component';
import type { EventNeverRow } from '../rule-form/rule-form.model';
import { fieldError, type ConditionProps } from './condition-props';

/** "never did <event> <window> [where …]" */
export function EventNeverCondition({
  testId,
  row,
  errors,
  onChange,
}: ConditionProps<EventNeverRow>) {
  const events = listOf(useEvents());
  const properties = listOf(useEventProperties(row.event));
  const err = fieldError(errors, row);
  return (
    <>
      <div className="condition__fields">
        <span className="muted">never did</span>
        <EventPicker
          testId={testId}
          value={row.event}
          events={events}
          invalid={Boolean(err('event'))}
          onChange={(event) => onChange({ ...row, event })}
        />
        <EventWindowInput
          testId={testId}
          window={row.window}
          invalid={Boolean(err('window'))}
          onChange={(window) => onChange({ ...row, window })}
        />
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
          err('window') && `Time window ${err('window')}`,
          err('row'),
        ]}
      />
    </>
  );
}
