import {
  FALLBACK_INDEX,
  type GroupBucketCount,
  type SegmentGroupBucketView,
  type SegmentGroupView,
} from '@switchyard/contracts';
import type { StoredGroup } from './segment-group.types.js';

/** Fallback (index 0) first, then the members in order, with labels and colours resolved. */
export function groupBuckets(group: StoredGroup): SegmentGroupBucketView[] {
  return [
    {
      index: FALLBACK_INDEX,
      segmentId: null,
      label: group.fallback.label,
      color: group.fallback.color,
      growthIsGood: group.fallback.growthIsGood,
    },
    ...group.members.map((m) => ({
      index: m.index,
      segmentId: m.segmentId,
      label: m.label ?? m.segmentName,
      color: m.color ?? m.segmentColor,
      growthIsGood: m.growthIsGood,
    })),
  ];
}

export function toGroupView(group: StoredGroup): SegmentGroupView {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    members: group.members.map((m) => ({
      index: m.index,
      segmentId: m.segmentId,
      segmentName: m.segmentName,
      growthIsGood: m.growthIsGood,
      ...(m.label !== null ? { label: m.label } : {}),
      ...(m.color !== null ? { color: m.color } : {}),
    })),
    fallback: group.fallback,
    buckets: groupBuckets(group),
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}

/**
 * Counts per bucket from a stored array where `counts[i]` is bucket i. Buckets the array
 * does not reach count 0.
 */
export function bucketCounts(group: StoredGroup, counts: readonly number[]): GroupBucketCount[] {
  return groupBuckets(group).map((b) => ({
    index: b.index,
    label: b.label,
    count: counts[b.index] ?? 0,
  }));
}
