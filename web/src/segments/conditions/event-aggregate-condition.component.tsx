import {
  aggregateFns,
  comparisonOps,
  type AggregateFn,
  type ComparisonOp,
} from '@switchyard/contracts';
import { rowErrorKey, type EventAggregateRow, type FormErrors } from '../rule-form/rule-form.model';
import { aggregateFnLabels, comparisonOpLabels } from '../rule-form/rule-labels';
import { addFilter, removeFilter, replaceFilter } from '../rule-form/rule-form.update';
import { FieldErrors } from './field-error.component';
import { PropertyFilterRowView } from './property-filter.component';

interface Props {
  index: number;
  row: EventAggregateRow;
  errors: FormErrors;
  onChange: (row: EventAggregateRow) => void;
}

/** "<event>: count (or sum of <property>) <op> <n> [in the last N days] [where ...]" */
export function EventAggregateCondition({ index, row, errors, onChange }: Props) {
  const t = `condition-${index}`;
  const err = (field: string) => errors[rowErrorKey(row, field)];
  const invalid = (field: string) => (err(field) ? 'input--invalid' : '');
  return (
    <>
      <div className="condition__fields">
        <input
          type="text"
          className={invalid('event')}
          data-testid={`${t}-event`}
          value={row.event}
          placeholder="event, e.g. Order Completed"
          onChange={(e) => onChange({ ...row, event: e.target.value })}
          aria-label="event"
        />
        <select
          data-testid={`${t}-fn`}
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
          <input
            type="text"
            className={`input--narrow ${invalid('property')}`}
            data-testid={`${t}-property`}
            value={row.property}
            placeholder="property, e.g. total"
            onChange={(e) => onChange({ ...row, property: e.target.value })}
            aria-label="property"
          />
        )}
        <select
          className="select--compact"
          data-testid={`${t}-op`}
          value={row.op}
          onChange={(e) => onChange({ ...row, op: e.target.value as ComparisonOp })}
          aria-label="operator"
        >
          {comparisonOps.map((op) => (
            <option key={op} value={op}>
              {comparisonOpLabels[op]}
            </option>
          ))}
        </select>
        <input
          type="number"
          className={`input--narrow ${invalid('value')}`}
          data-testid={`${t}-value`}
          value={row.value}
          onChange={(e) => onChange({ ...row, value: e.target.value })}
          aria-label="number"
        />
        <span className="muted">in the last</span>
        <input
          type="number"
          min={1}
          step={1}
          className={`input--narrow ${invalid('windowDays')}`}
          data-testid={`${t}-window`}
          value={row.windowDays}
          placeholder="all time"
          onChange={(e) => onChange({ ...row, windowDays: e.target.value })}
          aria-label="window in days"
        />
        <span className="muted">days</span>
      </div>
      {row.filters.map((filter, j) => (
        <PropertyFilterRowView
          key={filter.key}
          testId={`${t}-filter-${j}`}
          row={row}
          filter={filter}
          errors={errors}
          onChange={(next) => onChange({ ...row, filters: replaceFilter(row.filters, next) })}
          onRemove={() => onChange({ ...row, filters: removeFilter(row.filters, filter.key) })}
        />
      ))}
      <button
        type="button"
        className="link-button condition__add-filter"
        data-testid={`${t}-add-filter`}
        onClick={() => onChange({ ...row, filters: addFilter(row.filters) })}
      >
        + where property…
      </button>
      <FieldErrors
        testId={`${t}-errors`}
        errors={[
          err('event') && `Event ${err('event')}`,
          err('property') && `Property ${err('property')}`,
          err('value') && `Number ${err('value')}`,
          err('windowDays') && `Window ${err('windowDays')}`,
          err('row'),
        ]}
      />
    </>
  );
}
