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

function isQuiet(minute: number, start: number, end: number): boolean {
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * The end of the quiet window `at` is in (see quietHoursEnd), or null outside it. Counted
 * in elapsed minutes from `at`, then moved onto the local `end` when the clocks changed in
 * between: on the night they go back, the elapsed count lands an hour early, inside the
 * window again (released at `end` instead, up to 25 hours on); on the night they go forward
 * it lands an hour late when `end` itself was skipped (kept: the local `end` is not a time
 * that night).
 */
function windowEnd(at: Date, start: number, end: number, timeZone: string): Date | null {
  const now = localMinuteOfDay(at, timeZone);
  if (!isQuiet(now, start, end)) return null;
  const untilEnd = (end - now + 1440) % 1440;
  const startOfMinute = Math.floor(at.getTime() / MINUTE) * MINUTE;
  const elapsed = new Date(startOfMinute + untilEnd * MINUTE);
  // How far the local time of that instant is from `end`, within ±12 hours (0 but on a DST night).
  const off = ((end - localMinuteOfDay(elapsed, timeZone) + 1440 + 720) % 1440) - 720;
  if (off === 0) return elapsed;
  const onEnd = new Date(elapsed.getTime() + off * MINUTE);
  const quietOnEnd = isQuiet(localMinuteOfDay(onEnd, timeZone), start, end);
  return onEnd > at && !quietOnEnd ? onEnd : elapsed;
}

/**
 * When `at` falls inside the quiet hours (local time in `timeZone`; `start` inclusive,
 * `end` exclusive, wrapping midnight when start > end), the first minute after them that
 * is not quiet; otherwise null. The night the clocks go forward can skip every allowed
 * minute (quiet 03:00-02:00 when 02:00-03:00 does not exist): then it is the next day's.
 */
export function quietHoursEnd(at: Date, quiet: QuietHours, timeZone: string): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  let release = windowEnd(at, start, end, timeZone);
  for (let hop = 0; release && hop < 2; hop++) {
    const again = windowEnd(release, start, end, timeZone);
    if (!again) break;
    release = again;
  }
  return release;
}
