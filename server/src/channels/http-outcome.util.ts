/** What one webhook or SMS provider request came to. */
export type HttpDeliveryResult =
  | { kind: 'sent'; providerMessageId: string }
  /** Worth another attempt (timeouts, 408, 429, 5xx); `retryAfterMs` from Retry-After. */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** Will not pass on a retry (other 4xx, redirects, refused addresses, bad requests). */
  | { kind: 'failed'; error: string };

/** A Retry-After longer than this is cut to it: the message still gets its attempts. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;
const EXCERPT_CHARS = 200;

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The start of the response body (decoded as UTF-8). */
  body: string;
}

/** 2xx is sent; 408, 429 and 5xx are retried; anything else fails for good. */
export function resultOfAnswer(answer: HttpAnswer, now: Date): HttpDeliveryResult {
  const { status } = answer;
  if (status >= 200 && status < 300)
    return { kind: 'sent', providerMessageId: providerIdOf(answer) ?? `HTTP ${status}` };
  const error = `HTTP ${status}${answer.body.trim() ? `: ${excerpt(answer.body)}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(headerValue(answer.headers, 'retry-after'), now);
    return { kind: 'retry', error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status >= 300 && status < 400)
    return { kind: 'failed', error: `${error} (redirects are not followed)` };
  return { kind: 'failed', error };
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now (capped); else undefined. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** One line of at most 200 characters, for last_error. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS - 1)}…` : line;
}

/** An id the provider gave the message: a JSON body's id / sid / messageId / message_id. */
function providerIdOf(answer: HttpAnswer): string | undefined {
  const type = headerValue(answer.headers, 'content-type') ?? '';
  if (!/json/i.test(type)) return undefined;
  try {
    const parsed = JSON.parse(answer.body) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const record = parsed as Record<string, unknown>;
    for (const key of ['id', 'sid', 'messageId', 'message_id']) {
      const value = record[key];
      if ((typeof value === 'string' && value !== '') || typeof value === 'number')
        return String(value).slice(0, 200);
    }
  } catch {
    // Not JSON after all (or cut short): no id.
  }
  return undefined;
}

function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
