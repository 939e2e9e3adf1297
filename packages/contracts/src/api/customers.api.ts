import { z } from 'zod';

/** `GET /api/customers?q=&limit=&offset=`: customers matching a search, newest first. */
export const customerListQuerySchema = z.strictObject({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().default(50),
  offset: z.coerce.number().int().min(0).max(100_000).optional().default(0),
});
export type CustomerListQuery = z.output<typeof customerListQuerySchema>;

/** A segment as shown next to a customer's name: its name on its colour. */
export interface SegmentLabel {
  id: string;
  name: string;
  color: string;
}

export interface CustomerListItem {
  id: string;
  externalId: string;
  /** `name` trait, else first and last name; null when the customer has none. */
  name: string | null;
  email: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  segments: SegmentLabel[];
}

export interface CustomerList {
  items: CustomerListItem[];
  limit: number;
  offset: number;
  /** True when another page follows. */
  hasMore: boolean;
}
