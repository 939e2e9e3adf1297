import type { SegmentLabel } from '@switchyard/contracts';
import { SegmentChip } from '../segments/segment-chip.component';

/** A customer's segments as coloured labels, as shown next to the name everywhere. */
export function SegmentChips({ segments, testId }: { segments: SegmentLabel[]; testId: string }) {
  if (segments.length === 0) return null;
  return (
    <span className="segment-chips" data-testid={testId}>
      {segments.map((s) => (
        <SegmentChip key={s.id} name={s.name} color={s.color} />
      ))}
    </span>
  );
}
