import type { ReactNode } from 'react';

/** A labelled input (or select) with its hint and its error under it. */
export function FormField({
  id,
  label,
  error,
  hint,
  grow = false,
  children,
}: {
  /** The input's id, for the label. */
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** Takes the free width of a one-line settings form. */
  grow?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={grow ? 'field settings-form__grow' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && <p className="field__hint">{hint}</p>}
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}

/** A labelled text input (its test id is its id); without `onChange` it is read-only. */
export function InputField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  autoComplete,
  placeholder,
  ...field
}: {
  id: string;
  label: string;
  value: string;
  onChange?: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  placeholder?: string;
  error?: string | undefined;
  hint?: ReactNode;
  grow?: boolean;
}) {
  return (
    <FormField id={id} label={label} {...field}>
      <input
        id={id}
        data-testid={id}
        type={type}
        autoComplete={autoComplete}
        placeholder={placeholder}
        value={value}
        readOnly={!onChange}
        onChange={onChange && ((e) => onChange(e.target.value))}
      />
    </FormField>
  );
}

/** A labelled multi-line input (its test id is its id). */
export function TextAreaField({
  id,
  value,
  onChange,
  placeholder,
  rows = 4,
  ...field
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  rows?: number;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  return (
    <FormField id={id} {...field}>
      <textarea
        id={id}
        data-testid={id}
        rows={rows}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormField>
  );
}

/** One option of a radio group: its label in bold and a hint under it. */
export function RadioChoice({
  name,
  label,
  hint,
  checked,
  onSelect,
  testId,
}: {
  /** The group's name. */
  name: string;
  label: string;
  hint: string;
  checked: boolean;
  onSelect: () => void;
  testId: string;
}) {
  return (
    <label className="choice">
      <input type="radio" name={name} data-testid={testId} checked={checked} onChange={onSelect} />
      <span>
        <span className="choice__label">{label}</span>
        <span className="choice__hint">{hint}</span>
      </span>
    </label>
  );
}

/** A labelled select of `options`, each shown as itself (its test id is its id). */
export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
}) {
  return (
    <FormField id={id} label={label}>
      <select
        id={id}
        data-testid={id}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** The error of the whole form (a refused request), read out when it appears. */
export function FormError({ error, testId }: { error: string | null; testId?: string }) {
  if (!error) return null;
  return (
    <p className="field__error" role="alert" data-testid={testId}>
      {error}
    </p>
  );
}

/** The submit button: disabled, and saying what it does, while the request runs. */
export function SubmitButton({
  busy,
  label,
  busyLabel,
  testId,
  block = false,
}: {
  busy: boolean;
  label: string;
  /** e.g. "Saving…" */
  busyLabel: string;
  testId: string;
  /** Full width (the sign-in card). */
  block?: boolean;
}) {
  return (
    <button
      type="submit"
      className={block ? 'button button--primary button--block' : 'button button--primary'}
      data-testid={testId}
      disabled={busy}
    >
      {busy ? busyLabel : label}
    </button>
  );
}
