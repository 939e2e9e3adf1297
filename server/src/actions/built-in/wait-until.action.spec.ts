import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { ALL_DAYS, nextLocalTime, waitUntilAction } from './wait-until.action.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Zones with every kind of offset: halves, quarters, 30-minute and 2-hour DST, a skipped day. */
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Santiago',
  'America/Havana',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Africa/Casablanca',
  'Asia/Tehran',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Antarctica/Troll',
] as const;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const localFormats = new Map<string, Intl.DateTimeFormat>();

/** The local reading of an instant, computed independently of the code under test. */
function local(instant: number, timeZone: string): { date: string; time: string; weekday: number } {
  let format = localFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    localFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    time: `${parts['hour']}:${parts['minute']}`,
    weekday: WEEKDAYS.indexOf(parts['weekday'] ?? ''),
  };
}

/**
 * Minute-aligned instants in [from, to) that can read `time` somewhere: since 1970 every
 * zone's offset is a multiple of 15 minutes, such instants have a UTC minute congruent
 * to the local one modulo 15.
 */
function* candidateMinutes(from: number, to: number, time: string): Generator<number> {
  const minute = Number(time.slice(3)) % 15;
  let t = Math.ceil(from / MINUTE) * MINUTE;
  while (new Date(t).getUTCMinutes() % 15 !== minute) t += MINUTE;
  for (; t < to; t += 15 * MINUTE) yield t;
}

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const days = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 });
const zone = fc.constantFrom(...ZONES);
const anyNow = fc
  .integer({ min: Date.parse('1995-01-01T00:00:00Z'), max: Date.parse('2037-12-31T00:00:00Z') })
  .map((ms) => new Date(ms));
/** Clock changes (zone, local date, local hours around it): gaps, folds, a skipped day. */
const TRANSITIONS: readonly { zone: string; day: string; hours: [number, number] }[] = [
  { zone: 'America/New_York', day: '2024-03-10', hours: [1, 3] },
  { zone: 'America/New_York', day: '2024-11-03', hours: [0, 2] },
  { zone: 'Europe/London', day: '2024-03-31', hours: [0, 2] },
  { zone: 'Europe/Berlin', day: '2024-03-31', hours: [1, 3] },
  { zone: 'Europe/Berlin', day: '2024-10-27', hours: [1, 3] },
  { zone: 'Australia/Lord_Howe', day: '2024-10-06', hours: [1, 3] },
  { zone: 'Australia/Lord_Howe', day: '2024-04-07', hours: [1, 2] },
  { zone: 'America/Santiago', day: '2024-09-08', hours: [0, 1] },
  { zone: 'America/Santiago', day: '2024-04-06', hours: [22, 23] },
  { zone: 'America/Havana', day: '2024-03-10', hours: [0, 1] },
  { zone: 'Antarctica/Troll', day: '2024-03-31', hours: [0, 3] },
  { zone: 'Pacific/Apia', day: '2011-12-30', hours: [0, 23] },
];
const nearTransition = fc
  .record({
    transition: fc.constantFrom(...TRANSITIONS),
    shift: fc.integer({ min: -2 * DAY, max: 0 }),
    offsetHours: fc.nat(),
    minute: fc.integer({ min: 0, max: 59 }),
    days: fc.oneof(fc.constant([...ALL_DAYS]), days),
  })
  .map(({ transition, shift, offsetHours, minute, days }) => {
    const [low, high] = transition.hours;
    const hour = low + (offsetHours % (high - low + 1));
    return {
      now: new Date(Date.parse(`${transition.day}T12:00:00Z`) + shift),
      time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
      days,
      zone: transition.zone,
    };
  });

/** How many results were shifted out of a gap. */
const coverage = { shifted: 0 };

