/** Methods a browser may send cross-site without a preflight that change nothing. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a cookie-authenticated request comes from another site's page (cross-site
 * request forgery). Browsers send `Origin` with every state-changing fetch and form post;
 * it must name this server: the host the request was sent to, or PUBLIC_URL's host when a
 * proxy rewrites Host. A request without `Origin` (curl, scripts, very old browsers) is
 * let through: the session cookie is SameSite=Lax, so a cross-site form post carries no
 * cookie in the first place; this check is the second line. Reads are never refused.
 */
export function isCrossSiteWrite(
  method: string,
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string | undefined,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase()) || origin === undefined) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return true; // "null" (sandboxed frames, file:) or garbage: not this site
  }
  const own = new Set<string>();
  if (host) own.add(host.toLowerCase());
  if (publicUrl) own.add(new URL(publicUrl).host.toLowerCase());
  return !own.has(originHost);
}
