import { createHash, randomBytes } from 'node:crypto';

/**
 * Session tokens and one-time link tokens: 32 random bytes, base64url. Only their
 * SHA-256 is stored, so a database leak gives nobody a session or a link.
 */
export function generateSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The link a person opens: the token travels in the fragment, never to a server log. */
export function linkFor(publicUrl: string, page: 'setup' | 'reset' | 'invite', token: string) {
  return `${publicUrl.replace(/\/+$/, '')}/${page}#token=${token}`;
}