function checkNextLocalTime(
  now: Date,
  time: string,
  allowed: readonly number[],
  timeZone: string,
): void {
  const result = nextLocalTime(now, time, allowed, timeZone).getTime();
  const start = now.getTime();
  expect(result).toBeGreaterThanOrEqual(start);
  // Samoa skipped 2011-12-30: a Friday-only wait there took a week longer.
  expect(result).toBeLessThan(start + (timeZone === 'Pacific/Apia' ? 15 : 8) * DAY);
  const at = local(result, timeZone);
  expect(allowed).toContain(at.weekday);
  if (at.time !== time) {
    coverage.shifted += 1;
    // Only for a time the clocks skip that date: it moves forward, keeping the date.
    expect(at.time > time).toBe(true);
    for (const t of candidateMinutes(result - 2 * DAY, result + 2 * DAY, time)) {
      const other = local(t, timeZone);
      expect(other.date === at.date && other.time === time).toBe(false);
    }
  }
  // Nothing on an allowed date in between: the result is on the first one (or today).
  const today = local(start, timeZone).date;
  for (let t = start; t < result; t += 60 * MINUTE) {
    const between = local(t, timeZone);
    if (between.date !== today && between.date !== at.date)
      expect(allowed).not.toContain(between.weekday);
  }
  for (const t of candidateMinutes(start, result, time)) {
    const other = local(t, timeZone);
    if (other.time === time) expect(allowed).not.toContain(other.weekday);
  }
}

describe('nextLocalTime', () => {
  it('finds the next allowed weekday at that local time', () => {
    // Wednesday 19:00 in Tokyo; Monday 09:00 JST is 00:00 UTC.
    expect(nextLocalTime(new Date('2024-05-01T10:00:00Z'), '09:00', [1], 'Asia/Tokyo')).toEqual(
      new Date('2024-05-06T00:00:00Z'),
    );
    // Later the same day, in a quarter-hour zone.
    expect(
      nextLocalTime(new Date('2024-05-01T10:00:00Z'), '18:30', ALL_DAYS, 'Asia/Kathmandu'),
    ).toEqual(new Date('2024-05-01T12:45:00Z'));
  });

  it('returns now when now is exactly the time, and next week once it has passed', () => {
    const now = new Date('2024-05-01T13:00:00Z'); // Wednesday 09:00 in New York
    expect(nextLocalTime(now, '09:00', [3], 'America/New_York')).toEqual(now);
    expect(nextLocalTime(new Date(now.getTime() + 1), '09:00', [3], 'America/New_York')).toEqual(
      new Date('2024-05-08T13:00:00Z'),
    );
  });

  it('moves a time skipped by spring-forward on by the gap', () => {
    // 2024-03-10 in New York jumps from 02:00 EST to 03:00 EDT: 02:30 is 03:30 EDT.
    expect(
      nextLocalTime(new Date('2024-03-10T05:00:00Z'), '02:30', ALL_DAYS, 'America/New_York'),
    ).toEqual(new Date('2024-03-10T07:30:00Z'));
    // The next day it exists again (EDT).
    expect(
      nextLocalTime(new Date('2024-03-10T08:00:00Z'), '02:30', ALL_DAYS, 'America/New_York'),
    ).toEqual(new Date('2024-03-11T06:30:00Z'));
  });

  it('matches both occurrences of a time repeated by fall-back', () => {
    // 2024-11-03 in New York: 01:30 EDT (05:30Z), then 01:30 EST (06:30Z).
    expect(
      nextLocalTime(new Date('2024-11-03T04:00:00Z'), '01:30', ALL_DAYS, 'America/New_York'),
    ).toEqual(new Date('2024-11-03T05:30:00Z'));
    expect(
      nextLocalTime(new Date('2024-11-03T05:45:00Z'), '01:30', ALL_DAYS, 'America/New_York'),
    ).toEqual(new Date('2024-11-03T06:30:00Z'));
  });

  it('never matches a date the zone skipped', () => {
    // Samoa skipped Friday 2011-12-30: the next Friday 09:00 is a week later.
    expect(nextLocalTime(new Date('2011-12-29T12:00:00Z'), '09:00', [5], 'Pacific/Apia')).toEqual(
      new Date('2012-01-05T19:00:00Z'),
    );
    expect(nextLocalTime(new Date('2011-12-24T12:00:00Z'), '09:00', [5], 'Pacific/Apia')).toEqual(
      new Date('2012-01-05T19:00:00Z'),
    );
  });

  it('refuses malformed input', () => {
    const now = new Date('2024-05-01T10:00:00Z');
    expect(() => nextLocalTime(now, '24:00', ALL_DAYS, 'UTC')).toThrow(RangeError);
    expect(() => nextLocalTime(now, '09:00', [], 'UTC')).toThrow(RangeError);
    expect(() => nextLocalTime(now, '09:00', [7], 'UTC')).toThrow(RangeError);
    expect(() => nextLocalTime(now, '09:00', ALL_DAYS, 'Mars/Olympus')).toThrow(RangeError);
  });

  it('property: the first allowed local time at or after now, within 8 days', () => {
    fc.assert(
      fc.property(anyNow, hhmm, days, zone, (now, time, allowed, timeZone) =>
        checkNextLocalTime(now, time, allowed, timeZone),
      ),
      { numRuns: 150 },
    );
  });

  it('property: the same around daylight-saving changes', () => {
    fc.assert(
      fc.property(nearTransition, (c) => checkNextLocalTime(c.now, c.time, c.days, c.zone)),
      { numRuns: 300 },
    );
    // Some draws must have landed in a gap (about one in twenty do).
    expect(coverage.shifted).toBeGreaterThan(0);
  });
});

