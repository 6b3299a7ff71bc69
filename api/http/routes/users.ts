// Admin routes for accounts (issue 15 items 3 and 6): the login throttle (who is held back, for
// how long; unlock a user name or an address) and API tokens (list with last use, revoke). Tokens
// are still made on the server's command line (`xueliang user token`), never over HTTP.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordAudit } from '../../domain/audit/record-audit';
import { listApiTokens, revokeApiToken } from '../../domain/users/api-tokens';
import { clearThrottle } from '../../domain/users/login-throttle';
import { BadRequestError, NotFoundError } from '../../errors';
import type { AppEnv, RouteModule } from '../env';
import { NOT_FOUND, STANDARD_ERRORS } from '../schemas/common';
import { secured } from '../secured';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const ThrottleEntrySchema = z
  .object({
    scope: z.enum(['user_address', 'address', 'device', 'password']).openapi({
      description:
        'user_address: one user name from one address; address: one address, any user name; device: one user name from a ' +
        "browser holding that user's device cookie; password: wrong current passwords given to POST /auth/password",
    }),
    username: z.string().nullable().openapi({ description: 'the user name tried, lower-cased (null for the address scope)' }),
    address: z.string().nullable().openapi({ description: 'the client address (null for the device and password scopes)' }),
    device: z.string().nullable().openapi({ description: "first 12 hex digits of the device cookie's SHA-256 (device scope only)" }),
    failures: z.number().int().min(1).openapi({ description: 'failed attempts counted (they are forgotten an hour after the last)' }),
    firstFailureAt: z.string().openapi({ format: 'date-time' }),
    lastFailureAt: z.string().openapi({ format: 'date-time' }),
    blockedUntil: z.string().nullable().openapi({ format: 'date-time', description: 'held back until then; null when not held back' }),
    retryAfterSeconds: z.number().int().min(0).openapi({ description: 'seconds until the next attempt is allowed (0: now)' }),
  })
  .openapi('LoginThrottleEntry');

const ThrottleListSchema = z.object({ entries: z.array(ThrottleEntrySchema) }).openapi('LoginThrottle');

const ClearedSchema = z
  .object({
    cleared: z.array(
      z.object({
        scope: ThrottleEntrySchema.shape.scope,
        username: z.string().nullable(),
        address: z.string().nullable(),
        failures: z.number().int().min(0),
      }),
    ),
  })
  .openapi('LoginThrottleCleared');

const ApiTokenSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    label: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastUsedAt: z
      .string()
      .nullable()
      .openapi({ format: 'date-time', description: 'last request made with it (written at most once a minute); null: never used' }),
    expiresAt: z.string().nullable().openapi({ format: 'date-time', description: 'null: no expiry' }),
    revokedAt: z.string().nullable().openapi({ format: 'date-time' }),
    active: z.boolean().openapi({ description: 'neither revoked nor expired' }),
  })
  .openapi('ApiToken');

const UsernameQuery = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'a user name');

const listThrottle = secured(
  ['admin'],
  createRoute({
    method: 'get',
    path: '/login-throttle',
    tags: ['users'],
    summary: 'Login throttle: the user names, addresses and browsers with recent failed attempts, and who is held back',
    responses: { 200: json(ThrottleListSchema, 'Entries, held back first'), ...STANDARD_ERRORS },
  }),
);

const clear = secured(
  ['admin'],
  createRoute({
    method: 'delete',
    path: '/login-throttle',
    tags: ['users'],
    summary: 'Unlock a user name (every address and browser) or an address (every user name tried from it)',
    request: {
      query: z.object({
        username: UsernameQuery.optional(),
        address: z.string().min(1).max(100).optional().openapi({ description: 'a client address as listed' }),
      }),
    },
    responses: { 200: json(ClearedSchema, 'The entries removed (audited as unlock)'), ...STANDARD_ERRORS },
  }),
);

const listTokens = secured(
  ['admin'],
  createRoute({
    method: 'get',
    path: '/tokens',
    tags: ['users'],
    summary: 'API tokens (never the token itself) with last use, expiry and revocation, newest first',
    request: { query: z.object({ username: UsernameQuery.optional() }) },
    responses: { 200: json(z.object({ tokens: z.array(ApiTokenSchema) }).openapi('ApiTokenList'), 'Tokens'), ...STANDARD_ERRORS },
  }),
);

const revoke = secured(
  ['admin'],
  createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    tags: ['users'],
    summary: 'Revoke an API token (it stops working at once; it stays listed with revokedAt)',
    request: {
      params: z.object({
        id: z.coerce
          .number()
          .int()
          .positive()
          .max(2_147_483_647)
          .openapi({ param: { name: 'id', in: 'path' }, type: 'integer' }),
      }),
    },
    responses: { 204: { description: 'Revoked (also when it already was)' }, ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);

function actor(c: Context<AppEnv>) {
  const user = c.get('user')!;
  return { actor: { id: user.id, username: user.username }, address: c.get('clientAddress') };
}

const usersRoutes: RouteModule = {
  name: 'users',
  register({ api }, deps) {
    api.openapi(listThrottle, async (c) => c.json({ entries: await deps.loginThrottle.list() }, 200));

    api.openapi(clear, async (c) => {
      const { username, address } = c.req.valid('query');
      if (username === undefined && address === undefined)
        throw new BadRequestError('Say whom to unlock: username, address, or both.', { field: 'username' });
      const rows = await clearThrottle(deps.pool, { username, address });
      await recordAudit(deps.pool, {
        ...actor(c),
        action: 'unlock',
        entity: 'login_throttle',
        entityId: username ?? address ?? null,
        after: { username: username ?? null, address: address ?? null, cleared: rows.length },
      });
      const cleared = rows.map((r) => ({
        scope: r.scope,
        username: r.scope === 'address' ? null : r.username,
        address: r.scope === 'address' || r.scope === 'user_address' ? r.address : null,
        failures: r.failures,
      }));
      return c.json({ cleared }, 200);
    });

    api.openapi(listTokens, async (c) => c.json({ tokens: await listApiTokens(deps.pool, c.req.valid('query').username) }, 200));

    api.openapi(revoke, async (c) => {
      const { id } = c.req.valid('param');
      const r = await revokeApiToken(deps.pool, id);
      if (r === undefined) throw new NotFoundError(`No API token ${id} (GET /api/v1/tokens lists them).`);
      if (r.newlyRevoked)
        await recordAudit(deps.pool, {
          ...actor(c),
          action: 'revoke',
          entity: 'api_token',
          entityId: r.id,
          after: { username: r.username, label: r.label },
        });
      return c.body(null, 204);
    });
  },
};

export default usersRoutes;
