import { z } from 'zod';
import { phoneNumberSchema } from './common.schema.js';

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
  | 'api'
  /** The customer texted STOP (POST /v1/sms/inbound). */
  | 'reply'
  /** The customer marked an e-mail as spam, as their provider reported (POST /v1/email/feedback). */
  | 'complaint';

/** A customer's marketing subscription on one channel. */
export interface SubscriptionView {
  status: 'subscribed' | 'unsubscribed';
  /** When they unsubscribed; null while subscribed. */
  since: string | null;
  source: OptOutSource | null;
}

/** A customer's subscription to one of the workspace's topics. */
export interface TopicSubscriptionView extends SubscriptionView {
  topicId: string;
  name: string;
  description: string;
}

/**
 * A customer's marketing subscriptions: per channel (unsubscribed from a channel, they get
 * none of its marketing messages) and per topic (unsubscribed from a topic, they get none
 * of the messages sent under it, and still get the channel's others).
 */
export interface CustomerSubscriptions {
  email: SubscriptionView;
  sms: SubscriptionView;
  topics: TopicSubscriptionView[];
  /**
   * Set when the customer's e-mail address bounced for good: no e-mail goes to it,
   * transactional included, whatever the subscriptions say, until it is removed.
   */
  emailSuppression: EmailSuppressionView | null;
}

/**
 * A subscription topic: a kind of marketing e-mail customers can leave on its own
 * ("Weekly deals", "Product news") while still getting the rest. A send node names the
 * topic its e-mails go out under; their unsubscribe link offers to leave that topic only.
 */
export interface SubscriptionTopicView {
  id: string;
  name: string;
  description: string;
  /** Customers unsubscribed from it. */
  unsubscribed: number;
  createdAt: string;
}

export const subscriptionTopicBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  description: z.string().trim().max(500, 'must be at most 500 characters').default(''),
});
export type SubscriptionTopicBody = z.output<typeof subscriptionTopicBodySchema>;
/** What a client sends (the description may be left out). */
export type SubscriptionTopicInput = z.input<typeof subscriptionTopicBodySchema>;

export const subscriptionTopicPatchSchema = subscriptionTopicBodySchema.partial();
export type SubscriptionTopicPatch = z.infer<typeof subscriptionTopicPatchSchema>;

export const subscriptionChannelSchema = z.enum(SUBSCRIPTION_CHANNELS, {
  error: 'must be email or sms',
});

/**
 * `PUT /api/customers/:id/subscriptions/:channel` and `.../subscriptions/topics/:topicId`:
 * unsubscribes a customer from the
 * channel's marketing messages, or subscribes them again. Transactional messages (receipts,
 * password resets) are sent either way.
 */
export const subscriptionBodySchema = z.strictObject({
  status: z.enum(['subscribed', 'unsubscribed'], { error: 'must be subscribed or unsubscribed' }),
});
export type SubscriptionBody = z.infer<typeof subscriptionBodySchema>;

/**
 * `POST /v1/sms/inbound`: a text a customer sent to the workspace's number, as the SMS
 * provider forwards it: Twilio's form fields (`From`, `Body`), or JSON `{from, body}`.
 * STOP (and STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) unsubscribes the customers with that
 * phone number from marketing SMS; START (UNSTOP, YES) subscribes them again.
 */
export const smsInboundBodySchema = z.union(
  [
    z.looseObject({ From: phoneNumberSchema, Body: z.string().max(1600) }),
    z.strictObject({ from: phoneNumberSchema, body: z.string().max(1600) }),
  ],
  { error: 'must have From and Body (as Twilio sends them) or from and body' },
);
export type SmsInboundBody = z.infer<typeof smsInboundBodySchema>;

export interface SmsInboundResult {
  /** What the text asked for; `none` for any other text. */
  action: 'unsubscribed' | 'subscribed' | 'none';
  /** Customers of the workspace with that phone number (the `phone` trait). */
  customers: number;
}

/**
 * An address the workspace no longer e-mails: its server refused it for good, or its
 * provider reported it as bouncing (a hard bounce). `DELETE /api/email-suppressions/:address` lets e-mail go to it again.
 */
export interface EmailSuppressionView {
  /** Lower case. */
  address: string;
  /** The server's answer, or what the provider reported. */
  reason: string;
  since: string;
}

export const emailSuppressionsQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(100),
});