describe('wait_until', () => {
  it("waits until the time in the customer's zone", async () => {
    const { ctx, logs } = fakeContext({
      timezone: 'America/Los_Angeles',
      now: new Date('2024-05-01T10:00:00Z'), // 03:00 PDT, Wednesday
    });
    expect(await waitUntilAction.run(ctx, { time: '08:15', days: [4, 5] })).toEqual({
      kind: 'wait',
      until: new Date('2024-05-02T15:15:00Z'),
    });
    expect(logs).toEqual([]);
  });

  it("falls back to the workspace's zone when the customer's is unknown", async () => {
    const { ctx, logs } = fakeContext({
      timezone: 'Nowhere/Special',
      workspaceTimezone: 'Europe/Berlin',
      now: new Date('2024-05-01T10:00:00Z'),
    });
    expect(await waitUntilAction.run(ctx, {})).toEqual({
      kind: 'wait',
      until: new Date('2024-05-02T07:00:00Z'),
    });
    expect(logs).toEqual([expect.objectContaining({ level: 'warn' })]);
  });

  it("waits until the customer's usual hour, keeping the minutes; the time of day without one", async () => {
    const now = new Date('2024-05-01T10:00:00Z'); // 03:00 PDT, Wednesday
    const usual = fakeContext({ timezone: 'America/Los_Angeles', now, usualHour: 19 });
    expect(
      await waitUntilAction.run(usual.ctx, { time: '08:15', days: [4], usualHour: true }),
    ).toEqual({ kind: 'wait', until: new Date('2024-05-03T02:15:00Z') }); // Thu 19:15 PDT
    // Off, the usual hour is not even asked for.
    const off = fakeContext({ timezone: 'America/Los_Angeles', now, usualHour: 19 });
    expect(await waitUntilAction.run(off.ctx, { time: '08:15', days: [4] })).toEqual({
      kind: 'wait',
      until: new Date('2024-05-02T15:15:00Z'),
    });
    const unknown = fakeContext({ timezone: 'America/Los_Angeles', now, usualHour: null });
    expect(
      await waitUntilAction.run(unknown.ctx, { time: '08:15', days: [4], usualHour: true }),
    ).toEqual({ kind: 'wait', until: new Date('2024-05-02T15:15:00Z') });
  });

  it('starts at 09:00 every day and refuses bad settings', () => {
    expect(waitUntilAction.defaults).toEqual({
      time: '09:00',
      days: [0, 1, 2, 3, 4, 5, 6],
      usualHour: false,
    });
    expect(waitUntilAction.staticOutputs).toEqual(['next']);
    for (const config of [
      { time: '9:00' },
      { time: '24:00' },
      { time: '12:60' },
      { days: [] },
      { days: [7] },
      { days: [1.5] },
    ])
      expect(waitUntilAction.parseConfig(config).success, JSON.stringify(config)).toBe(false);
    const twice = waitUntilAction.parseConfig({ days: [1, 1] });
    expect(twice.success ? [] : twice.error.issues.map((i) => i.message)).toEqual([
      'lists the same day twice',
    ]);
  });
});
