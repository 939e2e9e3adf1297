import { z } from 'zod';
import { asOfSchema } from './common.schema.js';
import { SEGMENT_GROUP_MAX_MEMBERS } from './segment-groups.api.js';

/** A bucket of a group: 0 is the fallback, 1..n its members in order. */
const bucketIndexSchema = z
  .number()
  .int('must be a whole number')
  .min(0, `must be a bucket index 0-${SEGMENT_GROUP_MAX_MEMBERS}`)
  .max(SEGMENT_GROUP_MAX_MEMBERS, `must be a bucket index 0-${SEGMENT_GROUP_MAX_MEMBERS}`);

/**
 * Customers of a movement between two dates in a segment group: those whose bucket on
 * the first date is one of `fromBuckets` (null = not yet a customer) and whose bucket on
 * the second is one of `toBuckets`; either side may be left open. `movedOnly` keeps those
 * whose bucket changed. A matrix cell is both sides; "entered VIP" is toBuckets [vip] with
 * movedOnly; a distribution bar is one side.
 */
export const movementSelectionSchema = z
  .strictObject({
    groupId: z.uuid('must be a segment group id'),
    from: asOfSchema,
    to: asOfSchema,
    fromBuckets: z.array(bucketIndexSchema.nullable()).min(1).max(64).optional(),
    toBuckets: z.array(bucketIndexSchema).min(1).max(64).optional(),
    movedOnly: z.boolean().optional(),
  })
  .refine((m) => m.from.getTime() <= m.to.getTime(), {
    message: 'must not be after "to"',
    path: ['from'],
  });
export type MovementSelection = z.output<typeof movementSelectionSchema>;

/**
 * An audience is a frozen list of customers. Created from a segment's members now, or
 * from external ids; journeys add to it and broadcast to it.
 */
export const createAudienceBodySchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    description: z.string().max(2000).optional(),
    segmentId: z.uuid('must be a segment id').optional(),
    externalIds: z.array(z.string().min(1).max(200)).max(100_000).optional(),
    movement: movementSelectionSchema.optional(),
    /** Everyone who reached a node of a journey (optionally leaving through one output). */
    journeyNode: z
      .strictObject({
        journeyId: z.uuid('must be a journey id'),
        nodeId: z.string().min(1).max(64),
        output: z.string().min(1).max(64).optional(),
      })
      .optional(),
  })
  .refine(
    (b) => [b.segmentId, b.externalIds, b.movement, b.journeyNode].filter(Boolean).length <= 1,
    {
      message: 'give one source: a segment, a list of external ids, a movement or a journey node',
      path: ['movement'],
    },
  );
export type CreateAudienceBody = z.output<typeof createAudienceBodySchema>;
/** The body as sent (dates as strings). */
export type CreateAudienceInput = z.input<typeof createAudienceBodySchema>;

/** Where an audience's members came from, recorded when it was created. */
export type AudienceSource =
  | { kind: 'segment'; segmentId: string }
  | { kind: 'external_ids'; count: number }
  | {
      kind: 'movement';
      groupId: string;
      from: string;
      to: string;
      fromBuckets?: (number | null)[];
      toBuckets?: number[];
      movedOnly?: boolean;
    }
  | { kind: 'journey_node'; journeyId: string; nodeId: string; output?: string };

export interface AudienceView {
  id: string;
  name: string;
  description: string | null;
  size: number;
  /** Null for audiences filled only by journeys. */
  source: AudienceSource | null;
  createdAt: string;
}

export const audienceMembersQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional().default(50),
  offset: z.coerce.number().int().min(0).optional().default(0),
});

export interface AudienceMemberView {
  customerId: string;
  externalId: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  addedAt: string;
}

export interface AudienceMemberList {
  total: number;
  items: AudienceMemberView[];
}

/**
 * `csv`: one row per member (external id, e-mail, phone, names, added). `hashed`: SHA-256
 * of the normalised e-mail (trimmed, lower case) and phone (digits only, country code
 * included), as ad platforms take customer lists.
 */
export const audienceExportQuerySchema = z.strictObject({
  format: z.enum(['csv', 'hashed']).optional().default('csv'),
});
