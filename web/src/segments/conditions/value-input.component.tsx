import { valuelessOps, type AttributeOp } from '@switchyard/contracts';
import { valueTypes, type ValueInput } from '../rule-form/rule-form.model';
import { valueTypeLabels } from '../rule-form/rule-labels';

interface ValueInputProps {
  /** data-testid prefix, e.g. `condition-0` -> `condition-0-value`. */
  testId: string;
  op: AttributeOp;
  input: ValueInput;
  onChange: (input: ValueInput) => void;
  invalid: boolean;
}

/** The value part of an attribute condition or property filter, shaped by the operator. */
export function ValueInputs({ testId, op, input, onChange, invalid }: ValueInputProps) {
  if (valuelessOps.includes(op)) return null;
  const set = (patch: Partial<ValueInput>) => onChange({ ...input, ...patch });
  const cls = invalid ? 'input--invalid' : undefined;

  if (op === 'withinLastDays' || op === 'moreThanDaysAgo') {
    return (
      <span className="condition__inline">
        <input
          type="number"
          min={0}
          step={1}
          className={`input--narrow ${cls ?? ''}`}
          data-testid={`${testId}-value`}
          value={input.value}
          onChange={(e) => set({ value: e.target.value })}
          aria-label="days"
        />
        <span className="muted">days</span>
      </span>
    );
  }
  if (op === 'contains' || op === 'startsWith') {
    return (
      <input
        type="text"
        className={cls}
        data-testid={`${testId}-value`}
        value={input.value}
        placeholder="text"
        onChange={(e) => set({ value: e.target.value })}
        aria-label="value"
      />
    );
  }
  const typeSelect = (
    <select
      className="select--compact"
      data-testid={`${testId}-value-type`}
      value={input.valueType}
      onChange={(e) => set({ valueType: e.target.value as ValueInput['valueType'] })}
      aria-label="value type"
      title="How the value is read"
    >
      {valueTypes.map((t) => (
        <option key={t} value={t}>
          {valueTypeLabels[t]}
        </option>
      ))}
    </select>
  );
  if (op === 'between') {
    return (
      <span className="condition__inline">
        <input
          type="text"
          className={`input--narrow ${cls ?? ''}`}
          data-testid={`${testId}-value`}
          value={input.value}
          placeholder="from"
          onChange={(e) => set({ value: e.target.value })}
          aria-label="from"
        />
        <span className="muted">and</span>
        <input
          type="text"
          className={`input--narrow ${cls ?? ''}`}
          data-testid={`${testId}-value-to`}
          value={input.valueTo}
          placeholder="to"
          onChange={(e) => set({ valueTo: e.target.value })}
          aria-label="to"
        />
        {typeSelect}
      </span>
    );
  }
  const list = op === 'in' || op === 'notIn';
  return (
    <span className="condition__inline">
      <input
        type="text"
        className={cls}
        data-testid={`${testId}-value`}
        value={input.value}
        placeholder={list ? 'a, b, c' : 'value'}
        onChange={(e) => set({ value: e.target.value })}
        aria-label="value"
      />
      {typeSelect}
    </span>
  );
}
