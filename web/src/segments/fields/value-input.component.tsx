import { valuelessOps, type AttributeOp, type CatalogField } from '@switchyard/contracts';
import { valueTypes, type ValueInput } from '../rule-form/rule-form.model';
import { valueTypeLabels } from '../rule-form/rule-labels';
import { valueTypeFor } from '../rule-form/trait-ops';
import { sampleOptions } from './field-options';
import { FieldPicker } from './field-picker.component';

interface ValueInputProps {
  /** data-testid prefix, e.g. `condition-0` -> `condition-0-value`. */
  testId: string;
  op: AttributeOp;
  input: ValueInput;
  /** The catalog's entry for the trait or property, when known. */
  field: CatalogField | undefined;
  /** Whether a trait or property has been named yet (no type choice before). */
  named: boolean;
  onChange: (input: ValueInput) => void;
  invalid: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The value part of a trait condition or property filter, shaped by operator and type. */
export function ValueInputs({
  testId,
  op,
  input,
  field,
  named,
  onChange,
  invalid,
}: ValueInputProps) {
  if (valuelessOps.includes(op)) return null;
  const set = (patch: Partial<ValueInput>) => onChange({ ...input, ...patch });
  const cls = invalid ? 'input--invalid' : '';

  if (op === 'withinLastDays' || op === 'moreThanDaysAgo') {
    return (
      <span className="condition__inline">
        <input
          type="number"
          min={0}
          step={1}
          className={`input--narrow ${cls}`}
          data-testid={`${testId}-value`}
          value={input.value}
          onChange={(e) => set({ value: e.target.value })}
          aria-label="days"
        />
        <span className="muted">days</span>
      </span>
    );
  }
  // The type select is only needed when the catalog does not know the field, or when a
  // stored value is read differently from what the field holds.
  const showType = field ? valueTypeFor(field.type) !== input.valueType : named;
  const typeSelect = showType && op !== 'contains' && op !== 'startsWith' && (
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
  const one = (key: 'value' | 'valueTo', suffix: string, placeholder: string) => {
    const text = input[key];
    const common = {
      'data-testid': `${testId}-${suffix}`,
      'aria-label': placeholder,
    };
    if (field?.type === 'date' && (text === '' || DATE.test(text)))
      return (
        <input
          type="date"
          className={cls}
          value={text}
          onChange={(e) => set({ [key]: e.target.value })}
          {...common}
        />
      );
    if (field?.type === 'boolean' && input.valueType === 'boolean')
      return (
        <select
          className={cls}
          value={text}
          onChange={(e) => set({ [key]: e.target.value })}
          {...common}
        >
          <option value="">choose…</option>
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      );
    return (
      <FieldPicker
        testId={common['data-testid']}
        label={placeholder}
        value={text}
        options={field?.type === 'number' ? [] : sampleOptions(field)}
        placeholder={placeholder}
        narrow={key === 'valueTo' || field?.type === 'number'}
        invalid={invalid}
        onChange={(value) => set({ [key]: value })}
      />
    );
  };
  if (op === 'between') {
    return (
      <span className="condition__inline">
        {one('value', 'value', 'from')}
        <span className="muted">and</span>
        {one('valueTo', 'value-to', 'to')}
        {typeSelect}
      </span>
    );
  }
  const list = op === 'in' || op === 'notIn';
  return (
    <span className="condition__inline">
      {list ? (
        <FieldPicker
          testId={`${testId}-value`}
          label="values"
          value={input.value}
          options={[]}
          placeholder="a, b, c"
          invalid={invalid}
          onChange={(value) => set({ value })}
        />
      ) : (
        one('value', 'value', op === 'contains' || op === 'startsWith' ? 'text' : 'value')
      )}
      {typeSelect}
    </span>
  );
}
