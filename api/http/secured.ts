// Declares who may call a route, in one place that both enforces it (requireRole middleware)
// and documents it (OpenAPI `security` and `x-roles`, which the security suite iterates):
//   app.openapi(secured(['engineer'], createRoute({ method: 'post', path: '/cameras', ... })), handler)
import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../domain/users/roles';
import type { AppEnv } from './env';
import { errorResponse } from './schemas/common';
import { requireRoleAudited, type AuditRefusals } from './middleware/require-role';

export const ROLES_EXTENSION = 'x-roles';

/**
 * Every request body passes the JSON limit before the route sees it (request-guard.ts), so each
 * route that takes a body documents the 413 (the upload routes document their own limit).
 */
function withBodyLimit<R extends RouteConfig>(route: R): R {
  if (route.request?.body === undefined || route.responses[413] !== undefined) return route;
  return {
    ...route,
    responses: { ...route.responses, 413: errorResponse('Request body larger than the JSON limit (XUELIANG_JSON_LIMIT_KB)') },
  };
}

/** `options.auditRefusals`: write each refusal (403) to the audit log, e.g. refused snapshot reads. */
export function secured<R extends RouteConfig>(
  roles: Role[],
  route: R,
  options: { auditRefusals?: AuditRefusals } = {},
): R & { middleware: MiddlewareHandler<AppEnv>[] } {
  const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
  const who = roles.includes('viewer') ? 'any logged-in user' : `role ${roles.join(' or ')}${roles.includes('admin') ? '' : ' (or admin)'}`;
  return {
    ...withBodyLimit(route),
    description: `${route.description ?? ''}${route.description === undefined ? '' : '\n\n'}Requires ${who}.`,
    security: [{ session: [] }, { bearer: [] }],
    [ROLES_EXTENSION]: roles,
    middleware: [requireRoleAudited(roles, options.auditRefusals), ...(own as MiddlewareHandler<AppEnv>[])],
  };
}

/** For public routes (login, the OpenAPI document): documented as needing no credentials. */
export function publicRoute<R extends RouteConfig>(route: R): R {
  return { ...withBodyLimit(route), security: [], [ROLES_EXTENSION]: [] };
}
