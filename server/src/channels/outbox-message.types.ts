import type { EmailMessage, SmsMessage, WebhookRequest } from '@switchyard/sdk';

export type OutboxChannel = 'email' | 'sms' | 'webhook';

/** An email as stored: the sender is fixed when the step runs (EMAIL_FROM). */
export interface OutboxEmail extends EmailMessage {
  from: string;
  /** A marketing e-mail's unsubscribe link, sent as List-Unsubscribe (one-click). */
  unsubscribeUrl?: string;
  /**
   * The subscription topic it went out under: its unsubscribe link (which names the run
   * and node) offers to leave this topic, and one-click leaves it.
   */
  topicId?: string;
}

/** An SMS as stored; without `from`, the workspace's sms_provider.from is used. */
export interface OutboxSms extends SmsMessage {
  from?: string;
}

/** A webhook request as stored: `{url, method, headers?, body?}`. */
export type OutboxWebhook = WebhookRequest;

interface MessageOf<C extends OutboxChannel, P> {
  channel: C;
  payload: P;
  /** Transactional messages ignore frequency caps and quiet hours. */
  transactional: boolean;
}

/** One message a step hands to the outbox. */
export type OutboxMessage =
  | MessageOf<'email', OutboxEmail>
  | MessageOf<'sms', OutboxSms>
  | MessageOf<'webhook', OutboxWebhook>;

/** The messages of one step. */
export interface OutboxBatch {
  workspaceId: string;
  enrollmentId: string;
  nodeId: string;
  /** customers.id (bigint as a string); null for a message to nobody in particular. */
  customerId: string | null;
  /** `${enrollmentId}.${nodeId}`: the step's idempotency key. */
  idempotencyKey: string;
  messages: readonly OutboxMessage[];
}

/** `{url, from, token?}` of the workspace's HTTP SMS provider (opened from its sealed column). */
export interface SmsProviderSettings {
  url: string;
  from: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
}
