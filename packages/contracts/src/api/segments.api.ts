import { z } from 'zod';
import { boundedRuleSchema, type Rule } from '../rule/rule.schema.js';
import { asOfSchema, colorSchema } from './common.schema.js';

export const createSegmentBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120),
  description: z.string().max(2000).optional(),
  color: colorSchema.optional(),
  rule: boundedRuleSchema,
});
export type CreateSegmentBody = z.infer<typeof createSegmentBodySchema>;

export const updateSegmentBodySchema = createSegmentBodySchema.partial();
export type UpdateSegmentBody = z.infer<typeof updateSegmentBodySchema>;

export interface SegmentView {
  id: string;
  name: string;
  description: string | null;
  color: string;
  rule: Rule;
  memberCount: number;
  evaluatedAsOf: string | null;
  createdAt: string;
  updatedAt: string;
}

export const previewSegmentBodySchema = z.strictObject({
  rule: boundedRuleSchema,
  asOf: asOfSchema.optional(),
  sampleSize: z.number().int().min(0).max(100).optional().default(10),
});

export interface CustomerSample {
  id: string;
  externalId: string;
  traits: Record<string, unknown>;
}

export interface SegmentPreview {
  count: number;
  asOf: string;
  sample: CustomerSample[];
  /**
   * True when the exact count did not fit the preview's time budget and `count` is an
   * estimate from a random sample of customers (`margin`: half-width of its 95% interval).
   * Saving and evaluating a segment always counts exactly.
   */
  estimated?: boolean;
  margin?: number;
}

export const evaluationBodySchema = z.strictObject({
  asOf: asOfSchema.optional(),
  segmentIds: z.array(z.uuid()).max(1000).optional(),
});

export interface SegmentEvaluationResult {
  segmentId: string;
  asOf: string;
  members: number;
  entered: number;
  exited: number;
  /** False when asOf is before the segment's last evaluation: counted, nothing recorded. */
  recorded: boolean;
}

export interface EvaluationResult {
  asOf: string;
  segments: SegmentEvaluationResult[];
  enrollments: number;
}
