import { useId } from 'react';

export interface PickerOption {
  value: string;
  /** Shown beside the value in the suggestions, e.g. the type and a few samples. */
  hint?: string;
}

interface Props {
  testId: string;
  value: string;
  options: readonly PickerOption[];
  placeholder: string;
  label: string;
  invalid?: boolean;
  narrow?: boolean;
  onChange: (value: string) => void;
}

/**
 * A text input suggesting what the workspace has seen (traits, events, properties). Free
 * text stays possible: a new event name can be used before the first one arrives.
 */
export function FieldPicker({
  testId,
  value,
  options,
  placeholder,
  label,
  invalid,
  narrow,
  onChange,
}: Props) {
  const listId = useId();
  const classes = [narrow ? 'input--narrow' : 'input--picker', invalid ? 'input--invalid' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <input
        type="text"
        className={classes}
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        list={options.length > 0 ? listId : undefined}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        aria-label={label}
      />
      {options.length > 0 && (
        <datalist id={listId} data-testid={`${testId}-options`}>
          {options.map((o) => (
            <option key={o.value} value={o.value} label={o.hint} />
          ))}
        </datalist>
      )}
    </>
  );
}
