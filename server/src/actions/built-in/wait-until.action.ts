import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';

/**
 * Waits until a time of day, on chosen weekdays, in the customer's own time zone. The
 * arithmetic uses only `Intl.DateTimeFormat` (the ICU time-zone data Node ships).
 */

export const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const ALL_DAYS: readonly number[] = [0, 1, 2, 3, 4, 5, 6];

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MAX_CACHED_ZONES = 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone; throws RangeError for a zone ICU does not know. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
  formatters.set(timeZone, formatter);
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The wall clock of `instant` (ms) in the zone, as the ms of that same wall-clock
 * reading in UTC (seconds precision): comparable with `Date.UTC(y, m, d, h, mi)`.
 */
export function wallClockMs(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const field = (name: string) => {
    const value = fields[name];
    if (value === undefined || !Number.isFinite(value))
      throw new Error(`Intl gave no ${name} for ${new Date(instant).toISOString()}`);
    return value;
  };
  const wall = new Date(0);
  wall.setUTCFullYear(field('year'), field('month') - 1, field('day'));
  // Some ICU versions write midnight as 24 even with hourCycle h23.
  wall.setUTCHours(field('hour') % 24, field('minute'), field('second'), 0);
  return wall.getTime();
}

/** Zone offset (wall clock minus UTC, ms) in effect at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  return wallClockMs(instant, timeZone) - Math.floor(instant / 1000) * 1000;
}

/**
 * Every instant whose wall clock in the zone reads `wall`, earliest first: one
 * normally, two in a fall-back fold, none in a spring-forward gap. Assumes at most one
 * offset change within a day either side, which holds for every real zone except ones
 * that skip a whole calendar day (handled by the caller).
 */
function instantsAt(wall: number, timeZone: string): number[] {
  const offsets = new Set([
    offsetAt(wall - DAY_MS, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + DAY_MS, timeZone),
  ]);
  const hits = new Set<number>();
  for (const offset of offsets) {
    const instant = wall - offset;
    if (wallClockMs(instant, timeZone) === wall) hits.add(instant);
  }
  return [...hits].sort((a, b) => a - b);
}

/** Index of the calendar day of a wall-clock ms value. */
const dayIndex = (wall: number) => Math.floor(wall / DAY_MS);

/**
 * The first instant at or after `now` whose wall clock in `timeZone` reads `time`
 * ("HH:MM", 24-hour) on one of `days` (0 = Sunday ... 6 = Saturday, of the local date).
 *
 * - A time that occurs twice on a local date (clocks going back) matches at both
 *   instants: the first one at or after `now` wins.
 * - A time that does not exist on a local date (clocks going forward) moves forward by
 *   the length of the gap, keeping the date: 02:30 on a day that jumps from 02:00 to
 *   03:00 is 03:30 (the "compatible" rule of Temporal and RFC 5545).
 * - A local date the zone skips entirely (e.g. Pacific/Apia on 2011-12-30) never matches.
 *
 * The result is less than 8 days after `now`, unless the zone skipped the matching date.
 * Throws RangeError for an unknown zone or a malformed time or day.
 */
