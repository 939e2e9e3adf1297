import { z } from 'zod';
import { asOfSchema, colorSchema } from './common.schema.js';

/**
 * Segment groups (DESIGN.md "Words we use"): an ordered list of segments where the first
 * match wins, plus a fallback, so every customer first seen by the as-of time is in
 * exactly one group. Index 0 is the fallback; members are 1..n in order.
 */

export const SEGMENT_GROUP_MAX_MEMBERS = 50;
export const FALLBACK_INDEX = 0;

const labelSchema = z.string().trim().min(1, 'must not be empty').max(120);

export const segmentGroupMemberSchema = z.strictObject({
  segmentId: z.uuid('must be a uuid'),
  /** Shown instead of the segment's name in this group. */
  label: labelSchema.optional(),
  /** Shown instead of the segment's colour in this group. */
  color: colorSchema.optional(),
  /** Whether more customers in this group is good news (distribution comparison). */
  growthIsGood: z.boolean(),
});
export type SegmentGroupMember = z.infer<typeof segmentGroupMemberSchema>;

export const segmentGroupFallbackSchema = z.strictObject({
  label: labelSchema,
  color: colorSchema.optional().default('#8b8d98'),
  growthIsGood: z.boolean(),
});
export type SegmentGroupFallback = z.output<typeof segmentGroupFallbackSchema>;

const membersSchema = z
  .array(segmentGroupMemberSchema)
  .min(1, 'needs at least one member')
  .max(SEGMENT_GROUP_MAX_MEMBERS, `must have at most ${SEGMENT_GROUP_MAX_MEMBERS} members`)
  .superRefine((members, ctx) => {
    const seen = new Map<string, number>();
    members.forEach((m, i) => {
      const first = seen.get(m.segmentId);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'segmentId'],
          message: `duplicates members[${first}].segmentId`,
        });
      else seen.set(m.segmentId, i);
    });
  });

export const createSegmentGroupBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120),
  description: z.string().max(2000).optional(),
  members: membersSchema,
  fallback: segmentGroupFallbackSchema,
});
export type CreateSegmentGroupBody = z.output<typeof createSegmentGroupBodySchema>;

export const updateSegmentGroupBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120).optional(),
  description: z.string().max(2000).nullable().optional(),
  members: membersSchema.optional(),
  fallback: segmentGroupFallbackSchema.optional(),
});
export type UpdateSegmentGroupBody = z.output<typeof updateSegmentGroupBodySchema>;

/** One bucket of a group as shown: a member segment (index >= 1) or the fallback (0). */
export interface SegmentGroupBucketView {
  index: number;
  /** Null for the fallback. */
  segmentId: string | null;
  /** The member's label, else the segment's name. */
  label: string;
  color: string;
  growthIsGood: boolean;
}

export interface SegmentGroupView {
  id: string;
  name: string;
  description: string | null;
  /** Members in order (index 1..n), as stored. */
  members: (SegmentGroupMember & { index: number; segmentName: string })[];
  fallback: SegmentGroupFallback;
  /** Fallback first (index 0), then the members: what counts and matrices refer to. */
  buckets: SegmentGroupBucketView[];
  createdAt: string;
  updatedAt: string;
}

export const groupEvaluationBodySchema = z.strictObject({
  asOf: asOfSchema.optional(),
});

export const groupEvaluationQuerySchema = z.strictObject({
  refresh: z
    .enum(['true', 'false'], { message: 'must be "true" or "false"' })
    .optional()
    .transform((v) => v === 'true'),
});

export interface GroupBucketCount {
  index: number;
  label: string;
  count: number;
}

export interface GroupEvaluationResult {
  groupId: string;
  snapshotId: string;
  asOf: string;
  /** True when the stored snapshot of this as-of time was reused (nothing recomputed). */
  reused: boolean;
  total: number;
  /** One entry per bucket, fallback (index 0) first. */
  counts: GroupBucketCount[];
  /** The neighbouring snapshots this one was compared with. */
  previousAsOf: string | null;
  nextAsOf: string | null;
  /** Moves recorded between the previous snapshot and this one. */
  transitionsRecorded: number;
  /** Moves between this snapshot and the next one that were added or removed. */
  nextTransitionsChanged: number;
}

