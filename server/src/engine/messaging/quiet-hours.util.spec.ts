import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localMinuteOfDay, quietHoursEnd } from './quiet-hours.util.js';

const night = { start: '21:00', end: '08:00' };

describe('quietHoursEnd', () => {
  it('holds a message sent at night until the morning, in the customer zone', () => {
    // 23:30 in Berlin (CEST, UTC+2) = 21:30 UTC
    expect(quietHoursEnd(new Date('2024-06-01T21:30:00Z'), night, 'Europe/Berlin')).toEqual(
      new Date('2024-06-02T06:00:00Z'),
    );
    // 07:59 in New York (EDT, UTC-4) is still quiet; 08:00 is not
    expect(quietHoursEnd(new Date('2024-06-01T11:59:00Z'), night, 'America/New_York')).toEqual(
      new Date('2024-06-01T12:00:00Z'),
    );
    expect(quietHoursEnd(new Date('2024-06-01T12:00:00Z'), night, 'America/New_York')).toBeNull();
  });

  it('handles a window that does not wrap midnight', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(quietHoursEnd(new Date('2024-01-10T12:15:00Z'), lunch, 'UTC')).toEqual(
      new Date('2024-01-10T13:30:00Z'),
    );
    expect(quietHoursEnd(new Date('2024-01-10T13:30:00Z'), lunch, 'UTC')).toBeNull();
  });

  it('releases at the local end on the nights the clocks change', () => {
    const la = 'America/Los_Angeles';
    // Quiet 03:00-02:00; at 03:00 PDT on 4 Nov 2028, the next 02:00 is PST, 24 hours on
    // (found by the property below, seed -1693931116: 23 elapsed hours was 01:00 PST, quiet).
    const allDay = { start: '03:00', end: '02:00' };
    expect(quietHoursEnd(new Date('2028-11-04T10:00:00Z'), allDay, la)).toEqual(
      new Date('2028-11-05T10:00:00Z'),
    );
    // Quiet 21:00-08:00 across the night they go back: 08:00 PST, 12 hours on.
    expect(quietHoursEnd(new Date('2028-11-05T04:00:00Z'), night, la)).toEqual(
      new Date('2028-11-05T16:00:00Z'),
    );
    // Across the night they go forward: 08:00 PDT, 10 hours on.
    expect(quietHoursEnd(new Date('2028-03-12T05:00:00Z'), night, la)).toEqual(
      new Date('2028-03-12T15:00:00Z'),
    );
    // Quiet 21:00-02:30 when 02:00-03:00 is skipped: released at 03:30 PDT, never earlier.
    const release = quietHoursEnd(
      new Date('2028-03-12T05:00:00Z'),
      { start: '21:00', end: '02:30' },
      la,
    );
    expect(release).toEqual(new Date('2028-03-12T10:30:00Z'));
    // Quiet 03:00-02:00 in Berlin the night 02:00-03:00 is skipped: no allowed minute that
    // night, so 02:00 the next (found by the property, 200,000 runs).
    expect(quietHoursEnd(new Date('2029-03-24T02:00:00Z'), allDay, 'Europe/Berlin')).toEqual(
      new Date('2029-03-26T00:00:00Z'),
    );
  });

  it('releases strictly later, within a day, at a local time outside the window', () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }));
    const hhmm = ([h, m]: [number, number]) =>
      `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        time,
        time,
        fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Seoul', 'America/Los_Angeles'),
        (at, s, e, zone) => {
          fc.pre(hhmm(s) !== hhmm(e));
          const quiet = { start: hhmm(s), end: hhmm(e) };
          const release = quietHoursEnd(at, quiet, zone);
          if (release === null) return;
          expect(release.getTime()).toBeGreaterThan(at.getTime() - 60_000);
          // Within a day: 25 hours across the night the clocks go back, two when the night
          // they go forward skips every allowed minute.
          expect(release.getTime() - at.getTime()).toBeLessThanOrEqual(48 * 3_600_000);
          // In zones without daylight saving the release is exactly the local end time.
          if (zone === 'UTC' || zone === 'Asia/Seoul')
            expect(localMinuteOfDay(release, zone)).toBe(e[0] * 60 + e[1]);
          // And it is never inside the window again.
          expect(quietHoursEnd(release, quiet, zone)).toBeNull();
        },
      ),
    );
  });
});
