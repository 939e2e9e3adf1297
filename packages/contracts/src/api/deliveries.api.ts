import { z } from 'zod';
import { nodeIdSchema } from '../journey/journey-graph.schema.js';
import { type MessageChannel, messageChannels } from './workspace.api.js';

/**
 * Deliveries: the workspace's messages (e-mail, SMS, webhook) that did not go out, failed
 * for good or still waiting (a retry's backoff, a provider's Retry-After, or on its way now).
 * Sent messages are on each customer's page and in each journey's counts.
 */
export const listedDeliveryStatuses = ['failed', 'pending'] as const;
export type ListedDeliveryStatus = (typeof listedDeliveryStatuses)[number];

export type DeliveryStatus = ListedDeliveryStatus | 'sent';

/**
 * `GET /api/deliveries?status=&channel=&journeyId=&stepId=&limit=&offset=`, newest first;
 * `stepId` (a node of the journey) needs `journeyId`.
 */
export const deliveriesQuerySchema = z
  .strictObject({
    status: z.enum(listedDeliveryStatuses).optional().default('failed'),
    channel: z.enum(messageChannels).optional(),
    journeyId: z.uuid('must be a uuid').optional(),
    stepId: nodeIdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).optional().default(50),
    offset: z.coerce.number().int().min(0).max(100_000).optional().default(0),
  })
  .refine((q) => q.stepId === undefined || q.journeyId !== undefined, {
    path: ['stepId'],
    message: 'needs journeyId',
  });
export type DeliveriesQuery = z.output<typeof deliveriesQuerySchema>;

export interface DeliveryView {
  id: string;
  channel: MessageChannel;
  status: DeliveryStatus;
  /** The e-mail address, phone number or URL it goes to. */
  recipient: string | null;
  /** The e-mail's subject, the start of the SMS, or the webhook's method. */
  summary: string | null;
  /** Transactional messages skip frequency caps and quiet hours. */
  transactional: boolean;
  customer: { id: string; externalId: string } | null;
  /** The journey (a campaign's too) and step that wrote it; null once its run is deleted. */
  journey: { id: string; name: string; stepId: string; stepTitle: string } | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /**
   * A waiting message's next attempt after a failed one (the backoff, or the provider's
   * Retry-After); null when it has not been tried yet, or is not waiting.
   */
  nextAttemptAt: string | null;
}

export interface DeliveriesPage {
  items: DeliveryView[];
  /** Rows matching the query (all pages). */
  total: number;
  limit: number;
  offset: number;
  /** Failed and waiting messages, of the journey (and step) when filtered, of any channel. */
  counts: Record<ListedDeliveryStatus, number>;
}

/**
 * `POST /api/deliveries/retry`: every failed message, or those of one channel and/or one
 * journey (step), as the list is filtered.
 */
export const retryDeliveriesBodySchema = z
  .strictObject({
    channel: z.enum(messageChannels).optional(),
    journeyId: z.uuid('must be a uuid').optional(),
    stepId: nodeIdSchema.optional(),
  })
  .refine((q) => q.stepId === undefined || q.journeyId !== undefined, {
    path: ['stepId'],
    message: 'needs journeyId',
  });
export type RetryDeliveriesBody = z.output<typeof retryDeliveriesBodySchema>;

/**
 * `POST /api/deliveries/:id/retry` answers the message's DeliveryView: a failed message is
 * sent again with a fresh set of attempts, a waiting one now rather than at `nextAttemptAt`;
 * 409 when it was sent, or is going out already.
 */
export interface RetryDeliveriesResult {
  /** Failed messages sent again (each once, with a fresh set of attempts). */
  retried: number;
}
