import { wallClockMs } from '../actions/built-in/wait-until.action.js';

/** Fewer tracked events than this say nothing about when a customer is around. */
export const MIN_EVENTS_FOR_USUAL_HOUR = 3;
/** How far back a customer's activity is read for their usual hour. */
export const USUAL_HOUR_DAYS = 90;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The local hour (0-23 in `timeZone`) in which most of `times` fall, or null for fewer
 * than MIN_EVENTS_FOR_USUAL_HOUR of them. A tie goes to the hour of the latest event
 * among the tied hours, so a customer whose habits changed is read as they are now.
 */
export function usualHourOf(times: readonly Date[], timeZone: string): number | null {
  if (times.length < MIN_EVENTS_FOR_USUAL_HOUR) return null;
  const counts = new Array<number>(24).fill(0);
  const latest = new Array<number>(24).fill(-Infinity);
  for (const time of times) {
    const hour = Math.floor(
      (((wallClockMs(time.getTime(), timeZone) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS,
    );
    counts[hour] = (counts[hour] ?? 0) + 1;
    latest[hour] = Math.max(latest[hour] ?? -Infinity, time.getTime());
  }
  let best = 0;
  for (let hour = 1; hour < 24; hour += 1) {
    const [count, bestCount] = [counts[hour] ?? 0, counts[best] ?? 0];
    if (count > bestCount || (count === bestCount && (latest[hour] ?? 0) > (latest[best] ?? 0)))
      best = hour;
  }
  return best;
}
