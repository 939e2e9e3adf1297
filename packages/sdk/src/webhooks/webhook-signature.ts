import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` under the workspace's signing key. */
export const SIGNATURE_HEADER = 'X-Switchyard-Signature';
/** Unix seconds when the request was signed; signed too, so old replays can be refused. */
export const TIMESTAMP_HEADER = 'X-Switchyard-Timestamp';
/** How far a request's timestamp may be from the receiver's clock, by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The signature of `body` sent at `timestamp` (Unix seconds) with `secret`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

/** The signature and timestamp headers Switchyard sends with a request signed at `now`. */
export function signedHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [SIGNATURE_HEADER]: signatureOf(secret, timestamp, body),
    [TIMESTAMP_HEADER]: String(timestamp),
  };
}

/**
 * Whether `signature` and `timestamp` (the two headers' values) sign `body` with `secret`,
 * compared in constant time, the timestamp within `toleranceSeconds` of `now`.
 */
export function verifySignature(
  secret: string,
  body: string,
  signature: string | undefined,
  timestamp: string | undefined,
  now: Date = new Date(),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  const seconds = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, seconds, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Request headers as Node's `req.headers` or a Fetch `Headers` object has them. */
export type ReceivedHeaders =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | { get(name: string): string | null };

/**
 * For a service that receives Switchyard's webhooks or SMS requests: whether the request
 * really comes from the workspace whose signing key is `secret`. `body` is the raw body
 * as received (before any JSON parsing), `headers` the request's headers.
 *
 * ```ts
 * if (!verifyWebhook({ secret: process.env.SWITCHYARD_SIGNING_SECRET!, body: raw, headers: req.headers }))
 *   return res.status(401).end();
 * ```
 */
export function verifyWebhook(request: {
  secret: string;
  body: string;
  headers: ReceivedHeaders;
  now?: Date;
  toleranceSeconds?: number;
}): boolean {
  const { secret, body, headers, now, toleranceSeconds } = request;
  return verifySignature(
    secret,
    body,
    headerOf(headers, SIGNATURE_HEADER),
    headerOf(headers, TIMESTAMP_HEADER),
    now,
    toleranceSeconds,
  );
}

function headerOf(headers: ReceivedHeaders, name: string): string | undefined {
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== lower) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}
