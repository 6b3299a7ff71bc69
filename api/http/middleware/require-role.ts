// Route-level authorization: `requireRole('engineer')` lets engineers and admins through.
// Use it through `secured()` (api/http/secured.ts) so the roles also land in the OpenAPI
// document, where the security suite reads them. A route whose refusals matter (snapshots of
// public places) names an audit entity: each refusal is then written to the audit log.
import type { MiddlewareHandler } from 'hono';
import { recordAudit } from '../../domain/audit/record-audit';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import { roleAllows, type Role } from '../../domain/users/roles';
import type { AppEnv } from '../env';

export interface AuditRefusals {
  /** Audit entity of the refused read, e.g. camera_snapshot. */
  entity: string;
  /** Path parameter naming the target (its value becomes the entry's entity id). */
  param?: string;
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return requireRoleAudited(roles);
}

export function requireRoleAudited(roles: Role[], refusals?: AuditRefusals): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (user === undefined) throw new UnauthorizedError();
    if (!roleAllows(user.role, roles)) {
      if (refusals !== undefined) {
        const target = refusals.param === undefined ? undefined : c.req.param(refusals.param);
        await recordAudit(c.get('deps').pool, {
          actor: { id: user.id, username: user.username },
          action: 'view_refused',
          entity: refusals.entity,
          entityId: target === undefined ? null : target.slice(0, 64),
          after: { role: user.role, needs: roles, path: c.req.path.slice(0, 200) },
          address: c.get('clientAddress'),
        });
      }
      throw new ForbiddenError(
        `This needs the role ${roles.join(' or ')}${roles.includes('admin') ? '' : ' (or admin)'}; you are ${user.role}.`,
      );
    }
    await next();
  };
}
