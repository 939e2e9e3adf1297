import { SegmentChip } from '../segments/segment-chip.component';
import { CountBar } from './count-bar.component';
import type { BucketCount } from './evaluation-counts';
import type { GroupForm } from './group-form.model';
import { GrowthToggle } from './growth-toggle.component';

interface Props {
  fallback: GroupForm['fallback'];
  error: string | undefined;
  count: BucketCount | null;
  onChange: (fallback: GroupForm['fallback']) => void;
}

/** The last bucket: customers who match none of the members. */
export function FallbackRow({ fallback, error, count, onChange }: Props) {
  return (
    <div className="member member--fallback" data-testid="group-fallback">
      <span />
      <span className="member__rank" title="Everyone else">
        ∗
      </span>
      <span className="muted small">Everyone else (in none of the segments above)</span>
      <input
        type="text"
        className={error ? 'input--invalid' : undefined}
        data-testid="group-fallback-label"
        value={fallback.label}
        maxLength={120}
        onChange={(e) => onChange({ ...fallback, label: e.target.value })}
        aria-label="fallback label"
      />
      <input
        type="color"
        data-testid="group-fallback-color"
        value={fallback.color}
        onChange={(e) => onChange({ ...fallback, color: e.target.value })}
        aria-label="fallback colour"
      />
      <span className="member__chip">
        <SegmentChip name={fallback.label || '—'} color={fallback.color} />
      </span>
      <GrowthToggle
        testId="group-fallback-growth"
        good={fallback.growthIsGood}
        onChange={(growthIsGood) => onChange({ ...fallback, growthIsGood })}
      />
      <CountBar testId="group-count-0" count={count} color={fallback.color} />
      <span />
      {error && <p className="field__error member__error">{error}</p>}
    </div>
  );
}
