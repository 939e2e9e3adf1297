import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { usualHourOf } from './usual-hour.util.js';

const at = (iso: string) => new Date(iso);

describe('usualHourOf', () => {
  it('is the local hour most events fall in', () => {
    const times = [
      '2024-05-01T02:10:00Z', // 19:10 PDT
      '2024-05-02T02:50:00Z', // 19:50 PDT
      '2024-05-03T16:00:00Z', // 09:00 PDT
    ].map(at);
    expect(usualHourOf(times, 'America/Los_Angeles')).toBe(19);
    expect(usualHourOf(times, 'UTC')).toBe(2);
    // 07:40, 08:20 and 21:30 IST: one each, the latest event's hour wins.
    expect(usualHourOf(times, 'Asia/Kolkata')).toBe(21);
  });

  it('needs three events', () => {
    expect(usualHourOf([], 'UTC')).toBeNull();
    expect(usualHourOf(['2024-05-01T02:10:00Z', '2024-05-02T02:10:00Z'].map(at), 'UTC')).toBeNull();
  });

  it('breaks a tie by the latest event: habits that changed are read as they are now', () => {
    const times = [
      '2024-01-01T08:00:00Z',
      '2024-01-02T08:30:00Z',
      '2024-03-01T20:00:00Z',
      '2024-03-02T20:30:00Z',
    ].map(at);
    expect(usualHourOf(times, 'UTC')).toBe(20);
    expect(usualHourOf([...times].reverse(), 'UTC')).toBe(20);
  });

  it('answers an hour holding at least as many events as any other (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2030-01-01') }), {
          minLength: 3,
          maxLength: 60,
        }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kathmandu', 'America/St_Johns'),
        (instants, zone) => {
          const hours = instants.map((t) =>
            Number(
              new Intl.DateTimeFormat('en-GB', {
                timeZone: zone,
                hour: '2-digit',
                hourCycle: 'h23',
              }).format(t),
            ),
          );
          const count = (h: number) => hours.filter((x) => x === h).length;
          const usual = usualHourOf(
            instants.map((t) => new Date(t)),
            zone,
          );
          expect(usual).not.toBeNull();
          const best = Math.max(...Array.from({ length: 24 }, (_, h) => count(h)));
          expect(count(usual ?? -1)).toBe(best);
        },
      ),
    );
  });
});
