/**
 * Reads `token=` from a link's fragment (`/setup#token=...`): the token never reaches a
 * server log because browsers do not send fragments.
 */
export function tokenFromHash(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const token = new URLSearchParams(raw).get('token');
  return token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}