export interface GroupSnapshotView {
  id: string;
  asOf: string;
  computedAt: string;
  total: number;
  counts: GroupBucketCount[];
  /** A member segment's rule or the member list changed since this snapshot was computed. */
  stale: boolean;
}

export const groupTransitionsQuerySchema = z.strictObject({
  from: asOfSchema,
  to: asOfSchema,
});

/** Customers in bucket `from` as of the first time and in bucket `to` as of the second. */
export interface GroupMovementCell {
  /** Null: the customer was not yet seen at the first time ("new"). */
  from: number | null;
  to: number;
  count: number;
}

export const backfillIntervals = ['day', 'week', 'month'] as const;
export type BackfillInterval = (typeof backfillIntervals)[number];
export const BACKFILL_MAX_POINTS = 1000;

/** Postgres has no year 0: dates from 0001-01-01 on. */
const dateOnly = z.iso
  .date('must be a date (YYYY-MM-DD)')
  .refine((v) => !v.startsWith('0000'), { message: 'must be in years 0001-9999' });

export const groupBackfillBodySchema = z
  .strictObject({
    from: dateOnly,
    to: dateOnly,
    every: z.enum(backfillIntervals),
  })
  .refine((b) => b.from <= b.to, { message: 'must not be after "to"', path: ['from'] });
export type GroupBackfillBody = z.output<typeof groupBackfillBodySchema>;

export const backfillStatuses = ['queued', 'running', 'completed', 'failed'] as const;
export type BackfillStatus = (typeof backfillStatuses)[number];

export interface GroupBackfillView {
  id: string;
  groupId: string;
  status: BackfillStatus;
  from: string;
  to: string;
  every: BackfillInterval;
  /** Snapshots to compute (as-of times) and how many are done. */
  total: number;
  done: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const backfillParamsSchema = z.strictObject({
  id: z.uuid('must be a uuid'),
  backfillId: z.uuid('must be a uuid'),
});

export const groupMovementQuerySchema = z
  .strictObject({
    from: asOfSchema,
    to: asOfSchema,
  })
  .refine((q) => q.from.getTime() <= q.to.getTime(), {
    message: 'must not be after "to"',
    path: ['from'],
  });
export type GroupMovementQuery = z.output<typeof groupMovementQuerySchema>;

/**
 * Customers in bucket `from` on the first date and in bucket `to` on the second, with
 * their share of the row (of everyone in `from` on the first date) and of the column (of
 * everyone in `to` on the second).
 */
export interface GroupMovementMatrixCell {
  /** Null: not yet a customer on the first date (new). */
  from: number | null;
  /** Null: no longer a customer on the second date (deleted). */
  to: number | null;
  count: number;
  /** count ÷ customers in `from` on the first date; null for new customers. */
  shareOfFrom: number | null;
  /** count ÷ customers in `to` on the second date; null for deleted customers. */
  shareOfTo: number | null;
}

/** Whether a bucket's change is good news for this group (growthIsGood and the sign). */
export type MovementVerdict = 'good' | 'bad' | 'unchanged';

export interface GroupMovementBucket extends SegmentGroupBucketView {
  /** Customers in the bucket on each date, and their share of all customers then. */
  fromCount: number;
  toCount: number;
  fromShare: number;
  toShare: number;
  /** toCount - fromCount, and relative to fromCount (null when it was empty). */
  change: number;
  changeRatio: number | null;
  verdict: MovementVerdict;
  /** In the bucket on the second date but not on the first (new customers included). */
  entered: number;
  /** In the bucket on the first date but not on the second, wherever they went. */
  left: number;
  stayed: number;
}

export interface GroupMovementView {
  groupId: string;
  from: string;
  to: string;
  /** Snapshots computed for this answer because they were missing or out of date. */
  computed: string[];
  totals: { from: number; to: number; new: number; deleted: number; moved: number };
  /** Fallback (index 0) first, then the members. */
  buckets: GroupMovementBucket[];
  /** Every non-empty (from, to) pair, stayers (from = to) included. */
  matrix: GroupMovementMatrixCell[];
}
