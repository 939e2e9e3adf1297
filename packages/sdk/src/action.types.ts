import type { MessageChannel, PropertyFilter, Rule, Trigger } from '@switchyard/contracts';
import { WEBHOOK_METHODS, type WebhookMethod } from '@switchyard/contracts';
import type { z } from 'zod';

export interface ActionCustomer {
  id: string;
  externalId: string;
  traits: Record<string, unknown>;
  /** IANA zone: the `timezone` trait when it is valid, else the workspace's. */
  timezone: string;
}

/** The transition that started the enrollment. */
export interface ActionTrigger {
  trigger: Trigger;
  segmentName: string | null;
  /** When the transition was evaluated (as-of time), or the event / broadcast time. */
  at: string;
  /** The event that started the run, for event triggers. */
  event?: { name: string; properties: Record<string, unknown> };
}

export interface EmailMessage {
  to: string;
  subject: string;
  html?: string;
  text?: string;
}

export interface SmsMessage {
  /** E.164 phone number, e.g. +14155550100. */
  to: string;
  body: string;
}

export { WEBHOOK_METHODS, type WebhookMethod };

export interface WebhookRequest {
  url: string;
  method: WebhookMethod;
  headers?: Record<string, string>;
  body?: string;
}

/** How the engine may hold back a message. */
export interface MessageOptions {
  /**
   * Transactional messages (receipts, password resets) ignore frequency caps and quiet
   * hours. Marketing messages obey both.
   */
  transactional?: boolean;
  /** At most this many messages per minute from this node (the rest wait their turn). */
  ratePerMinute?: number;
  /**
   * E-mail only: the id of the workspace's subscription topic the message goes out under.
   * Customers who left the topic do not get it (they still get the rest); its unsubscribe
   * link offers to leave this topic only. Ignored for transactional messages.
   */
  topic?: string;
}

/**
 * External effects. Messages are written to an outbox in the step's transaction and
 * delivered after commit with the step's idempotency key, so a retry never sends twice.
 * Trait and audience changes are applied in the step's transaction.
 */
export interface ActionEffects {
  email(message: EmailMessage, options?: MessageOptions): Promise<void>;
  /** Through the workspace's HTTP SMS provider. */
  sms(message: SmsMessage, options?: Omit<MessageOptions, 'topic'>): Promise<void>;
  /** Signed with the workspace's secret (HMAC-SHA256), retried with backoff. */
  webhook(request: WebhookRequest, options?: Pick<MessageOptions, 'ratePerMinute'>): Promise<void>;
  /** Merges traits into the customer's profile. */
  setTraits(traits: Record<string, unknown>): Promise<void>;
  addToAudience(audienceId: string): Promise<void>;
}

export interface ActionLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface HttpRequestSpec {
  url: string;
  method?: WebhookMethod;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** At most the first 64 KiB, as UTF-8. */
  body: string;
}

export interface ActionHttp {
  request(request: HttpRequestSpec): Promise<HttpResponse>;
}

/** A product to offer and the rule behind it (see /api/recommendations). */
export interface ProductRecommendation {
  productId: string;
  name: string | null;
  /** The product the customer bought that leads here. */
  because: { productId: string; name: string | null };
  confidence: number;
  lift: number;
}

/** What a customer's orders say, for personal messages. */
export interface OrderSummary {
  orders: number;
  /** Sum of the orders' `total` properties. */
  totalSpent: number;
  lastOrderAt: string | null;
  daysSinceLastOrder: number | null;
  /** The first product name of the last order. */
  lastProduct: string | null;
  /** The product category bought most often (the latest on a tie). */
  favouriteCategory: string | null;
}

export interface ActionContext {
  customer: ActionCustomer;
  workspace: { id: string; timezone: string };
  trigger: ActionTrigger;
  journey: { id: string; versionId: string; enrollmentId: string; nodeId: string };
  /** Values written by earlier steps of this enrollment. */
  context: Readonly<Record<string, unknown>>;
  /** Stable for (enrollment, node): pass it to any external system that de-duplicates. */
  idempotencyKey: string;
  now: Date;
  /** Whether the customer matches a rule of the segment language, as of now. */
  matches(rule: Rule): Promise<boolean>;
  /**
   * Products the customer has not bought, from the association rules of the workspace
   * (bought together by others), strongest first.
   */
  recommendations(limit: number): Promise<ProductRecommendation[]>;
  /** The customer's orders so far (`Order Completed` events) in a few figures. */
  orderSummary(): Promise<OrderSummary>;
  /**
   * The hour of day (0-23, in the customer's time zone, else the workspace's) in which the
   * customer was most often active (their tracked events) over the 90 days before `now`;
   * null with fewer than 3 such events. For sending when they are likely to be around.
   */
  usualHour(): Promise<number | null>;
  /**
   * A plain HTTP request for reading (a lookup, an enrichment): private addresses are
   * refused unless the server allows them, the server's timeout applies, nothing is
   * retried and a replay of the step asks again. For calls that change something, use
   * `effects.webhook` (outbox: once, retried, signed).
   */
  http: ActionHttp;
  /** A secret of the workspace by name (set in its settings), or undefined. */
  secret(name: string): Promise<string | undefined>;
  /** A number in [0, 1) that is the same on every replay of this step. */
  random(): number;
  /**
   * Renders a Handlebars template over customer, trigger and context (plus `extra`),
   * HTML-escaping every `{{value}}` (use `{{{value}}}` for trusted HTML).
   */
  render(template: string, extra?: Record<string, unknown>): string;
  /** Same as `render` without HTML escaping: for subjects, plain text and addresses. */
  renderText(template: string, extra?: Record<string, unknown>): string;
  effects: ActionEffects;
  logger: ActionLogger;
}

export interface EventWait {
  name: string;
  where?: PropertyFilter[];
  output: string;
}

/** What a step tells the engine to do next. */
export type ActionResult =
  | { kind: 'continue'; output?: string; context?: Record<string, unknown> }
  | {
      kind: 'wait';
      until: Date;
      output?: string;
      context?: Record<string, unknown>;
      /**
       * Also resume when the customer does this event (after the wait started): the
       * step then leaves through `event.output`; at `until` it leaves through `output`.
       */
      event?: EventWait;
    }
  | { kind: 'exit'; reason?: string };

export type OutputsSpec<C> = readonly string[] | ((config: C) => readonly string[]);

export interface ActionSpec<S extends z.ZodType> {
  /** Unique type name, e.g. "send_email" or "acme.slack_post". */
  type: string;
  version: number;
  title: string;
  description: string;
  category: 'flow' | 'messaging' | 'data' | 'integration' | string;
  icon?: string;
  config: S;
  outputs: OutputsSpec<z.output<S>>;
  /**
   * Top-level settings whose string values are Handlebars templates. They are
   * syntax-checked when a journey is published, so a broken template never goes live.
   */
  templateFields?: readonly string[];
  /**
   * The channels the node sends on through `ctx.effects` (`email`, `sms`, `webhook`). A
   * journey with the node is not published in a workspace that has no way to deliver one
   * of them (an SMS node without an SMS provider); the editor says what to set up.
   */
  sends?: readonly MessageChannel[];
  execute(ctx: ActionContext, config: z.output<S>): Promise<ActionResult> | ActionResult;
}
