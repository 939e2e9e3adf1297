import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a request may read `/metrics`: always when no METRICS_TOKEN is configured,
 * else only with `Authorization: Bearer <token>` (compared in constant time).
 */
export function metricsTokenAccepted(
  configured: string | undefined,
  authorization: string | undefined,
): boolean {
  if (!configured) return true;
  const match = /^bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  const given = match?.[1]?.trim();
  if (!given) return false;
  // Hashes have equal lengths, so timingSafeEqual never throws and leaks no length.
  return timingSafeEqual(digest(given), digest(configured));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
