import { formatCount } from '../shared/format';
import type { BucketCount } from './evaluation-counts';

/** A bucket's count and share after "Evaluate now". */
export function CountBar({
  testId,
  count,
  color,
}: {
  testId: string;
  count: BucketCount | null;
  color: string;
}) {
  if (!count) return <span className="count-bar count-bar--empty" />;
  return (
    <span className="count-bar" title={`${count.percent.toFixed(1)}% of customers`}>
      <span className="count-bar__track">
        <span
          className="count-bar__fill"
          style={{ width: `${Math.max(count.percent, 1)}%`, background: color }}
        />
      </span>
      <strong data-testid={testId}>{formatCount(count.count)}</strong>
      <span className="muted small">{count.percent.toFixed(0)}%</span>
    </span>
  );
}
