import { timingSafeEqual } from 'node:crypto';
import type { SecretBox } from './secret-box.js';

/** Bytes of the HMAC kept in a token: 128 bits, enough that none can be guessed. */
const MAC_BYTES = 16;
const TOKEN = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{22})$/;

/** What is signed: the payload, and what else the token is only valid with (a URL). */
const signed = (payload: string, boundTo: string | undefined) =>
  boundTo === undefined ? payload : `${payload}\n${boundTo}`;

function mac(box: SecretBox, purpose: string, message: string): string {
  return box.mac(purpose, message).subarray(0, MAC_BYTES).toString('base64url');
}

/**
 * `<payload as base64url>.<HMAC>`: a token for a public link (an unsubscribe link, a tracked
 * link), signed with a key derived from SECRETS_KEY for `purpose`; `boundTo` is signed too
 * without being carried (the destination of a tracked link comes in the query).
 */
export function signToken(
  box: SecretBox,
  purpose: string,
  payload: string,
  boundTo?: string,
): string {
  const encoded = Buffer.from(payload, 'utf8').toString('base64url');
  return `${encoded}.${mac(box, purpose, signed(payload, boundTo))}`;
}

/** The payload of a token made by signToken with the same purpose and `boundTo`, else null. */
export function openToken(
  box: SecretBox,
  purpose: string,
  token: string,
  boundTo?: string,
): string | null {
  const match = TOKEN.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const payload = Buffer.from(match[1], 'base64url').toString('utf8');
  const expected = Buffer.from(mac(box, purpose, signed(payload, boundTo)));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? payload : null;
}