export function nextLocalTime(
  now: Date,
  time: string,
  days: readonly number[],
  timeZone: string,
): Date {
  const match = TIME_PATTERN.exec(time);
  if (!match) throw new RangeError(`"${time}" is not a time of day HH:MM`);
  if (days.length === 0 || !days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6))
    throw new RangeError(`days must be weekday numbers 0-6, got ${JSON.stringify(days)}`);
  const clock = Number(match[1]) * HOUR_MS + Number(match[2]) * MINUTE_MS;
  const allowed = new Set(days);
  const start = now.getTime();
  const today = new Date(dayIndex(wallClockMs(start, timeZone)) * DAY_MS);
  // Today to a week on holds every weekday, today's twice (its time may have passed). A
  // skipped date can push the match one more week on.
  for (let offset = 0; offset <= 14; offset += 1) {
    const date = new Date(today);
    date.setUTCDate(today.getUTCDate() + offset);
    if (!allowed.has(date.getUTCDay())) continue;
    const wall = date.getTime() + clock;
    let candidates = instantsAt(wall, timeZone);
    if (candidates.length === 0) {
      const shifted = wall - offsetAt(wall - DAY_MS, timeZone);
      const sameDate = dayIndex(wallClockMs(shifted, timeZone)) === dayIndex(wall);
      candidates = sameDate ? [shifted] : [];
    }
    const hit = candidates.find((instant) => instant >= start);
    if (hit !== undefined) return new Date(hit);
  }
  throw new Error(`no ${time} on days ${days.join(',')} in ${timeZone} within 15 local dates`);
}

/** The zone to use: the customer's, else the workspace's, else UTC. */
export function effectiveTimeZone(...zones: readonly string[]): string {
  return zones.find(isValidTimeZone) ?? 'UTC';
}

/** "HH:MM" with the hour replaced (the minutes kept). */
export function atHour(time: string, hour: number): string {
  return `${String(hour).padStart(2, '0')}${time.slice(2)}`;
}

/**
 * Pauses until a time of day (on chosen weekdays) in the customer's time zone; with
 * `usualHour`, at the hour the customer is usually active instead (ctx.usualHour(): their
 * tracked events of the last 90 days), the time of day being the fallback for customers
 * with too little activity to tell.
 */
export const waitUntilAction = defineAction({
  type: 'wait_until',
  version: 1,
  title: 'Wait until time',
  description:
    "Wait until a time of day, or the customer's usual hour, on chosen weekdays, in their time zone.",
  category: 'flow',
  icon: 'alarm-clock',
  config: z
    .strictObject({
      time: z
        .string()
        .regex(TIME_PATTERN, 'must be a 24-hour time HH:MM, e.g. 09:00')
        .default('09:00')
        .meta({
          title: 'Time of day',
          description:
            "HH:MM, 24-hour, in the customer's time zone (else the workspace's). A time skipped by a daylight-saving change moves forward by the gap.",
        }),
      days: z
        .array(
          z
            .number()
            .int('must be a whole number')
            .min(0, 'must be 0 (Sunday) to 6 (Saturday)')
            .max(6, 'must be 0 (Sunday) to 6 (Saturday)')
            .meta({ title: 'Day', description: '0 = Sunday ... 6 = Saturday.' }),
        )
        .min(1, 'choose at least one day')
        .max(7)
        .refine((days) => new Set(days).size === days.length, 'lists the same day twice')
        .default(() => [...ALL_DAYS])
        .meta({
          title: 'Days',
          description: 'Weekdays on which to continue: 0 = Sunday, 1 = Monday ... 6 = Saturday.',
        }),
      usualHour: z.boolean().default(false).meta({
        title: "At the customer's usual hour",
        description:
          'Continue at the hour (with the minutes above) in which the customer was most often active over the last 90 days, so messages arrive when they are around. Customers with fewer than 3 events in that time continue at the time of day above.',
      }),
    })
    .meta({
      'x-summary': "until {{time}}, customer's time",
      'x-summary-if': { usualHour: 'their usual hour, else {{time}}' },
    }),
  outputs: ['next'],
  async execute(ctx, config) {
    const timeZone = effectiveTimeZone(ctx.customer.timezone, ctx.workspace.timezone);
    if (timeZone !== ctx.customer.timezone)
      ctx.logger.warn('unknown customer time zone; using another', {
        customerTimeZone: ctx.customer.timezone,
        timeZone,
      });
    const usual = config.usualHour ? await ctx.usualHour() : null;
    const time = usual === null ? config.time : atHour(config.time, usual);
    return { kind: 'wait', until: nextLocalTime(ctx.now, time, config.days, timeZone) };
  },
});
