import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

/**
 * The session cookie holds the same kind of opaque token as a bearer token (only its hash is stored), so a
 * session expires, is revoked and is checked exactly as a token is.
 */
export const SESSION_COOKIE = 'tracker_session';

/** The secret that the forms' CSRF tokens are checked against. */
export const CSRF_COOKIE = 'tracker_csrf';

/** httpOnly, SameSite=Lax, and Secure whenever the site is served over https. */
export function cookieOptions(publicUrl: string, expires?: Date): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    ...(expires ? { expires } : {}),
  };
}

export function sessionToken(request: FastifyRequest): string | undefined {
  const token = request.cookies?.[SESSION_COOKIE];
  return typeof token === 'string' && /^\S{20,200}$/.test(token) ? token : undefined;
}
