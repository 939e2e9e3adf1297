import type { CustomerSegmentTransition } from '@switchyard/contracts';
import { formatDate } from '../shared/format';
import { SegmentChip } from '../segments/segment-chip.component';

/** Entries into and exits from segments, newest first. */
export function SegmentHistory({ history }: { history: CustomerSegmentTransition[] }) {
  if (history.length === 0)
    return (
      <p className="muted">No segment changes recorded yet (they appear after evaluations).</p>
    );
  return (
    <ol className="timeline">
      {history.map((t, i) => (
        <li
          key={`${t.segmentId}-${t.kind}-${t.asOf}-${i}`}
          className="timeline__item"
          data-testid={`history-${i}`}
          data-kind={t.kind}
        >
          <span className={`timeline__dot timeline__dot--${t.kind}`} aria-hidden />
          <span className="timeline__body">
            <span className={`transition transition--${t.kind}`}>
              {t.kind === 'entered' ? 'Entered' : 'Left'}
            </span>{' '}
            <SegmentChip name={t.segmentName} color={t.color} />
          </span>
          <span className="muted small timeline__time">{formatDate(t.asOf)}</span>
        </li>
      ))}
    </ol>
  );
}
