// Route-level authorization: `requireRole('engineer')` lets engineers and admins through.
// Use it through `secured()` (api/http/secured.ts) so the roles also land in the OpenAPI
// document, where the security suite reads them.
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import { roleAllows, type Role } from '../../domain/users/roles';
import type { AppEnv } from '../env';

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (user === undefined) throw new UnauthorizedError();
    if (!roleAllows(user.role, roles)) {
      throw new ForbiddenError(
        `This needs the role ${roles.join(' or ')}${roles.includes('admin') ? '' : ' (or admin)'}; you are ${user.role}.`,
      );
    }
    await next();
  };
}
