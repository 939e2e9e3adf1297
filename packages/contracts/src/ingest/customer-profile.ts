import { z } from 'zod';
import type { CustomerSubscriptions } from '../api/subscriptions.api.js';

/**
 * `GET /api/customers/:id?by=auto|id|externalId`. With `auto` (the default) an id of
 * digits is looked up as the internal id first, then as an external id; anything else as
 * an external id. External ids made of digits (CDNOW's) are unambiguous with `by=externalId`.
 */
export const customerLookupQuerySchema = z.strictObject({
  by: z.enum(['auto', 'id', 'externalId']).optional().default('auto'),
});
export type CustomerLookupQuery = z.output<typeof customerLookupQuerySchema>;

/** What an internal customer id looks like: a bigint, of at most 18 digits (always fits). */
export const INTERNAL_CUSTOMER_ID = /^[1-9]\d{0,17}$/;

export interface CustomerSegmentMembership {
  id: string;
  name: string;
  color: string;
  /** When the customer entered the segment (as-of time of that evaluation). */
  since: string;
}

/** One node an enrollment ran through. */
export interface CustomerJourneyStep {
  nodeId: string;
  nodeType: string;
  /** The node's label in its version, else its type's title. */
  label: string | null;
  status: 'waiting' | 'completed' | 'failed' | 'skipped';
  /** Output taken (a branch's key), when the node has several. */
  output: string | null;
  /** That output as the canvas names it ("Branch B", "Everyone else"); null for "next". */
  outputLabel: string | null;
  /** Why a step failed or was skipped (frequency cap, holdout ...). */
  note: string | null;
  enteredAt: string;
  finishedAt: string | null;
}

/** A message a step sent (or is sending). */
export interface CustomerJourneyMessage {
  nodeId: string;
  channel: 'email' | 'sms' | 'webhook';
  /** Address, phone number or URL. */
  to: string;
  /** E-mail subject, SMS text (shortened) or request method. */
  summary: string;
  status: 'pending' | 'sent' | 'failed';
  createdAt: string;
  sentAt: string | null;
  /** Delivery attempts made so far. */
  attempts: number;
  /** The provider's last error, for a message not sent (kept while it is retried). */
  lastError: string | null;
  /** A waiting message's next attempt after a failed one; see DeliveryView. */
  nextAttemptAt: string | null;
}

export interface CustomerJourneyEnrollment {
  enrollmentId: string;
  journeyId: string;
  journeyName: string;
  version: number;
  status: string;
  /** Why the run ended early (goal reached, left the segment, journey stopped ...). */
  exitReason: string | null;
  currentNodeId: string;
  enrolledAt: string;
  finishedAt: string | null;
  steps: CustomerJourneyStep[];
  messages: CustomerJourneyMessage[];
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
  /** Marketing e-mail and SMS: subscribed, or unsubscribed since when and how. */
  subscriptions: CustomerSubscriptions;
}
