import { z } from 'zod';

/**
 * `GET /api/customers/:id?by=auto|id|externalId`. With `auto` (the default) an id of
 * digits is looked up as the internal id first, then as an external id; anything else as
 * an external id. External ids made of digits (CDNOW's) are unambiguous with `by=externalId`.
 */
export const customerLookupQuerySchema = z.strictObject({
  by: z.enum(['auto', 'id', 'externalId']).optional().default('auto'),
});
export type CustomerLookupQuery = z.output<typeof customerLookupQuerySchema>;

export interface CustomerSegmentMembership {
  id: string;
  name: string;
  color: string;
  /** When the customer entered the segment (as-of time of that evaluation). */
  since: string;
}

export interface CustomerJourneyEnrollment {
  enrollmentId: string;
  journeyId: string;
  journeyName: string;
  status: string;
  currentNodeId: string;
  enrolledAt: string;
}

export interface CustomerRecentEvent {
  name: string;
  properties: Record<string, unknown>;
  timestamp: string;
}

/** One entry or exit of a segment, as recorded by an evaluation. */
export interface CustomerSegmentTransition {
  segmentId: string;
  segmentName: string;
  color: string;
  kind: 'entered' | 'exited';
  /** The as-of time of the evaluation that saw the move. */
  asOf: string;
}

export interface CustomerProfile {
  id: string;
  externalId: string;
  traits: Record<string, unknown>;
  firstSeenAt: string;
  lastSeenAt: string;
  segments: CustomerSegmentMembership[];
  journeys: CustomerJourneyEnrollment[];
  /** The last 50 events, newest first. */
  recentEvents: CustomerRecentEvent[];
  /** The last 100 segment entries and exits, newest first. */
  segmentHistory: CustomerSegmentTransition[];
}
