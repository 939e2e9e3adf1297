import { textColorOn } from './segment-colors';

/** A segment's name on its colour, as shown next to customers everywhere. */
export function SegmentChip({ name, color }: { name: string; color: string }) {
  return (
    <span className="segment-chip" style={{ background: color, color: textColorOn(color) }}>
      {name}
    </span>
  );
}
