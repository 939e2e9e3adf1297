import { aggregateFns, type AggregateFn } from '@switchyard/contracts';
import { listOf } from '../../catalog/catalog.store';
import { useEventProperties, useEvents } from '../../catalog/use-catalog.hook';
import { EventFilters } from '../fields/event-filters.component';
import { EventWindowInput } from '../fields/event-window.component';
import { EventPicker } from '../fields/event-picker.component';
import { FieldErrors } from '../fields/field-error.component';
import { fieldOptions } from '../fields/field-options';
import { FieldPicker } from '../fields/field-picker.component';
import { NumericValue } from '../fields/numeric-value.component';
import type { EventAggregateRow } from '../rule-form/rule-form.model';
import { aggregateFnLabels } from '../rule-form/rule-labels';
import { fieldError, type ConditionProps } from './condition-props';

/** "<event>: count (or sum of <property>, …) <op> <n> <window> [where …]" */
export function EventAggregateCondition({
  testId,
  row,
  errors,
  onChange,
}: ConditionProps<EventAggregateRow>) {
  const events = listOf(useEvents());
  const properties = listOf(useEventProperties(row.event));
  const err = fieldError(errors, row);
  // Sums and averages need numbers; a distinct count takes any property.
  const aggregatable =
    row.fn === 'countDistinct' ? properties : properties.filter((p) => p.type === 'number');
  return (
    <>
      <div className="condition__fields">
        <EventPicker
          testId={testId}
          value={row.event}
          events={events}
          invalid={Boolean(err('event'))}
          onChange={(event) => onChange({ ...row, event })}
        />
        <select
          data-testid={`${testId}-fn`}
          value={row.fn}
          onChange={(e) => onChange({ ...row, fn: e.target.value as AggregateFn })}
          aria-label="measure"
        >
          {aggregateFns.map((fn) => (
            <option key={fn} value={fn}>
              {aggregateFnLabels[fn]}
            </option>
          ))}
        </select>
        {row.fn !== 'count' && (
          <FieldPicker
            testId={`${testId}-property`}
            label="property"
            value={row.property}
            options={fieldOptions(aggregatable)}
            placeholder="property, e.g. total"
            narrow
            invalid={Boolean(err('property'))}
            onChange={(property) => onChange({ ...row, property })}
          />
        )}
        <NumericValue
          testId={testId}
          op={row.op}
          value={row.value}
          valueTo={row.valueTo}
          invalid={Boolean(err('value'))}
          onChange={(patch) => onChange({ ...row, ...patch })}
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
          err('fn') && `Measure ${err('fn')}`,
          err('property') && `Property ${err('property')}`,
          err('value') && `Number ${err('value')}`,
          err('window') && `Time window ${err('window')}`,
          err('row'),
        ]}
      />
    </>
  );
}
