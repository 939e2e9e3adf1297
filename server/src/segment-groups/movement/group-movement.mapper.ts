import type {
  GroupMovementBucket,
  GroupMovementMatrixCell,
  GroupMovementView,
  MovementVerdict,
  SegmentGroupBucketView,
} from '@switchyard/contracts';

/** Customers per (bucket on the first date, bucket on the second); null = not a customer then. */
export interface MovementCount {
  from: number | null;
  to: number | null;
  count: number;
}

/**
 * The movement view from the raw (from, to) counts: shares both ways, the distribution on
 * each date with its change judged by the bucket's growthIsGood, and entered / left per
 * bucket. Everything is derived from the same counts, so the figures agree by construction.
 */
export function toMovementView(
  input: { groupId: string; from: Date; to: Date; computed: readonly Date[] },
  buckets: readonly SegmentGroupBucketView[],
  counts: readonly MovementCount[],
): GroupMovementView {
  const fromTotals = new Map<number, number>();
  const toTotals = new Map<number, number>();
  const add = (m: Map<number, number>, k: number, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  let fresh = 0;
  let deleted = 0;
  let moved = 0;
  for (const c of counts) {
    if (c.from !== null) add(fromTotals, c.from, c.count);
    else fresh += c.count;
    if (c.to !== null) add(toTotals, c.to, c.count);
    else deleted += c.count;
    if (c.from !== null && c.to !== null && c.from !== c.to) moved += c.count;
  }
  const allFrom = sum(fromTotals);
  const allTo = sum(toTotals);
  const matrix: GroupMovementMatrixCell[] = counts
    .filter((c) => c.count > 0)
    .map((c) => ({
      from: c.from,
      to: c.to,
      count: c.count,
      shareOfFrom: c.from === null ? null : ratio(c.count, fromTotals.get(c.from) ?? 0),
      shareOfTo: c.to === null ? null : ratio(c.count, toTotals.get(c.to) ?? 0),
    }))
    .sort((a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to));
  return {
    groupId: input.groupId,
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    computed: input.computed.map((d) => d.toISOString()),
    totals: { from: allFrom, to: allTo, new: fresh, deleted, moved },
    buckets: buckets.map((bucket): GroupMovementBucket => {
      const fromCount = fromTotals.get(bucket.index) ?? 0;
      const toCount = toTotals.get(bucket.index) ?? 0;
      const stayed = counts
        .filter((c) => c.from === bucket.index && c.to === bucket.index)
        .reduce((n, c) => n + c.count, 0);
      const change = toCount - fromCount;
      return {
        ...bucket,
        fromCount,
        toCount,
        fromShare: ratio(fromCount, allFrom) ?? 0,
        toShare: ratio(toCount, allTo) ?? 0,
        change,
        changeRatio: ratio(change, fromCount),
        verdict: verdict(change, bucket.growthIsGood),
        entered: toCount - stayed,
        left: fromCount - stayed,
        stayed,
      };
    }),
    matrix,
  };
}

export function verdict(change: number, growthIsGood: boolean): MovementVerdict {
  if (change === 0) return 'unchanged';
  return change > 0 === growthIsGood ? 'good' : 'bad';
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function sum(m: Map<number, number>): number {
  let total = 0;
  for (const n of m.values()) total += n;
  return total;
}

/** New customers (a null row) and deleted ones (a null column) sort first. */
function order(index: number | null): number {
  return index ?? -1;
}
