import { createHash, randomBytes } from 'node:crypto';

export function generateApiKey(): string {
  return `sk_${randomBytes(24).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Reads the key from `Authorization: Bearer <key>` or from HTTP Basic with the key as
 * user name (as Segment's SDKs send their write key).
 */
export function apiKeyFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(' ', 2);
  if (!scheme || !value) return null;
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return value.trim() || null;
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const user = decoded.split(':', 1)[0] ?? '';
      return user || null;
    }
    default:
      return null;
  }
}
