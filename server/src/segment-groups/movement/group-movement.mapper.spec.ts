import fc from 'fast-check';
import type { SegmentGroupBucketView } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { type MovementCount, toMovementView, verdict } from './group-movement.mapper.js';

const buckets: SegmentGroupBucketView[] = [
  { index: 0, segmentId: null, label: 'Churned', color: '#888888', growthIsGood: false },
  { index: 1, segmentId: 'a', label: 'VIP', color: '#112233', growthIsGood: true },
  { index: 2, segmentId: 'b', label: 'At-risk VIP', color: '#aa0000', growthIsGood: false },
];
const input = {
  groupId: 'g',
  from: new Date('1997-06-30T23:59:59.999Z'),
  to: new Date('1997-12-31T23:59:59.999Z'),
  computed: [],
};

describe('toMovementView', () => {
  it('derives shares, distribution, verdicts and entered / left from the counts', () => {
    const view = toMovementView(input, buckets, [
      { from: 1, to: 1, count: 60 },
      { from: 1, to: 2, count: 30 },
      { from: 1, to: 0, count: 10 },
      { from: 2, to: 0, count: 20 },
      { from: 0, to: 0, count: 100 },
      { from: null, to: 1, count: 5 },
      { from: 0, to: null, count: 2 },
    ]);
    expect(view.totals).toEqual({ from: 222, to: 225, new: 5, deleted: 2, moved: 60 });
    const vip = view.buckets[1];
    expect(vip).toMatchObject({ fromCount: 100, toCount: 65, change: -35, verdict: 'bad' });
    expect(vip).toMatchObject({ entered: 5, left: 40, stayed: 60 });
    expect(view.buckets[2]).toMatchObject({ fromCount: 20, toCount: 30, verdict: 'bad' });
    expect(view.buckets[2]).toMatchObject({ entered: 30, left: 20, changeRatio: 0.5 });
    expect(view.buckets[0]).toMatchObject({ fromCount: 102, toCount: 130, verdict: 'bad' });
    const cell = view.matrix.find((c) => c.from === 1 && c.to === 2);
    expect(cell).toEqual({ from: 1, to: 2, count: 30, shareOfFrom: 0.3, shareOfTo: 1 });
    expect(view.matrix[0]).toMatchObject({ from: null, to: 1, shareOfFrom: null });
  });

  it('judges a change by whether growth is good for the bucket', () => {
    expect(verdict(3, true)).toBe('good');
    expect(verdict(-3, true)).toBe('bad');
    expect(verdict(3, false)).toBe('bad');
    expect(verdict(-3, false)).toBe('good');
    expect(verdict(0, false)).toBe('unchanged');
  });

  it('always agrees with itself: rows and columns sum to 1, entered - left = change', () => {
    const index = fc.option(fc.integer({ min: 0, max: 2 }), { nil: null });
    const counts = fc.uniqueArray(
      fc.record({ from: index, to: index, count: fc.integer({ min: 1, max: 1000 }) }),
      { selector: (c) => `${c.from}>${c.to}` },
    );
    fc.assert(
      fc.property(counts, (raw: MovementCount[]) => {
        const cells = raw.filter((c) => c.from !== null || c.to !== null);
        const view = toMovementView(input, buckets, cells);
        for (const b of view.buckets) {
          expect(b.entered - b.left).toBe(b.change);
          const row = view.matrix.filter((c) => c.from === b.index);
          const column = view.matrix.filter((c) => c.to === b.index);
          if (b.fromCount > 0)
            expect(row.reduce((s, c) => s + (c.shareOfFrom ?? 0), 0)).toBeCloseTo(1, 9);
          if (b.toCount > 0)
            expect(column.reduce((s, c) => s + (c.shareOfTo ?? 0), 0)).toBeCloseTo(1, 9);
        }
        const enteredAll = view.buckets.reduce((s, b) => s + b.entered, 0);
        expect(enteredAll).toBe(view.totals.moved + view.totals.new);
      }),
    );
  });
});
