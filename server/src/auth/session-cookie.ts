import type { CookieSerializeOptions } from '@fastify/cookie';

/** The web session cookie: an opaque random token; the server keeps only its hash. */
export const SESSION_COOKIE = 'sy_session';

/** httpOnly, SameSite=Lax, Secure when the app is served over https. */
export function sessionCookieOptions(
  publicUrl: string,
  maxAgeSeconds: number,
): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    maxAge: maxAgeSeconds,
  };
}
