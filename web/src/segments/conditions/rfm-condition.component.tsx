import {
  RFM_DEFAULT_EVENT,
  RFM_DEFAULT_PROPERTY,
  rfmMetrics,
  type RfmMetric,
} from '@switchyard/contracts';
import { listOf } from '../../catalog/catalog.store';
import { useEvents } from '../../catalog/use-catalog.hook';
import { FieldErrors } from '../fields/field-error.component';
import { eventOptions } from '../fields/field-options';
import { FieldPicker } from '../fields/field-picker.component';
import { NumericValue } from '../fields/numeric-value.component';
import type { RfmRow } from '../rule-form/rule-form.model';
import { rfmMetricLabels } from '../rule-form/rule-labels';
import { fieldError, type ConditionProps } from './condition-props';

/** "<Recency> score <op> <1-5>", quintiles over customers with at least one order. */
export function RfmCondition({ testId, row, errors, onChange }: ConditionProps<RfmRow>) {
  const events = listOf(useEvents());
  const err = fieldError(errors, row);
  return (
    <>
      <div className="condition__fields">
        <select
          data-testid={`${testId}-metric`}
          value={row.metric}
          onChange={(e) => {
            const metric = e.target.value as RfmMetric;
            onChange({ ...row, metric, property: metric === 'monetary' ? row.property : '' });
          }}
          aria-label="RFM metric"
        >
          {rfmMetrics.map((m) => (
            <option key={m} value={m}>
              {rfmMetricLabels[m].label}
            </option>
          ))}
        </select>
        <span className="muted">score</span>
        <NumericValue
          testId={testId}
          op={row.op}
          value={row.value}
          valueTo={row.valueTo}
          min={1}
          max={5}
          invalid={Boolean(err('value'))}
          onChange={(patch) => onChange({ ...row, ...patch })}
        />
        <span className="muted small">{rfmMetricLabels[row.metric].hint}</span>
      </div>
      <div className="condition__fields condition__fields--secondary">
        <span className="muted small">from</span>
        <FieldPicker
          testId={`${testId}-event`}
          label="order event"
          value={row.event}
          options={eventOptions(events)}
          placeholder={RFM_DEFAULT_EVENT}
          invalid={Boolean(err('event'))}
          onChange={(event) => onChange({ ...row, event })}
        />
        {row.metric === 'monetary' && (
          <>
            <span className="muted small">summing</span>
            <input
              type="text"
              className={`input--narrow ${err('property') ? 'input--invalid' : ''}`}
              data-testid={`${testId}-property`}
              value={row.property}
              placeholder={RFM_DEFAULT_PROPERTY}
              onChange={(e) => onChange({ ...row, property: e.target.value })}
              aria-label="amount property"
            />
          </>
        )}
      </div>
      <FieldErrors
        testId={`${testId}-errors`}
        errors={[
          err('value') && `Score ${err('value')}`,
          err('event') && `Event ${err('event')}`,
          err('property') && `Property ${err('property')}`,
          err('row'),
        ]}
      />
    </>
  );
}
