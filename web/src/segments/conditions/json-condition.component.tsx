import { FieldErrors } from '../fields/field-error.component';
import type { JsonRow } from '../rule-form/rule-form.model';
import { fieldError, type ConditionProps } from './condition-props';

/** A condition written in the rule language itself, for what the form has no fields for. */
export function JsonCondition({ testId, row, errors, onChange }: ConditionProps<JsonRow>) {
  const err = fieldError(errors, row);
  return (
    <>
      <textarea
        className={err('text') ? 'input--invalid' : undefined}
        data-testid={`${testId}-json`}
        rows={Math.min(12, Math.max(3, row.text.split('\n').length))}
        value={row.text}
        placeholder='{"attribute": "plan", "op": "eq", "value": "gold"}'
        onChange={(e) => onChange({ ...row, text: e.target.value })}
        aria-label="condition as JSON"
        spellCheck={false}
      />
      <FieldErrors testId={`${testId}-errors`} errors={[err('text') && `JSON ${err('text')}`]} />
    </>
  );
}
