/** Medium date + short time in the user's locale; '—' for nothing. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Medium date + short time as the clock shows it in `timeZone` (an IANA zone). */
export function formatDateIn(value: string, timeZone: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  try {
    return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  } catch {
    return formatDate(value);
  }
}

export function formatCount(value: number): string {
  return value.toLocaleString();
}
