import type { GroupEvaluationResult } from '@switchyard/contracts';
import { FALLBACK_INDEX } from '@switchyard/contracts';

export interface BucketCount {
  count: number;
  /** Share of all customers, 0-100. */
  percent: number;
}

/** Counts of an evaluation by row: members by position, then the fallback. */
export function countsByRow(
  result: GroupEvaluationResult,
  members: number,
): { members: (BucketCount | null)[]; fallback: BucketCount | null } {
  const byIndex = new Map(result.counts.map((c) => [c.index, c.count]));
  const share = (count: number) => (result.total > 0 ? (count / result.total) * 100 : 0);
  const at = (index: number): BucketCount | null => {
    const count = byIndex.get(index);
    return count === undefined ? null : { count, percent: share(count) };
  };
  return {
    members: Array.from({ length: members }, (_, i) => at(i + 1)),
    fallback: at(FALLBACK_INDEX),
  };
}
