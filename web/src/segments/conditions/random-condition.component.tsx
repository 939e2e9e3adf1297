import { FieldErrors } from '../fields/field-error.component';
import type { RandomRow } from '../rule-form/rule-form.model';
import { fieldError, type ConditionProps } from './condition-props';

/** "a random <n>% of customers (salt)": the same salt always picks the same customers. */
export function RandomCondition({ testId, row, errors, onChange }: ConditionProps<RandomRow>) {
  const err = fieldError(errors, row);
  return (
    <>
      <div className="condition__fields">
        <span className="muted">a random</span>
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          className={`input--narrow ${err('percent') ? 'input--invalid' : ''}`}
          data-testid={`${testId}-percent`}
          value={row.percent}
          onChange={(e) => onChange({ ...row, percent: e.target.value })}
          aria-label="percent of customers"
        />
        <span className="muted">% of customers, split key</span>
        <input
          type="text"
          className={`input--narrow ${err('salt') ? 'input--invalid' : ''}`}
          data-testid={`${testId}-salt`}
          value={row.salt}
          onChange={(e) => onChange({ ...row, salt: e.target.value })}
          aria-label="split key"
        />
      </div>
      <p className="muted small condition__hint">
        The same split key always picks the same customers: use it with NOT in another segment for
        the control group.
      </p>
      <FieldErrors
        testId={`${testId}-errors`}
        errors={[
          err('percent') && `Percent ${err('percent')}`,
          err('salt') && `Split key ${err('salt')}`,
          err('row'),
        ]}
      />
    </>
  );
}
