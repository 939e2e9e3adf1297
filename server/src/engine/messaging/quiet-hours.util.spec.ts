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
          expect(release.getTime() - at.getTime()).toBeLessThanOrEqual(24 * 3_600_000);
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
