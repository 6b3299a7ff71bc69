// Authentication for every request: a session cookie (browser) or a bearer API token (scripts).
// Everything under /api/, /tiles/ and /metrics needs one of them except the few public paths
// below; the rest of the site (the web app's files) is public. Cookie-authenticated writes must
// carry the session's CSRF token in X-CSRF-Token (a token-authenticated script has no ambient
// credential a foreign page could ride on, so it needs none).
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import { findApiTokenUser, findSession } from '../../domain/users/sessions';
import type { AppEnv } from '../env';

export const SESSION_COOKIE = 'xl_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Paths anyone may call. Keep this list short; the security suite checks everything else. */
export const PUBLIC_PATHS: readonly (string | RegExp)[] = [
  '/healthz',
  '/api/v1/auth/login',
  '/api/v1/openapi.json',
  /^\/api\/v1\/docs(\/[A-Za-z0-9._-]*)?$/,
];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isProtectedPath(path: string): boolean {
  if (PUBLIC_PATHS.some((p) => (typeof p === 'string' ? p === path : p.test(path)))) return false;
  return path.startsWith('/api/') || path === '/api' || path.startsWith('/tiles/') || path === '/tiles' || path === '/metrics';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { pool } = c.get('deps');
    c.set('user', undefined);
    c.set('authVia', undefined);
    const header = c.req.header('authorization');
    if (header !== undefined && /^bearer /i.test(header)) {
      const user = await findApiTokenUser(pool, header.slice(7).trim());
      if (user !== undefined) {
        c.set('user', user);
        c.set('authVia', 'token');
      }
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      if (token !== undefined && token !== '') {
        const session = await findSession(pool, token);
        if (session !== undefined) {
          c.set('user', session.user);
          c.set('authVia', 'session');
          c.set('sessionToken', token);
          c.set('csrfToken', session.csrfToken);
        }
      }
    }
    const path = c.req.path;
    if (isProtectedPath(path)) {
      const user = c.get('user');
      if (user === undefined) throw new UnauthorizedError();
      if (c.get('authVia') === 'session' && !SAFE_METHODS.has(c.req.method)) {
        const sent = c.req.header(CSRF_HEADER) ?? '';
        if (!sameSecret(sent, c.get('csrfToken') ?? '')) {
          throw new ForbiddenError(`Missing or wrong ${CSRF_HEADER} header: send the csrfToken from login or /api/v1/auth/me.`, 'csrf');
        }
      }
      // A one-time password must be replaced before anything else is done with it. An API token
      // is a separate credential made on the server's command line, so it is not held back.
      if (user.mustChangePassword && c.get('authVia') === 'session' && !path.startsWith('/api/v1/auth/')) {
        throw new ForbiddenError('Change your one-time password first (POST /api/v1/auth/password).', 'password_change_required');
      }
    }
    await next();
  };
}
