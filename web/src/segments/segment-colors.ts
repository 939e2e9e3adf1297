/** Swatches offered for new segments; any #rrggbb is allowed. */
export const SEGMENT_SWATCHES = [
  '#6366f1',
  '#0ea5e9',
  '#10b981',
  '#f59e0b',
  '#ef4444',
  '#ec4899',
  '#8b5cf6',
  '#14b8a6',
  '#64748b',
] as const;

export function swatchFor(index: number): string {
  return SEGMENT_SWATCHES[index % SEGMENT_SWATCHES.length] ?? '#6366f1';
}

/** Black or white text, whichever reads better on `hex`. */
export function textColorOn(hex: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return '#fff';
  const [r, g, b] = [match[1], match[2], match[3]].map((h) => parseInt(h ?? '0', 16) / 255);
  const luminance = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  return luminance > 0.6 ? '#111827' : '#ffffff';
}
