import type { QuietHours } from '@switchyard/contracts';

const MINUTE = 60_000;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minutes since local midnight of `at` in `timeZone`. */
export function localMinuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/**
 * When `at` falls inside the quiet hours (local time in `timeZone`; `start` inclusive,
 * `end` exclusive, wrapping midnight when start > end), the first minute after them;
 * otherwise null. Counted in elapsed minutes from `at`, so on a DST change night the
 * release can be an hour off wall-clock `end` — never inside the quiet window's length.
 */
export function quietHoursEnd(at: Date, quiet: QuietHours, timeZone: string): Date | null {
  const now = localMinuteOfDay(at, timeZone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const untilEnd = (end - now + 1440) % 1440;
  const startOfMinute = Math.floor(at.getTime() / MINUTE) * MINUTE;
  return new Date(startOfMinute + untilEnd * MINUTE);
}
