import { describe, expect, it } from 'vitest';
import { countsByRow } from './evaluation-counts';

describe('countsByRow', () => {
  it('maps bucket indexes to member rows and the fallback', () => {
    const result = {
      groupId: 'g',
      snapshotId: 's',
      asOf: '',
      reused: false,
      total: 4,
      counts: [
        { index: 0, label: 'Else', count: 1 },
        { index: 1, label: 'VIP', count: 3 },
      ],
      previousAsOf: null,
      nextAsOf: null,
      transitionsRecorded: 0,
      nextTransitionsChanged: 0,
    };
    expect(countsByRow(result, 2)).toEqual({
      members: [{ count: 3, percent: 75 }, null],
      fallback: { count: 1, percent: 25 },
    });
  });
});
