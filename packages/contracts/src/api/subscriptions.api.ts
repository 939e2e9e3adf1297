import { z } from 'zod';

/** The channels a customer can unsubscribe from (marketing messages only). */
export const SUBSCRIPTION_CHANNELS = ['email', 'sms'] as const;
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number];

/** How a customer came to be unsubscribed. */
export type OptOutSource =
  /** The link in an e-mail (the page's button). */
  | 'link'
  /** The mail client's own unsubscribe button (RFC 8058 one-click). */
  | 'one_click'
  /** A marketer, or another system, through the API. */
  | 'api';

/** A customer's marketing subscription on one channel. */
export interface SubscriptionView {
  status: 'subscribed' | 'unsubscribed';
  /** When they unsubscribed; null while subscribed. */
  since: string | null;
  source: OptOutSource | null;
}

export type CustomerSubscriptions = Record<SubscriptionChannel, SubscriptionView>;

export const subscriptionChannelSchema = z.enum(SUBSCRIPTION_CHANNELS, {
  error: 'must be email or sms',
});

/**
 * `PUT /api/customers/:id/subscriptions/:channel`: unsubscribes a customer from the
 * channel's marketing messages, or subscribes them again. Transactional messages (receipts,
 * password resets) are sent either way.
 */
export const subscriptionBodySchema = z.strictObject({
  status: z.enum(['subscribed', 'unsubscribed'], { error: 'must be subscribed or unsubscribed' }),
});
export type SubscriptionBody = z.infer<typeof subscriptionBodySchema>;
