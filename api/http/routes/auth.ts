// Login, logout, who am I, change password. This file is also the example route module:
// schemas with zod, routes with createRoute, `secured(roles, ...)` or `publicRoute(...)`,
// handlers that call the domain (api/domain/users) and never build SQL.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authenticate } from '../../domain/users/authenticate';
import { recordAudit } from '../../domain/audit/record-audit';
import { revokeUserTokens } from '../../domain/users/api-tokens';
import { deviceFor, DEVICE_COOKIE_MAX_AGE_SECONDS, issueDevice, touchDevice } from '../../domain/users/login-devices';
import type { CountedKey, ThrottleKey, LoginThrottle } from '../../domain/users/login-throttle';
import { createSession, deleteSession, deleteUserSessions, SESSION_TTL_SECONDS } from '../../domain/users/sessions';
import { verifyPassword } from '../../domain/users/passwords';
import { findUserByName, setPassword } from '../../domain/users/users';
import { BadRequestError, TooManyRequestsError, UnauthorizedError } from '../../errors';
import type { AppEnv, RouteModule } from '../env';
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

const PasswordChangedSchema = SessionSchema.extend({
  revokedApiTokens: z.number().int().min(0).openapi({ description: "how many of the user's API tokens the change revoked" }),
}).openapi('PasswordChanged');

/** The browser's device cookie: lets a user who logged in here before past an address's throttle. */
export const DEVICE_COOKIE = 'xl_device';

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
        description:
          'Held back after failed attempts for this user name from this address (or from this address, or this ' +
          'browser): Retry-After says for how many seconds. The delay doubles with each further failure.',
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
    summary: 'Change your own password (ends your other sessions and, unless told not to, revokes your API tokens)',
    description:
      'Wrong current passwords are throttled like logins (429 with Retry-After after a few) and audited. ' +
      '`revokeApiTokens` (default true) revokes every API token of the user: a password change is often a ' +
      'reaction to a leak, and a token made earlier should not outlive it; send false to keep scripts running.',
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({
              currentPassword: z.string().min(1).max(256),
              newPassword: z.string().min(1).max(256),
              revokeApiTokens: z.boolean().optional().openapi({ description: "revoke the user's API tokens (default true)" }),
            }),
          },
        },
        required: true,
      },
    },
    responses: {
      200: {
        content: { 'application/json': { schema: PasswordChangedSchema } },
        description: 'Changed; a new session (and CSRF token) replaces the old ones',
      },
      ...STANDARD_ERRORS,
      429: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Too many wrong current passwords: Retry-After' },
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

function setDeviceCookie(c: Context, token: string): void {
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/api/v1/auth',
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
  });
}

const describeKey = (k: ThrottleKey) =>
  k.scope === 'address'
    ? `address ${k.address}`
    : k.scope === 'device'
      ? `${k.username} on this browser`
      : `${k.username} from ${k.address}`;

/** Audits the delays a failure started (a lockout, however short), one entry per key. */
async function auditLockouts(
  c: Context<AppEnv>,
  throttle: LoginThrottle,
  counted: CountedKey[],
  actor: { id: number | null; username: string },
): Promise<void> {
  for (const k of counted) {
    if (k.delayMs === 0) continue;
    await recordAudit(c.get('deps').pool, {
      actor,
      action: 'lockout',
      entity: 'login_throttle',
      entityId: `${k.scope}:${k.scope === 'address' ? k.address : k.username}`,
      after: {
        scope: k.scope,
        username: k.scope === 'address' ? null : k.username,
        address: k.scope === 'device' ? null : k.address || null,
        failures: k.failures,
        delaySeconds: Math.ceil(k.delayMs / 1000),
        free: throttle.rule(k.scope).free,
      },
      address: c.get('clientAddress'),
    });
  }
}

