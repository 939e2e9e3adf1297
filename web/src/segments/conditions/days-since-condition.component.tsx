import { comparisonOps, type ComparisonOp } from '@switchyard/contracts';
import { rowErrorKey, type DaysSinceLastRow, type FormErrors } from '../rule-form/rule-form.model';
import { comparisonOpLabels } from '../rule-form/rule-labels';
import { FieldErrors } from './field-error.component';

interface Props {
  index: number;
  row: DaysSinceLastRow;
  errors: FormErrors;
  onChange: (row: DaysSinceLastRow) => void;
}

/** "days since last <event> <op> <n>" */
export function DaysSinceCondition({ index, row, errors, onChange }: Props) {
  const t = `condition-${index}`;
  const err = (field: string) => errors[rowErrorKey(row, field)];
  return (
    <>
      <div className="condition__fields">
        <span className="muted">days since last</span>
        <input
          type="text"
          className={err('event') ? 'input--invalid' : undefined}
          data-testid={`${t}-event`}
          value={row.event}
          placeholder="event, e.g. Visit"
          onChange={(e) => onChange({ ...row, event: e.target.value })}
          aria-label="event"
        />
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
          className={`input--narrow ${err('value') ? 'input--invalid' : ''}`}
          data-testid={`${t}-value`}
          value={row.value}
          onChange={(e) => onChange({ ...row, value: e.target.value })}
          aria-label="days"
        />
        <span className="muted">days</span>
      </div>
      <FieldErrors
        testId={`${t}-errors`}
        errors={[
          err('event') && `Event ${err('event')}`,
          err('value') && `Days ${err('value')}`,
          err('row'),
        ]}
      />
    </>
  );
}
