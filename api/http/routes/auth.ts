// Login, logout, who am I, change password. This file is also the example route module:
// schemas with zod, routes with createRoute, `secured(roles, ...)` or `publicRoute(...)`,
// handlers that call the domain (api/domain/users) and never build SQL.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { authenticate } from '../../domain/users/authenticate';
import { recordAudit } from '../../domain/audit/record-audit';
import { createSession, deleteSession, deleteUserSessions, SESSION_TTL_SECONDS } from '../../domain/users/sessions';
import { verifyPassword } from '../../domain/users/passwords';
import { findUserByName, setPassword } from '../../domain/users/users';
import { BadRequestError, TooManyRequestsError, UnauthorizedError } from '../../errors';
import type { RouteModule } from '../env';
import { SESSION_COOKIE } from '../middleware/auth';
import { ErrorSchema, STANDARD_ERRORS } from '../schemas/common';
import { publicRoute, secured } from '../secured';

const UserSchema = z
  .object({
    username: z.string(),
    role: z.enum(['viewer', 'engineer', 'planner', 'admin']),
    mustChangePassword: z.boolean(),
  })
  .openapi('User');

const SessionSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().nullable().openapi({ description: 'send as X-CSRF-Token on cookie-authenticated writes; null for API tokens' }),
  })
  .openapi('Session');

const LoginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

const login = publicRoute(
  createRoute({
    method: 'post',
    path: '/auth/login',
    tags: ['auth'],
    summary: 'Log in; sets the xl_session cookie',
    request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
    responses: {
      200: { content: { 'application/json': { schema: SessionSchema } }, description: 'Logged in' },
      400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Malformed body' },
      401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Wrong user name or password' },
      429: {
        content: { 'application/json': { schema: ErrorSchema } },
        description: 'Too many failed attempts for this account or address',
      },
    },
  }),
);

const logout = secured(
  ['viewer'],
  createRoute({
    method: 'post',
    path: '/auth/logout',
    tags: ['auth'],
    summary: 'Log out (ends the session)',
    responses: { 204: { description: 'Logged out' }, ...STANDARD_ERRORS },
  }),
);

const me = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/auth/me',
    tags: ['auth'],
    summary: 'The logged-in user and the CSRF token',
    responses: { 200: { content: { 'application/json': { schema: SessionSchema } }, description: 'Current user' }, ...STANDARD_ERRORS },
  }),
);

const password = secured(
  ['viewer'],
  createRoute({
    method: 'post',
    path: '/auth/password',
    tags: ['auth'],
    summary: 'Change your own password (ends your other sessions)',
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
          },
        },
        required: true,
      },
    },
    responses: {
      200: {
        content: { 'application/json': { schema: SessionSchema } },
        description: 'Changed; a new session (and CSRF token) replaces the old ones',
      },
      ...STANDARD_ERRORS,
    },
  }),
);

function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_TTL_SECONDS,
    secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
  });
}

const authRoutes: RouteModule = {
  name: 'auth',
  register({ api }, deps) {
    api.openapi(login, async (c) => {
      const { username, password: plain } = c.req.valid('json');
      const address = c.get('clientAddress');
      const wait = deps.loginLimiter.retryAfterSeconds(username, address);
      if (wait > 0) throw new TooManyRequestsError(`Too many failed logins; try again in ${wait} s.`, wait);
      const user = await authenticate(deps.pool, username, plain);
      if (user === undefined) {
        deps.loginLimiter.recordFailure(username, address);
        throw new UnauthorizedError('Wrong user name or password.', 'login_failed');
      }
      deps.loginLimiter.recordSuccess(username);
      const session = await createSession(deps.pool, user.id);
      setSessionCookie(c, session.token);
      await recordAudit(deps.pool, { actor: { id: user.id, username: user.username }, action: 'login', entity: 'session', address });
      return c.json(
        { user: { username: user.username, role: user.role, mustChangePassword: user.mustChangePassword }, csrfToken: session.csrfToken },
        200,
      );
    });

    api.openapi(logout, async (c) => {
      const token = c.get('sessionToken');
      if (token !== undefined) await deleteSession(deps.pool, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    });

    api.openapi(me, (c) => {
      const user = c.get('user')!;
      return c.json(
        {
          user: { username: user.username, role: user.role, mustChangePassword: user.mustChangePassword },
          csrfToken: c.get('csrfToken') ?? null,
        },
        200,
      );
    });

    api.openapi(password, async (c) => {
      const user = c.get('user')!;
      const { currentPassword, newPassword } = c.req.valid('json');
      const record = await findUserByName(deps.pool, user.username);
      if (record === undefined || !(await verifyPassword(record.passwordHash, currentPassword))) {
        throw new BadRequestError('The current password is wrong.', { field: 'currentPassword' });
      }
      if (newPassword === currentPassword)
        throw new BadRequestError('Choose a password different from the current one.', { field: 'newPassword' });
      await setPassword(deps.pool, user.username, newPassword, false);
      await deleteUserSessions(deps.pool, user.id);
      let csrfToken: string | null = null;
      if (c.get('authVia') === 'session') {
        const session = await createSession(deps.pool, user.id);
        setSessionCookie(c, session.token);
        csrfToken = session.csrfToken;
      }
      await recordAudit(deps.pool, {
        actor: { id: user.id, username: user.username },
        action: 'password',
        entity: 'user',
        entityId: user.id,
        address: c.get('clientAddress'),
      });
      return c.json({ user: { username: user.username, role: user.role, mustChangePassword: false }, csrfToken }, 200);
    });
  },
};

export default authRoutes;
