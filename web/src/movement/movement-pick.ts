import type {
  CreateAudienceInput,
  GroupMovementBucket,
  GroupMovementView,
} from '@switchyard/contracts';

/** What the marketer clicked: a flow or cell, an entered / left bar, or a bucket on a date. */
export type MovementPick =
  | { kind: 'cell'; from: number | null; to: number }
  | { kind: 'entered'; bucket: number }
  | { kind: 'left'; bucket: number }
  | { kind: 'bucket'; date: 'from' | 'to'; bucket: number };

/** The dates of the comparison as the API takes them (YYYY-MM-DD). */
export interface MovementDates {
  from: string;
  to: string;
}

export function bucketOf(view: GroupMovementView, index: number): GroupMovementBucket | undefined {
  return view.buckets.find((b) => b.index === index);
}

function label(view: GroupMovementView, index: number | null): string {
  if (index === null) return 'New customers';
  return bucketOf(view, index)?.label ?? `bucket ${index}`;
}

/** A sentence for the picked customers and how many they are. */
export function describePick(
  view: GroupMovementView,
  pick: MovementPick,
  dates: MovementDates,
): { title: string; count: number } {
  switch (pick.kind) {
    case 'cell': {
      const count = view.matrix.find((c) => c.from === pick.from && c.to === pick.to)?.count ?? 0;
      const title =
        pick.from === pick.to
          ? `Stayed in ${label(view, pick.to)} from ${dates.from} to ${dates.to}`
          : `${label(view, pick.from)} → ${label(view, pick.to)} between ${dates.from} and ${dates.to}`;
      return { title, count };
    }
    case 'entered':
      return {
        title: `Entered ${label(view, pick.bucket)} between ${dates.from} and ${dates.to}`,
        count: bucketOf(view, pick.bucket)?.entered ?? 0,
      };
    case 'left':
      return {
        title: `Left ${label(view, pick.bucket)} between ${dates.from} and ${dates.to}`,
        count: bucketOf(view, pick.bucket)?.left ?? 0,
      };
    case 'bucket': {
      const bucket = bucketOf(view, pick.bucket);
      return {
        title: `In ${label(view, pick.bucket)} on ${pick.date === 'from' ? dates.from : dates.to}`,
        count: (pick.date === 'from' ? bucket?.fromCount : bucket?.toCount) ?? 0,
      };
    }
    default: {
      const never: never = pick;
      throw new Error(`unknown pick ${JSON.stringify(never)}`);
    }
  }
}

/** The audience body that holds exactly the picked customers. */
export function audienceBody(
  view: GroupMovementView,
  pick: MovementPick,
  dates: MovementDates,
  name: string,
): CreateAudienceInput {
  const base = { groupId: view.groupId, from: dates.from, to: dates.to };
  const movement = (() => {
    switch (pick.kind) {
      case 'cell':
        return { ...base, fromBuckets: [pick.from], toBuckets: [pick.to] };
      case 'entered':
        return { ...base, toBuckets: [pick.bucket], movedOnly: true };
      case 'left':
        return { ...base, fromBuckets: [pick.bucket], movedOnly: true };
      case 'bucket':
        // A bucket on the first date is everyone then (compared with itself).
        return pick.date === 'from'
          ? { ...base, to: dates.from, toBuckets: [pick.bucket] }
          : { ...base, toBuckets: [pick.bucket] };
      default: {
        const never: never = pick;
        throw new Error(`unknown pick ${JSON.stringify(never)}`);
      }
    }
  })();
  return { name, movement };
}
