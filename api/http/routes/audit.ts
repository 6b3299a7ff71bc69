// The audit log for admins (issue 15 item 8): filtered and paged newest first, and the same
// selection as CSV (UTF-8 with BOM, the exports' escaping). Reading it is not itself audited
// (it would write a row per page); exporting it is.
import { createRoute, z } from '@hono/zod-openapi';
import { auditCsv, listAudit, type AuditFilter } from '../../domain/audit/audit-log';
import { recordAudit } from '../../domain/audit/record-audit';
import type { RouteModule } from '../env';
import { STANDARD_ERRORS } from '../schemas/common';
import { IsoDayOrInstant } from '../schemas/dates';
import { secured } from '../secured';

const Instant = IsoDayOrInstant;

const FilterQuery = z.object({
  actor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'user name of the actor, exactly (cli:<OS user> for the command line)' }),
  action: z
    .string()
    .regex(/^[a-z_]{1,40}(,[a-z_]{1,40}){0,19}$/, 'one or more actions separated by commas, e.g. login_failed,lockout')
    .optional()
    .openapi({ description: 'actions, comma-separated (create, update, delete, import, login, login_failed, lockout, logout, …)' }),
  entity: z
    .string()
    .regex(/^[a-z_]{1,40}$/, 'an entity name such as camera, plan, user')
    .optional()
    .openapi({ description: 'target kind' }),
  entityId: z.string().min(1).max(200).optional().openapi({ description: 'target id (with entity): a device id, plan id, user id…' }),
  from: Instant.optional().openapi({ type: 'string', description: 'entries at or after (ISO date = 00:00 UTC, or date-time)' }),
  to: Instant.optional().openapi({ type: 'string', description: 'entries before (exclusive)' }),
});

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ format: 'date-time' }),
    userId: z.number().int().nullable().openapi({ description: 'null for the command line, failed logins and deleted users' }),
    username: z.string().openapi({ description: 'the actor: a user name, cli:<OS user>, or the name a failed login tried' }),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'the target before (secrets removed)' }),
    after: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'the target after, or what happened (secrets removed)' }),
    address: z.string().nullable().openapi({ description: 'client address (null for the command line)' }),
  })
  .openapi('AuditEntry');

const list = secured(
  ['admin'],
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['audit'],
    summary: 'The audit log, newest first, filtered and paged',
    request: {
      query: FilterQuery.extend({
        limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ type: 'integer', description: 'page size (1..1000)' }),
        cursor: z
          .string()
          .regex(/^\d{1,19}$/, 'the nextCursor of the previous page')
          .optional(),
      }),
    },
    responses: {
      200: {
        content: {
          'application/json': {
            schema: z
              .object({
                items: z.array(AuditEntrySchema),
                nextCursor: z.string().nullable().openapi({ description: 'pass as cursor for the next (older) page; null at the end' }),
              })
              .openapi('AuditPage'),
          },
        },
        description: 'One page',
      },
      ...STANDARD_ERRORS,
    },
  }),
);

const csv = secured(
  ['admin'],
  createRoute({
    method: 'get',
    path: '/audit.csv',
    tags: ['audit'],
    summary: 'The filtered audit log as CSV (UTF-8 with BOM, newest first, at most 1,000,000 rows)',
    request: { query: FilterQuery },
    responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'The CSV file' }, ...STANDARD_ERRORS },
  }),
);

function filterOf(q: z.infer<typeof FilterQuery>): AuditFilter {
  return {
    actor: q.actor,
    actions: q.action?.split(','),
    entity: q.entity,
    entityId: q.entityId,
    from: q.from,
    to: q.to,
  };
}

const auditRoutes: RouteModule = {
  name: 'audit',
  register({ api }, deps) {
    api.openapi(list, async (c) => {
      const q = c.req.valid('query');
      return c.json(await listAudit(deps.pool, filterOf(q), { limit: q.limit, cursor: q.cursor }), 200);
    });

    api.openapi(csv, async (c) => {
      const q = c.req.valid('query');
      const user = c.get('user')!;
      const filter = filterOf(q);
      await recordAudit(deps.pool, {
        actor: { id: user.id, username: user.username },
        action: 'export',
        entity: 'audit_log',
        after: { ...q, from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null },
        address: c.get('clientAddress'),
      });
      const chunks = auditCsv(deps.pool, filter);
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (next.done === true) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          } catch (err) {
            // The headers are sent: cut the stream so the download shows as broken, log why.
            console.error('[api] audit export failed:', (err as Error).message);
            controller.error(new Error('export failed'));
          }
        },
        async cancel() {
          await chunks.return(undefined);
        },
      });
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="audit-log.csv"',
        'Cache-Control': 'no-store',
      });
    });
  },
};

export default auditRoutes;
