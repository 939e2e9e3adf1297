import type { GroupMovementView } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { audienceBody, describePick } from './movement-pick';

const bucket = (index: number, label: string, counts: Partial<Record<string, number>>) => ({
  index,
  segmentId: index === 0 ? null : `s${index}`,
  label,
  color: '#123456',
  growthIsGood: index !== 0,
  fromCount: 0,
  toCount: 0,
  fromShare: 0,
  toShare: 0,
  change: 0,
  changeRatio: null,
  verdict: 'unchanged' as const,
  entered: 0,
  left: 0,
  stayed: 0,
  ...counts,
});

const view: GroupMovementView = {
  groupId: 'g1',
  from: '1997-06-30T23:59:59.999Z',
  to: '1997-12-31T23:59:59.999Z',
  computed: [],
  totals: { from: 100, to: 110, new: 10, deleted: 0, moved: 30 },
  buckets: [
    bucket(0, 'Churned', { fromCount: 40, toCount: 60, entered: 25, left: 5 }),
    bucket(1, 'VIP', { fromCount: 60, toCount: 50, entered: 15, left: 25 }),
  ],
  matrix: [
    { from: null, to: 1, count: 10, shareOfFrom: null, shareOfTo: 0.2 },
    { from: 0, to: 0, count: 35, shareOfFrom: 0.875, shareOfTo: 35 / 60 },
    { from: 0, to: 1, count: 5, shareOfFrom: 0.125, shareOfTo: 0.1 },
    { from: 1, to: 0, count: 25, shareOfFrom: 25 / 60, shareOfTo: 25 / 60 },
    { from: 1, to: 1, count: 35, shareOfFrom: 35 / 60, shareOfTo: 0.7 },
  ],
};
const dates = { from: '1997-06-30', to: '1997-12-31' };

describe('movement picks', () => {
  it('describes each kind of pick with its exact count', () => {
    expect(describePick(view, { kind: 'cell', from: 1, to: 0 }, dates)).toEqual({
      title: 'VIP → Churned between 1997-06-30 and 1997-12-31',
      count: 25,
    });
    expect(describePick(view, { kind: 'cell', from: null, to: 1 }, dates).title).toContain(
      'New customers → VIP',
    );
    expect(describePick(view, { kind: 'cell', from: 1, to: 1 }, dates).title).toBe(
      'Stayed in VIP from 1997-06-30 to 1997-12-31',
    );
    expect(describePick(view, { kind: 'entered', bucket: 1 }, dates).count).toBe(15);
    expect(describePick(view, { kind: 'left', bucket: 1 }, dates).count).toBe(25);
    expect(describePick(view, { kind: 'bucket', date: 'from', bucket: 0 }, dates)).toEqual({
      title: 'In Churned on 1997-06-30',
      count: 40,
    });
  });

  it('turns each pick into the audience body that selects exactly those customers', () => {
    const body = (pick: Parameters<typeof audienceBody>[1]) =>
      audienceBody(view, pick, dates, 'n').movement;
    const base = { groupId: 'g1', from: '1997-06-30', to: '1997-12-31' };
    expect(body({ kind: 'cell', from: null, to: 1 })).toEqual({
      ...base,
      fromBuckets: [null],
      toBuckets: [1],
    });
    expect(body({ kind: 'entered', bucket: 1 })).toEqual({
      ...base,
      toBuckets: [1],
      movedOnly: true,
    });
    expect(body({ kind: 'left', bucket: 0 })).toEqual({
      ...base,
      fromBuckets: [0],
      movedOnly: true,
    });
    expect(body({ kind: 'bucket', date: 'from', bucket: 1 })).toEqual({
      ...base,
      to: '1997-06-30',
      toBuckets: [1],
    });
  });
});
