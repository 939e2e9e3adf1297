import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Switchyard-Signature';
export const TIMESTAMP_HEADER = 'X-Switchyard-Timestamp';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the workspace's signing secret.
 * The timestamp (Unix seconds) is signed too, so a receiver can refuse old replays.
 */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

/** The signature and timestamp headers of one request. */
export function signedHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [SIGNATURE_HEADER]: signatureOf(secret, timestamp, body),
    [TIMESTAMP_HEADER]: String(timestamp),
  };
}

/**
 * What a receiver does (documented for integrators; used by the tests): recompute the
 * signature, compare in constant time and refuse timestamps outside the tolerance.
 */
export function verifySignature(
  secret: string,
  body: string,
  signature: string | undefined,
  timestamp: string | undefined,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  const seconds = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, seconds, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
