import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { triggerSegmentId, type Rule } from '@switchyard/contracts';
import {
  type ActionContext,
  type ActionLogger,
  type EmailMessage,
  FatalActionError,
  type HttpRequestSpec,
  type HttpResponse,
  type MessageOptions,
  type OrderSummary,
  type ProductRecommendation,
  type SmsMessage,
  type WebhookRequest,
  WEBHOOK_METHODS,
} from '@switchyard/sdk';
import { z } from 'zod';
import type { TemplateData } from '../content/template-data.types.js';
import { TemplateService } from '../content/template.service.js';
import type { StepEnvironment } from './step-environment.types.js';
import { effectiveTimeZone } from '../actions/built-in/wait-until.action.js';
import { type TrackedMessage, EngagementLinks } from '../engagement/engagement-links.service.js';
import { withTracking } from '../engagement/engagement-tracking.util.js';
import { withUnsubscribeLink } from '../subscriptions/unsubscribe-footer.util.js';
import {
  UnsubscribeLinks,
  type UnsubscribeTarget,
} from '../subscriptions/unsubscribe-links.service.js';

export type CollectedMessage =
  | {
      channel: 'email';
      payload: EmailMessage;
      transactional: boolean;
      ratePerMinute?: number;
      /** The subscription topic it goes out under (marketing e-mail only). */
      topic?: string;
    }
  | {
      channel: 'sms';
      payload: SmsMessage;
      transactional: boolean;
      ratePerMinute?: number;
      topic?: undefined;
    }
  | {
      channel: 'webhook';
      payload: WebhookRequest;
      transactional: boolean;
      ratePerMinute?: number;
      topic?: undefined;
    };

/** Effects an action asked for; applied only if the step succeeds, in its transaction. */
export interface CollectedEffects {
  messages: CollectedMessage[];
  traits: Record<string, unknown>;
  audiences: string[];
}

/** The questions a step may ask the database; bound to the step's transaction by the runner. */
export interface StepQueries {
  matches(rule: Rule): Promise<boolean>;
  recommendations(limit: number): Promise<ProductRecommendation[]>;
  orderSummary(): Promise<OrderSummary>;
  /** The customer's usual hour in this zone (CustomerActivityRepository.usualHour). */
  usualHour(timeZone: string): Promise<number | null>;
  http(request: HttpRequestSpec): Promise<HttpResponse>;
  secret(name: string): Promise<string | undefined>;
}

const emailSchema = z.strictObject({
  to: z.email('is not an email address'),
  subject: z.string().min(1, 'must not be empty').max(2000),
  html: z.string().max(1_000_000).optional(),
  text: z.string().max(1_000_000).optional(),
});
const smsSchema = z.strictObject({
  to: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number (+ and digits)'),
  body: z.string().min(1, 'must not be empty').max(1600),
});
const webhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(4000),
  method: z.enum(WEBHOOK_METHODS),
  headers: z
    .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/), z.string().max(4000))
    .optional(),
  body: z.string().max(1_000_000).optional(),
});
const optionsSchema = z
  .strictObject({
    transactional: z.boolean().optional(),
    ratePerMinute: z.number().int().min(1).max(1_000_000).optional(),
    topic: z.uuid('must be a subscription topic id').optional(),
  })
  .optional();
const uuid = z.uuid();

/** Builds the SDK's ActionContext for one step. */
@Injectable()
export class ActionContextFactory {
  constructor(
    private readonly templates: TemplateService,
    private readonly links: UnsubscribeLinks,
    private readonly engagement: EngagementLinks,
  ) {}

  /**
   * A marketing e-mail as sent: its opens and clicks counted on the step (its unsubscribe
   * links left as they are). Transactional e-mail (a receipt, a password reset) is sent as
   * written, and previews and test sends count nothing.
   */
  private tracked(email: EmailMessage, env: StepEnvironment): EmailMessage {
    const message = {
      workspaceId: env.workspaceId,
      customerId: env.customer.id,
      enrollmentId: env.enrollmentId,
      nodeId: env.node.id,
    };
    return trackedHtml(email, this.engagement, message, (url) => this.links.isOwnLink(url));
  }

