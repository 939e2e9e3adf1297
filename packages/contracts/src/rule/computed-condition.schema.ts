import { z } from 'zod';
import {
  checkNumericValue,
  eventNameSchema,
  fieldNameSchema,
  numericOps,
  numericValueSchema,
  storableText,
  type NumericOp,
  type NumericValue,
} from './condition-value.schema.js';

/** Conditions computed over the workspace rather than one customer's own data. */

/**
 * `{segment: id}`: the customer is a member of that segment of the same workspace, as of
 * the same evaluation time (its rule is inlined). A segment may not refer to itself,
 * directly or through others.
 */
export interface SegmentCondition {
  segment: string;
}

export const segmentConditionSchema = z.strictObject({
  segment: z.uuid('must be a segment id'),
});

export const rfmMetrics = ['recency', 'frequency', 'monetary'] as const;
export type RfmMetric = (typeof rfmMetrics)[number];
export const RFM_DEFAULT_EVENT = 'Order Completed';
export const RFM_DEFAULT_PROPERTY = 'total';

/**
 * `{rfm: 'recency' | 'frequency' | 'monetary', op, value, event?, property?}`: a score from
 * 1 to 5, 5 best (most recent last order / most orders / highest total of `property`).
 * Scores are quintiles (`ntile(5)`) over the workspace's customers with at least one
 * `event` (default "Order Completed") by the evaluation time, ordered by the metric and
 * then by customer id, so equal metrics split deterministically. A customer without such
 * an event has no score: the condition is false (and its `not` true).
 */
export interface RfmCondition {
  rfm: RfmMetric;
  op: NumericOp;
  value: NumericValue;
  event?: string;
  property?: string;
}

const isScore = (v: number) => Number.isInteger(v) && v >= 1 && v <= 5;

export const rfmConditionSchema = z
  .strictObject({
    rfm: z.enum(rfmMetrics),
    op: z.enum(numericOps),
    value: numericValueSchema,
    event: eventNameSchema.optional(),
    property: fieldNameSchema.optional(),
  })
  .superRefine((c, ctx) => {
    checkNumericValue(c.op, c.value, ctx);
    const values = Array.isArray(c.value) ? c.value : [c.value];
    if (!values.every(isScore))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'scores are whole numbers 1-5' });
    if (c.property !== undefined && c.rfm !== 'monetary')
      ctx.addIssue({
        code: 'custom',
        path: ['property'],
        message: 'only "monetary" reads a property',
      });
  });

/**
 * `{random: {percent, salt}}`: a stable pseudo-random `percent`% of customers. The bucket
 * (0-99) is the first 32 bits of md5("<customer id>:<salt>") modulo 100; the condition
 * holds when bucket < percent. The same salt always picks the same customers; `not` of
 * it is the complement (test vs control groups).
 */
export interface RandomCondition {
  random: { percent: number; salt: string };
}

export const randomConditionSchema = z.strictObject({
  random: z.strictObject({
    percent: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0-100')
      .max(100, 'must be 0-100'),
    salt: storableText(z.string().min(1, 'must not be empty').max(200)),
  }),
});