const authRoutes: RouteModule = {
  name: 'auth',
  register({ api }, deps) {
    api.openapi(login, async (c) => {
      const { username, password: plain } = c.req.valid('json');
      const address = c.get('clientAddress');
      const name = username.toLowerCase();
      const device = await deviceFor(deps.pool, getCookie(c, DEVICE_COOKIE), name);
      const keys: ThrottleKey[] =
        device !== undefined
          ? [{ scope: 'device', username: name, address: device }]
          : [
              { scope: 'user_address', username: name, address },
              { scope: 'address', username: '', address },
            ];
      const attempt = await deps.loginThrottle.attempt(keys);
      if (!attempt.allowed) {
        // Not audited one by one: a held-back attempt costs the attacker nothing, each row would
        // cost us; the lockout that started the delay is in the log.
        throw new TooManyRequestsError(
          `Too many failed logins for ${describeKey(attempt.key)}; try again in ${attempt.retryAfterSeconds} s.`,
          attempt.retryAfterSeconds,
        );
      }
      const user = await authenticate(deps.pool, username, plain);
      if (user === undefined) {
        const actor = { id: null, username };
        await recordAudit(deps.pool, {
          actor,
          action: 'login_failed',
          entity: 'user',
          entityId: username,
          after: { failures: Object.fromEntries(attempt.counted.map((k) => [k.scope, k.failures])) },
          address,
        });
        await auditLockouts(c, deps.loginThrottle, attempt.counted, actor);
        throw new UnauthorizedError('Wrong user name or password.', 'login_failed');
      }
      await deps.loginThrottle.succeeded(attempt.counted);
      const session = await createSession(deps.pool, user.id);
      // The session cookie first: scripts that read only the first Set-Cookie keep working.
      setSessionCookie(c, session.token);
      if (device === undefined) setDeviceCookie(c, await issueDevice(deps.pool, user.id));
      else await touchDevice(deps.pool, device);
      await recordAudit(deps.pool, { actor: { id: user.id, username: user.username }, action: 'login', entity: 'session', address });
      return c.json(
        { user: { username: user.username, role: user.role, mustChangePassword: user.mustChangePassword }, csrfToken: session.csrfToken },
        200,
      );
    });

    api.openapi(logout, async (c) => {
      const user = c.get('user')!;
      const token = c.get('sessionToken');
      if (token !== undefined) await deleteSession(deps.pool, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      await recordAudit(deps.pool, {
        actor: { id: user.id, username: user.username },
        action: 'logout',
        entity: 'session',
        after: { via: c.get('authVia') ?? null },
        address: c.get('clientAddress'),
      });
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
      const { currentPassword, newPassword, revokeApiTokens } = c.req.valid('json');
      const address = c.get('clientAddress');
      const actor = { id: user.id, username: user.username };
      // Guessing the current password with a stolen session is throttled like a login.
      const attempt = await deps.loginThrottle.attempt([{ scope: 'password', username: user.username.toLowerCase(), address: '' }]);
      if (!attempt.allowed) {
        throw new TooManyRequestsError(
          `Too many wrong current passwords; try again in ${attempt.retryAfterSeconds} s.`,
          attempt.retryAfterSeconds,
        );
      }
      const record = await findUserByName(deps.pool, user.username);
      if (record === undefined || !(await verifyPassword(record.passwordHash, currentPassword))) {
        await recordAudit(deps.pool, {
          actor,
          action: 'password_failed',
          entity: 'user',
          entityId: user.id,
          after: { reason: 'wrong current password', failures: attempt.counted[0]?.failures ?? null },
          address,
        });
        await auditLockouts(c, deps.loginThrottle, attempt.counted, actor);
        throw new BadRequestError('The current password is wrong.', { field: 'currentPassword' });
      }
      await deps.loginThrottle.succeeded(attempt.counted);
      if (newPassword === currentPassword)
        throw new BadRequestError('Choose a password different from the current one.', { field: 'newPassword' });
      await setPassword(deps.pool, user.username, newPassword, false);
      await deleteUserSessions(deps.pool, user.id);
      const revoked = revokeApiTokens === false ? [] : await revokeUserTokens(deps.pool, user.id);
      let csrfToken: string | null = null;
      if (c.get('authVia') === 'session') {
        const session = await createSession(deps.pool, user.id);
        setSessionCookie(c, session.token);
        csrfToken = session.csrfToken;
      }
      await recordAudit(deps.pool, {
        actor,
        action: 'password',
        entity: 'user',
        entityId: user.id,
        after: { revokedApiKeys: revoked },
        address,
      });
      return c.json(
        { user: { username: user.username, role: user.role, mustChangePassword: false }, csrfToken, revokedApiTokens: revoked.length },
        200,
      );
    });
  },
};

export default authRoutes;
