/** One-line descriptions of events and trait values for the profile. */

const IDENTIFY = '$identify';

export function eventTitle(name: string): string {
  return name === IDENTIFY ? 'Profile updated' : name;
}

/** A value as short text: lists by size, objects as JSON, long text cut. */
export function shortValue(value: unknown, max = 60): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null))
      return cut(value.map(String).join(', '), max);
    return `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  }
  if (typeof value === 'object') return cut(JSON.stringify(value), max);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return cut(String(value), max);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The first few properties of an event as `key: value` pairs. */
export function propertySummary(
  properties: Record<string, unknown>,
  limit = 4,
): { key: string; value: string }[] {
  return Object.entries(properties)
    .slice(0, limit)
    .map(([key, value]) => ({ key, value: shortValue(value) }));
}

/** Traits sorted for reading: names first, then alphabetical. */
export function sortedTraits(traits: Record<string, unknown>): [string, unknown][] {
  const first = ['name', 'first_name', 'last_name', 'email', 'phone'];
  const rank = (k: string) => {
    const i = first.indexOf(k);
    return i < 0 ? first.length : i;
  };
  return Object.entries(traits).sort(
    ([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
}
