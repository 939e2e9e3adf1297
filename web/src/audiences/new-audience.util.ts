import type { AudienceView } from '@switchyard/contracts';
import { formatCount } from '../shared/format';

/** The ids of a pasted list: one per line or comma separated, blanks and repeats dropped. */
export function parseIdList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ];
}

/** What was saved, in words; names the ids that matched nobody. */
export function savedMessage(audience: AudienceView, idsGiven: number | null): string {
  const base = `Saved “${audience.name}” with ${formatCount(audience.size)} customer${audience.size === 1 ? '' : 's'}`;
  if (idsGiven === null || idsGiven === audience.size) return `${base}.`;
  const missing = idsGiven - audience.size;
  return `${base}; ${formatCount(missing)} of the ${formatCount(idsGiven)} ids matched no customer.`;
}
