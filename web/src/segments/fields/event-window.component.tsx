import { windowModes, type WindowInput, type WindowMode } from '../rule-form/rule-form.model';
import { windowModeLabels } from '../rule-form/rule-labels';

interface Props {
  testId: string;
  window: WindowInput;
  invalid: boolean;
  onChange: (window: WindowInput) => void;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "in the last N days" / "between <date> and <date>" / "over all time". */
export function EventWindowInput({ testId, window, invalid, onChange }: Props) {
  const cls = invalid ? 'input--invalid' : '';
  // A stored date-time (not a plain date) stays editable as text.
  const dateInput = (key: 'from' | 'to') => (
    <input
      type={window[key] === '' || DATE.test(window[key]) ? 'date' : 'text'}
      className={cls}
      data-testid={`${testId}-window-${key}`}
      value={window[key]}
      onChange={(e) => onChange({ ...window, [key]: e.target.value })}
      aria-label={key === 'from' ? 'from date' : 'to date'}
    />
  );
  return (
    <span className="condition__inline">
      <select
        className="select--compact"
        data-testid={`${testId}-window-mode`}
        value={window.mode}
        onChange={(e) => onChange({ ...window, mode: e.target.value as WindowMode })}
        aria-label="time window"
      >
        {windowModes.map((mode) => (
          <option key={mode} value={mode}>
            {windowModeLabels[mode]}
          </option>
        ))}
      </select>
      {window.mode === 'lastDays' && (
        <>
          <input
            type="number"
            min={1}
            step={1}
            className={`input--narrow ${cls}`}
            data-testid={`${testId}-window`}
            value={window.days}
            onChange={(e) => onChange({ ...window, days: e.target.value })}
            aria-label="window in days"
          />
          <span className="muted">days</span>
        </>
      )}
      {window.mode === 'between' && (
        <>
          {dateInput('from')}
          <span className="muted">and</span>
          {dateInput('to')}
        </>
      )}
    </span>
  );
}
