import type { Rule } from '@switchyard/contracts';
import type {
  ActionContext,
  ActionTrigger,
  OrderSummary,
  ProductRecommendation,
} from '@switchyard/sdk';
import type { CapturedEffect } from '@switchyard/sdk/testing';
import { TemplateService } from '../../content/template.service.js';

/**
 * A fake ActionContext for unit tests of action nodes: templates render with the real
 * TemplateService, and every effect, rule check and log line is recorded in order.
 */

export const TEST_NOW = new Date('2024-05-01T10:00:00Z');

/** Every effect call, as the SDK's test harness captures them. */
export type EffectCall = CapturedEffect;

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  data: Record<string, unknown> | undefined;
}

export interface FakeContextOptions {
  traits?: Record<string, unknown>;
  timezone?: string;
  workspaceTimezone?: string;
  now?: Date;
  context?: Record<string, unknown>;
  trigger?: ActionTrigger;
  /** Answers `ctx.matches`; default: no rule matches. */
  matches?: (rule: Rule) => boolean | Promise<boolean>;
  /** What `ctx.random()` returns (default 0.5). */
  random?: number;
  /** What `ctx.recommendations()` offers (default none); the limit is applied. */
  recommendations?: ProductRecommendation[];
  /** What `ctx.orderSummary()` answers (default: no orders). */
  orderSummary?: OrderSummary;
  /** What `ctx.usualHour()` answers (default: null, too little activity). */
  usualHour?: number | null;
}

export interface FakeContext {
  ctx: ActionContext;
  /** Every effect call, in order. */
  calls: EffectCall[];
  /** Every rule `ctx.matches` was asked about, in order. */
  rulesChecked: Rule[];
  logs: LogLine[];
}

const templates = new TemplateService();

export function fakeContext(options: FakeContextOptions = {}): FakeContext {
  const calls: EffectCall[] = [];
  const rulesChecked: Rule[] = [];
  const logs: LogLine[] = [];
  const now = options.now ?? TEST_NOW;
  const customer = {
    id: '7',
    externalId: 'cust-7',
    traits: options.traits ?? {},
    timezone: options.timezone ?? 'UTC',
  };
  const trigger: ActionTrigger = options.trigger ?? {
    trigger: { kind: 'segment_entered', segmentId: '5b0f6a52-3c1e-4a57-9a3e-1d2c3b4a5f60' },
    segmentName: 'VIP',
    at: now.toISOString(),
  };
  const context = options.context ?? {};
  const data = {
    customer,
    trigger: {
      kind: trigger.trigger.kind,
      segmentId: 'segmentId' in trigger.trigger ? trigger.trigger.segmentId : null,
      segmentName: trigger.segmentName,
      at: trigger.at,
    },
    context,
  };
  const log = (level: LogLine['level']) => (message: string, data?: Record<string, unknown>) => {
    logs.push({ level, message, data });
  };
  const ctx: ActionContext = {
    customer,
    workspace: { id: 'ws-1', timezone: options.workspaceTimezone ?? 'UTC' },
    trigger,
    journey: { id: 'j-1', versionId: 'v-1', enrollmentId: 'e-1', nodeId: 'n-1' },
    context: Object.freeze({ ...context }),
    idempotencyKey: 'e-1.n-1',
    now,
    async matches(rule) {
      rulesChecked.push(rule);
      return options.matches ? options.matches(rule) : false;
    },
    random: () => options.random ?? 0.5,
    recommendations: async (limit) => (options.recommendations ?? []).slice(0, limit),
    http: {
      request: async () => {
        throw new Error('the fake context makes no HTTP requests');
      },
    },
    secret: async () => undefined,
    usualHour: async () => options.usualHour ?? null,
    orderSummary: async () =>
      options.orderSummary ?? {
        orders: 0,
        totalSpent: 0,
        lastOrderAt: null,
        daysSinceLastOrder: null,
        lastProduct: null,
        favouriteCategory: null,
      },
    render: (t, extra) => templates.render(t, { ...data, ...extra }),
    renderText: (t, extra) => templates.render(t, { ...data, ...extra }, { escape: false }),
    effects: {
      async email(message, opts) {
        calls.push({ effect: 'email', message, options: opts });
      },
      async sms(message, opts) {
        calls.push({ effect: 'sms', message, options: opts });
      },
      async webhook(request, opts) {
        calls.push({ effect: 'webhook', request, options: opts });
      },
      async setTraits(traits) {
        calls.push({ effect: 'setTraits', traits });
      },
      async addToAudience(audienceId) {
        calls.push({ effect: 'addToAudience', audienceId });
      },
    },
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
  };
  return { ctx, calls, rulesChecked, logs };
}
