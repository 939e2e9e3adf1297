import { numericOps, type NumericOp } from '@switchyard/contracts';
import { numericOpLabels } from '../rule-form/rule-labels';

interface Props {
  testId: string;
  op: NumericOp;
  value: string;
  valueTo: string;
  invalid: boolean;
  min?: number;
  max?: number;
  onChange: (patch: { op?: NumericOp; value?: string; valueTo?: string }) => void;
}

/** "<op> <n>" or "between <n> and <m>". */
export function NumericValue({ testId, op, value, valueTo, invalid, min, max, onChange }: Props) {
  const cls = `input--narrow ${invalid ? 'input--invalid' : ''}`;
  return (
    <span className="condition__inline">
      <select
        className="select--compact"
        data-testid={`${testId}-op`}
        value={op}
        onChange={(e) => onChange({ op: e.target.value as NumericOp })}
        aria-label="operator"
      >
        {numericOps.map((o) => (
          <option key={o} value={o}>
            {numericOpLabels[o]}
          </option>
        ))}
      </select>
      <input
        type="number"
        className={cls}
        min={min}
        max={max}
        data-testid={`${testId}-value`}
        value={value}
        onChange={(e) => onChange({ value: e.target.value })}
        aria-label={op === 'between' ? 'from' : 'number'}
      />
      {op === 'between' && (
        <>
          <span className="muted">and</span>
          <input
            type="number"
            className={cls}
            min={min}
            max={max}
            data-testid={`${testId}-value-to`}
            value={valueTo}
            onChange={(e) => onChange({ valueTo: e.target.value })}
            aria-label="to"
          />
        </>
      )}
    </span>
  );
}
