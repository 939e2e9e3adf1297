import Handlebars from 'handlebars';
import type { MessageChannel, Rule } from '@switchyard/contracts';
import type {
  ActionContext,
  ActionResult,
  ActionTrigger,
  EmailMessage,
  HttpRequestSpec,
  HttpResponse,
  MessageOptions,
  OrderSummary,
  ProductRecommendation,
  SmsMessage,
  WebhookRequest,
} from '../action.types.js';
import type { ActionDefinition } from '../define-action.js';
import { compileSafeTemplate, createTemplateEnvironment } from '../template-safety.js';

/** Every effect the action asked for, in order (nothing is sent). */
export type CapturedEffect =
  | { effect: 'email'; message: EmailMessage; options: MessageOptions | undefined }
  | { effect: 'sms'; message: SmsMessage; options: MessageOptions | undefined }
  | {
      effect: 'webhook';
      request: WebhookRequest;
      options: Pick<MessageOptions, 'ratePerMinute'> | undefined;
    }
  | { effect: 'setTraits'; traits: Record<string, unknown> }
  | { effect: 'addToAudience'; audienceId: string };

export interface RunActionOptions {
  /** The node's settings as the editor would save them (defaults are applied). */
  config?: unknown;
  customer?: { externalId?: string; traits?: Record<string, unknown>; timezone?: string };
  /** The clock the action sees (`ctx.now`); default 2024-05-01T10:00:00Z. */
  now?: Date;
  context?: Record<string, unknown>;
  trigger?: ActionTrigger;
  /** Answers `ctx.matches(rule)`; default: no rule matches. */
  matches?: (rule: Rule) => boolean;
  /** What `ctx.random()` returns; default 0.5. */
  random?: number;
  recommendations?: ProductRecommendation[];
  orderSummary?: OrderSummary;
  /** What `ctx.usualHour()` answers; default: null (too little activity). */
  usualHour?: number | null;
  /** Answers `ctx.http.request` (every call is captured); default: a call fails. */
  http?: (request: HttpRequestSpec) => HttpResponse | Promise<HttpResponse>;
  /** What `ctx.secret(name)` finds. */
  secrets?: Record<string, string>;
}

export interface RunActionOutcome {
  result: ActionResult;
  /** The output the journey would follow (`next` when the action names none). */
  output: string | null;
  effects: CapturedEffect[];
  /** Every `ctx.http.request` the action made, in order. */
  httpCalls: HttpRequestSpec[];
  logs: { level: 'info' | 'warn' | 'error'; message: string; data?: Record<string, unknown> }[];
}

/** The server's template environment: safe helpers only, no partials, no prototype access. */
const handlebars = createTemplateEnvironment(Handlebars);

/**
 * Runs an action the way a journey step would, without a server: the settings are parsed
 * by the node's own schema (an invalid config throws with the reason), templates render
 * with the server's helpers, effects and logs are captured, and the clock is yours.
 */
export async function runAction(
  action: ActionDefinition,
  options: RunActionOptions = {},
): Promise<RunActionOutcome> {
  const parsed = action.parseConfig(options.config ?? {});
  if (!parsed.success)
    throw new Error(
      `invalid config for ${action.type}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  const now = options.now ?? new Date('2024-05-01T10:00:00Z');
  const effects: CapturedEffect[] = [];
  const httpCalls: HttpRequestSpec[] = [];
  const logs: RunActionOutcome['logs'] = [];
  const customer = {
    id: '1',
    externalId: options.customer?.externalId ?? 'customer-1',
    traits: options.customer?.traits ?? {},
    timezone: options.customer?.timezone ?? 'UTC',
  };
  const trigger: ActionTrigger = options.trigger ?? {
    trigger: { kind: 'segment_entered', segmentId: '00000000-0000-4000-8000-000000000000' },
    segmentName: 'Test segment',
    at: now.toISOString(),
  };
  const context = options.context ?? {};
  const data = { customer, trigger: { kind: trigger.trigger.kind, at: trigger.at }, context };
  const render = (source: string, extra: Record<string, unknown> | undefined, escape: boolean) =>
    compileSafeTemplate(handlebars, source, { escape })({ ...data, ...extra });
  const log =
    (level: 'info' | 'warn' | 'error') => (message: string, data?: Record<string, unknown>) =>
      logs.push({ level, message, ...(data ? { data } : {}) });
  const ctx: ActionContext = {
    customer,
    workspace: { id: 'workspace-1', timezone: 'UTC' },
    trigger,
    journey: {
      id: 'journey-1',
      versionId: 'version-1',
      enrollmentId: 'enrollment-1',
      nodeId: 'node-1',
    },
    context: Object.freeze({ ...context }),
    idempotencyKey: 'enrollment-1.node-1.1',
    now,
    matches: async (rule) => options.matches?.(rule) ?? false,
    recommendations: async (limit) => (options.recommendations ?? []).slice(0, limit),
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
    http: {
      request: async (request) => {
        httpCalls.push(request);
        if (!options.http) throw new Error(`no http answer given to runAction for ${request.url}`);
        return options.http(request);
      },
    },
    secret: async (name) => options.secrets?.[name],
    random: () => options.random ?? 0.5,
    render: (source, extra) => render(source, extra, true),
    renderText: (source, extra) => render(source, extra, false),
    effects: {
      email: async (message, opts) =>
        void effects.push({ effect: declared(action, 'email'), message, options: opts }),
      sms: async (message, opts) =>
        void effects.push({ effect: declared(action, 'sms'), message, options: opts }),
      webhook: async (request, opts) =>
        void effects.push({ effect: declared(action, 'webhook'), request, options: opts }),
      setTraits: async (traits) => void effects.push({ effect: 'setTraits', traits }),
      addToAudience: async (audienceId) =>
        void effects.push({ effect: 'addToAudience', audienceId }),
    },
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
  };
  const result = await action.execute(ctx, parsed.data);
  const output =
    result.kind === 'continue' || result.kind === 'wait' ? (result.output ?? 'next') : null;
  return { result, output, effects, httpCalls, logs };
}

/**
 * A message on a channel the action does not list in `sends` fails its test: publishing
 * checks the workspace can deliver what a node declares, so the list must be complete.
 */
function declared<C extends MessageChannel>(action: ActionDefinition, channel: C): C {
  if (!action.sends.includes(channel))
    throw new Error(
      `${action.type} sends on "${channel}" without declaring it: add sends: [${[...action.sends, channel].map((c) => `'${c}'`).join(', ')}] to its defineAction`,
    );
  return channel;
}