  create(
    env: StepEnvironment,
    queries: StepQueries = noQueries,
  ): { ctx: ActionContext; effects: CollectedEffects } {
    const effects: CollectedEffects = { messages: [], traits: {}, audiences: [] };
    const data: TemplateData = {
      customer: env.customer,
      trigger: {
        kind: env.trigger.trigger.kind,
        segmentId: triggerSegmentId(env.trigger.trigger),
        segmentName: env.trigger.segmentName,
        at: env.trigger.at,
        ...(env.trigger.event ? { event: env.trigger.event } : {}),
      },
      context: env.context,
    };
    const links = this.links;
    const unsubscribeUrl = (): string =>
      env.dryRun ? links.previewUrl() : links.url(unsubscribeTargetOf(env));
    // Made only when a template or a marketing e-mail asks for it: most steps send none.
    Object.defineProperty(data, 'unsubscribe_url', { enumerable: true, get: unsubscribeUrl });
    const render = (
      template: string,
      extra: Record<string, unknown> | undefined,
      escape: boolean,
    ): string => {
      try {
        return this.templates.render(template, extra ? { ...data, ...extra } : data, { escape });
      } catch (error) {
        throw new FatalActionError(`template error: ${(error as Error).message}`);
      }
    };
    const key = stepIdempotencyKey(env.enrollmentId, env.node.id, env.seq);
    const ctx: ActionContext = {
      customer: env.customer,
      workspace: { id: env.workspaceId, timezone: env.workspaceTimezone },
      trigger: env.trigger,
      journey: {
        id: env.journeyId,
        versionId: env.versionId,
        enrollmentId: env.enrollmentId,
        nodeId: env.node.id,
      },
      context: Object.freeze({ ...env.context }),
      idempotencyKey: key,
      now: env.now,
      matches: (rule) => queries.matches(rule),
      recommendations: (limit) => {
        if (!Number.isInteger(limit) || limit < 1 || limit > 50)
          return Promise.reject(new FatalActionError('recommendations(limit): 1 to 50'));
        return queries.recommendations(limit);
      },
      orderSummary: () => queries.orderSummary(),
      usualHour: () =>
        queries.usualHour(effectiveTimeZone(env.customer.timezone, env.workspaceTimezone)),
      http: { request: (request) => queries.http(request) },
      secret: (name) => queries.secret(name),
      random: () => stableRandom(key),
      render: (template, extra) => render(template, extra, true),
      renderText: (template, extra) => render(template, extra, false),
      effects: {
        email: async (message, options) => {
          const email = valid(emailSchema, message, 'email');
          const { topic, ...opts } = messageOptions(options);
          const sent = opts.transactional ? email : withUnsubscribeLink(email, unsubscribeUrl());
          effects.messages.push({
            channel: 'email',
            payload: env.dryRun || opts.transactional ? sent : this.tracked(sent, env),
            ...opts,
            ...(topic !== undefined && !opts.transactional ? { topic } : {}),
          });
        },
        sms: async (message, options) => {
          // Topics are for e-mail; an SMS leaves them out (the SDK's type does too).
          const { topic: _topic, ...opts } = messageOptions(options);
          effects.messages.push({
            channel: 'sms',
            payload: valid(smsSchema, message, 'SMS'),
            ...opts,
          });
        },
        webhook: async (request, options) => {
          const { topic: _topic, ...opts } = messageOptions({ ...options, transactional: true });
          effects.messages.push({
            channel: 'webhook',
            payload: valid(webhookSchema, request, 'webhook'),
            ...opts,
          });
        },
        setTraits: async (traits) => {
          if (typeof traits !== 'object' || traits === null || Array.isArray(traits))
            throw new FatalActionError('setTraits takes an object of trait values');
          Object.assign(effects.traits, traits);
        },
        addToAudience: async (audienceId) => {
          if (!uuid.safeParse(audienceId).success)
            throw new FatalActionError(`"${audienceId}" is not an audience id`);
          effects.audiences.push(audienceId);
        },
      },
      logger: actionLogger(env),
    };
    return { ctx, effects };
  }
}

const noQueries: StepQueries = {
  matches: () => Promise.reject(new Error('rule checks need the step runner')),
  recommendations: () => Promise.reject(new Error('recommendations need the step runner')),
  orderSummary: () => Promise.reject(new Error('order summaries need the step runner')),
  usualHour: () => Promise.reject(new Error("a customer's usual hour needs the step runner")),
  http: () => Promise.reject(new Error('HTTP requests need the step runner')),
  secret: () => Promise.reject(new Error('secrets need the step runner')),
};

function valid<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new FatalActionError(
    `invalid ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
  );
}

function messageOptions(options: MessageOptions | undefined): {
  transactional: boolean;
  ratePerMinute?: number;
  topic?: string;
} {
  const parsed = valid(optionsSchema, options, 'message options') ?? {};
  return {
    transactional: parsed.transactional ?? false,
    ...(parsed.ratePerMinute !== undefined ? { ratePerMinute: parsed.ratePerMinute } : {}),
    ...(parsed.topic !== undefined ? { topic: parsed.topic } : {}),
  };
}

/** Whom a step's e-mail unsubscribes, naming the step so the node counts the unsubscribe. */
/** An e-mail's HTML with its opens and clicks counted on the step (withTracking). */
function trackedHtml(
  email: EmailMessage,
  engagement: EngagementLinks,
  message: TrackedMessage,
  keep: (url: string) => boolean,
): EmailMessage {
  if (email.html === undefined) return email;
  return {
    ...email,
    html: withTracking(email.html, {
      clickUrl: (url) => engagement.clickUrl(message, url),
      openUrl: engagement.openUrl(message),
      keep,
    }),
  };
}

export function unsubscribeTargetOf(env: {
  workspaceId: string;
  enrollmentId: string;
  customer: { id: string };
  node: { id: string };
}): UnsubscribeTarget {
  return {
    workspaceId: env.workspaceId,
    customerId: env.customer.id,
    message: { enrollmentId: env.enrollmentId, nodeId: env.node.id },
  };
}

/** Stable for (enrollment, node, visit): the outbox key and what plugins pass downstream. */
export function stepIdempotencyKey(enrollmentId: string, nodeId: string, seq: number): string {
  return `${enrollmentId}.${nodeId}.${seq}`;
}

/** A number in [0, 1) derived from the key: the same on every replay of the step. */
export function stableRandom(key: string): number {
  const digest = createHash('sha256').update(key).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

function actionLogger(env: StepEnvironment): ActionLogger {
  const logger = new Logger(`action:${env.node.type}`);
  const meta = (data?: Record<string, unknown>) => ({
    ...data,
    enrollmentId: env.enrollmentId,
    nodeId: env.node.id,
  });
  return {
    info: (message, data) => logger.log(meta(data), message),
    warn: (message, data) => logger.warn(meta(data), message),
    error: (message, data) => logger.error(meta(data), message),
  };
}
