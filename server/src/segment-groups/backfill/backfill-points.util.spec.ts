import { describe, expect, it } from 'vitest';
import { backfillPoints } from './backfill-points.util.js';

describe('backfillPoints', () => {
  it('steps by day and week, including both ends when aligned', () => {
    expect(backfillPoints('1997-01-30', '1997-02-02', 'day', 100)).toEqual([
      '1997-01-30',
      '1997-01-31',
      '1997-02-01',
      '1997-02-02',
    ]);
    expect(backfillPoints('1997-01-01', '1997-01-29', 'week', 100)).toEqual([
      '1997-01-01',
      '1997-01-08',
      '1997-01-15',
      '1997-01-22',
      '1997-01-29',
    ]);
    expect(backfillPoints('1997-01-01', '1997-01-28', 'week', 100)).toHaveLength(4);
  });

  it('keeps the day of the month, clamped to short months, across years', () => {
    expect(backfillPoints('1996-11-30', '1997-03-31', 'month', 100)).toEqual([
      '1996-11-30',
      '1996-12-30',
      '1997-01-30',
      '1997-02-28',
      '1997-03-30',
    ]);
    expect(backfillPoints('2024-01-31', '2024-03-31', 'month', 100)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
  });

  it('one date when from = to; stops one past the limit', () => {
    expect(backfillPoints('1997-06-30', '1997-06-30', 'month', 100)).toEqual(['1997-06-30']);
    expect(backfillPoints('1990-01-01', '1999-12-31', 'day', 10)).toHaveLength(11);
  });
});
