import { ConditionRowView } from './conditions/condition-row.component';
import {
  RULE_ERROR_KEY,
  type Combinator,
  type FormErrors,
  type RuleFormState,
} from './rule-form/rule-form.model';
import { addRow, removeRow, replaceRow } from './rule-form/rule-form.update';

interface Props {
  form: RuleFormState;
  errors: FormErrors;
  onChange: (form: RuleFormState) => void;
}

const COMBINATORS: { value: Combinator; label: string; hint: string }[] = [
  { value: 'all', label: 'ALL', hint: 'customers who match every condition' },
  { value: 'any', label: 'ANY', hint: 'customers who match at least one condition' },
];

/** Match ALL / ANY of a list of conditions. */
export function RuleBuilder({ form, errors, onChange }: Props) {
  const active = COMBINATORS.find((c) => c.value === form.combinator);
  return (
    <div className="rule-builder">
      <div className="rule-builder__combinator">
        <span>Match</span>
        <div className="segmented" role="group" aria-label="Match all or any">
          {COMBINATORS.map((c) => (
            <button
              key={c.value}
              type="button"
              aria-pressed={form.combinator === c.value}
              data-testid={`segment-combinator-${c.value}`}
              className={form.combinator === c.value ? 'segmented__on' : undefined}
              onClick={() => onChange({ ...form, combinator: c.value })}
            >
              {c.label}
            </button>
          ))}
        </div>
        <span className="muted">{active?.hint}</span>
      </div>
      {form.rows.length === 0 && <p className="muted">No conditions: every customer matches.</p>}
      <ol className="rule-builder__rows">
        {form.rows.map((row, index) => (
          <ConditionRowView
            key={row.key}
            index={index}
            row={row}
            errors={errors}
            onChange={(next) => onChange(replaceRow(form, next))}
            onRemove={() => onChange(removeRow(form, row.key))}
          />
        ))}
      </ol>
      {errors[RULE_ERROR_KEY] && (
        <p className="field__error" data-testid="segment-rule-error">
          {errors[RULE_ERROR_KEY]}
        </p>
      )}
      <button
        type="button"
        className="button"
        data-testid="segment-add-condition"
        onClick={() => onChange(addRow(form))}
      >
        + Add condition
      </button>
    </div>
  );
}
