import { z } from 'zod';

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
  })
  .refine((b) => !(b.segmentId && b.externalIds), {
    message: 'give a segment or a list of external ids, not both',
    path: ['externalIds'],
  });
export type CreateAudienceBody = z.infer<typeof createAudienceBodySchema>;

export interface AudienceView {
  id: string;
  name: string;
  description: string | null;
  size: number;
  createdAt: string;
}
