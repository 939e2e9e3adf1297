import {
  defineAction,
  FatalActionError,
  WEBHOOK_METHODS,
  type ActionContext,
  type WebhookMethod,
} from '@switchyard/sdk';
import { z } from 'zod';
import { TemplateService } from '../../content/template.service.js';
import { ratePerMinuteSchema } from './message-options.schema.js';

/** RFC 9110 token characters: what a header name may contain. */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Set by the HTTP client or by delivery (which signs every request). */
export const RESERVED_HEADERS: readonly string[] = [
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'x-switchyard-signature',
];
/** Delivery owns every `X-Switchyard-*` header (signature, timestamp, ids). */
const RESERVED_PREFIX = 'x-switchyard-';
export const MAX_HEADERS = 20;
const MAX_BODY_TEMPLATE = 100_000;

/**
 * Header values are templates inside a list, which `templateFields` (top-level settings
 * only) does not reach: they are syntax-checked here, so publishing reports them too.
 */
const templates = new TemplateService();

/**
 * The default body: the customer and the journey step as JSON. `json.*` are the same
 * values already serialized, so they stay valid JSON whatever the traits contain.
 */
export const DEFAULT_WEBHOOK_BODY = `{
  "customer": {{json.customer}},
  "journey": {{json.journey}}
}`;

/** Whether a header name may be configured (case-insensitive). */
export function isReservedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_HEADERS.includes(lower) || lower.startsWith(RESERVED_PREFIX);
}

/** Extra template values of webhook templates. */
export function webhookTemplateValues(ctx: ActionContext): Record<string, unknown> {
  const customer = {
    id: ctx.customer.id,
    externalId: ctx.customer.externalId,
    traits: ctx.customer.traits,
  };
  return {
    journey: ctx.journey,
    idempotencyKey: ctx.idempotencyKey,
    json: {
      customer: JSON.stringify(customer),
      traits: JSON.stringify(ctx.customer.traits),
      journey: JSON.stringify(ctx.journey),
      trigger: JSON.stringify(ctx.trigger),
      context: JSON.stringify(ctx.context),
    },
  };
}

/** Methods whose request carries the body (a GET never does). */
function sendsBody(method: WebhookMethod): boolean {
  switch (method) {
    case 'GET':
      return false;
    case 'POST':
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
      return true;
    default: {
      const never: never = method;
      throw new Error(`unknown method ${String(never)}`);
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const headerSchema = z
  .strictObject({
    name: z
      .string()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .regex(HEADER_NAME_PATTERN, "must be a header name: letters, digits and !#$%&'*+-.^_`|~")
      .refine((name) => !isReservedHeader(name), {
        message: 'is set by Switchyard itself (Host, Content-Length, X-Switchyard-*)',
      })
      .meta({ title: 'Name', description: 'Header name, e.g. Authorization.' }),
    value: z
      .string()
      .max(8000, 'must be at most 8000 characters')
      .superRefine((value, ctx) => {
        const problem = templates.check(value);
        if (problem)
          ctx.addIssue({
            code: 'custom',
            message: `template error at line ${problem.line}, column ${problem.column}: ${problem.message}`,
          });
      })
      .meta({ title: 'Value', description: 'Header value (a template).' }),
  })
  .meta({ title: 'Header', description: 'A request header.' });

/**
 * Calls an HTTP endpoint. The request goes to the outbox; delivery signs it with the
 * workspace's secret, refuses private addresses and retries with backoff.
 */
export const webhookAction = defineAction({
  type: 'webhook',
  version: 1,
  title: 'Call webhook',
  description: 'Send an HTTP request to another system, signed with the workspace secret.',
  category: 'integration',
  icon: 'webhook',
  config: z
    .strictObject({
      url: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(2000, 'must be at most 2000 characters')
        .meta({
          title: 'URL',
          description:
            'http:// or https:// address (a template), e.g. https://example.com/hooks/switchyard.',
        }),
      method: z
        .enum(WEBHOOK_METHODS)
        .default('POST')
        .meta({ title: 'Method', description: 'HTTP method. A GET request has no body.' }),
      headers: z
        .array(headerSchema)
        .max(MAX_HEADERS, `at most ${MAX_HEADERS} headers`)
        .default([])
        .superRefine((headers, ctx) => {
          const seen = new Set<string>();
          headers.forEach((header, i) => {
            const lower = header.name.toLowerCase();
            if (seen.has(lower))
              ctx.addIssue({
                code: 'custom',
                path: [i, 'name'],
                message: `"${header.name}" is set twice`,
              });
            seen.add(lower);
          });
        })
        .meta({
          title: 'Headers',
          description: 'Extra request headers, e.g. Authorization. Values are templates.',
        }),
      body: z.string().max(MAX_BODY_TEMPLATE).default(DEFAULT_WEBHOOK_BODY).meta({
        'x-widget': 'template',
        title: 'Body',
        description:
          'Request body (a template, not HTML-escaped). {{json.customer}}, {{json.traits}}, {{json.journey}}, {{json.trigger}} and {{json.context}} insert those values as JSON; {{journey.id}} etc. are also available. Sent as application/json when it is valid JSON, else as text/plain.',
      }),
      ratePerMinute: ratePerMinuteSchema,
    })
    .meta({ 'x-summary': '{{method}} {{url}}' }),
  outputs: ['next'],
  templateFields: ['url', 'body'],
  sends: ['webhook'],
  async execute(ctx, config) {
    const values = webhookTemplateValues(ctx);
    const url = ctx.renderText(config.url, values).trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
      throw new FatalActionError(
        url ? `"${url}" is not an http(s) URL` : 'the webhook URL is empty once rendered',
      );
    const headers: Record<string, string> = {};
    for (const header of config.headers) {
      const value = ctx.renderText(header.value, values).trim();
      if (/[\r\n\0]/.test(value))
        throw new FatalActionError(`header "${header.name}" contains a line break once rendered`);
      headers[header.name] = value;
    }
    const body = sendsBody(config.method) ? ctx.renderText(config.body, values) : '';
    const hasBody = body.trim().length > 0;
    if (hasBody && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
      headers['Content-Type'] = isJson(body) ? 'application/json' : 'text/plain; charset=utf-8';
    await ctx.effects.webhook(
      {
        url: parsed.href,
        method: config.method,
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        ...(hasBody ? { body } : {}),
      },
      config.ratePerMinute !== undefined ? { ratePerMinute: config.ratePerMinute } : {},
    );
    return { kind: 'continue' };
  },
});
