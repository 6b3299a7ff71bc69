// 在线率/完好率/联网率 thresholds per admin area (county; towns inherit from their county; a city-wide
// default). Anyone logged in reads them; only an admin sets them, and every change is audited.
import { createRoute, z } from '@hono/zod-openapi';
import { clearThresholds, DEFAULT_AREA, setThresholds, thresholdTable, type ThresholdChange } from '../../domain/status/thresholds';
import type { RouteModule } from '../env';
import { Fraction as FractionOf, NOT_FOUND, nullable, STANDARD_ERRORS, Timestamp } from '../schemas/common';
import { secured } from '../secured';
import { EffectiveThresholdsSchema } from './status';

const Fraction = z.number().min(0).max(1).openapi({ description: 'fraction 0–1 (0.95 = 95 %)' });
const OwnRow = z
  .object({
    areaCode: z.string().openapi({ description: 'admin area code, or "default"' }),
    online: FractionOf('在线率 threshold set on this area; null inherits').nullable(),
    working: FractionOf('完好率 threshold set on this area; null inherits').nullable(),
    networked: FractionOf('联网率 threshold set on this area; null inherits').nullable(),
    note: z.string(),
    updatedAt: Timestamp(),
    updatedBy: z.string(),
  })
  .openapi('OwnThresholds');

const TableSchema = z
  .object({
    default: z.object({
      online: FractionOf('default 在线率 threshold'),
      working: FractionOf('default 完好率 threshold'),
      networked: FractionOf('default 联网率 threshold'),
      onlineSource: z.enum(['settings', 'built-in']),
      workingSource: z.enum(['settings', 'built-in']),
      networkedSource: z.enum(['settings', 'built-in']),
    }),
    areas: z.array(
      z.object({
        areaCode: z.string(),
        areaName: z.string(),
        level: z.enum(['city', 'county', 'town']),
        parentCode: z.string().nullable(),
        own: nullable(OwnRow).openapi({ description: 'thresholds set on this area itself; null: it inherits every rate' }),
        effective: EffectiveThresholdsSchema,
      }),
    ),
    unmatched: z.array(OwnRow),
  })
  .openapi('StatusThresholdTable');

const AreaCodeParam = z.object({
  areaCode: z
    .string()
    .regex(/^([0-9]{6,12}|default)$/, 'a 6-12 digit admin area code, or "default"')
    .openapi({ example: '610902' }),
});

const Stored = z
  .union([OwnRow, z.object({ online: Fraction.optional(), working: Fraction.optional(), networked: Fraction.optional() }), z.null()])
  .openapi({ description: 'an area\'s own row; for "default" the settings value; null when nothing was set' });
const ChangeSchema = z
  .object({
    areaCode: z.string(),
    before: Stored,
    after: Stored,
    effective: nullable(EffectiveThresholdsSchema).openapi({
      description: 'The area\'s thresholds after the change (the default\'s for "default")',
    }),
  })
  .openapi('StatusThresholdChange');

const listRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/status/thresholds',
    tags: ['status'],
    summary: "在线率/完好率/联网率 thresholds: the default, and every admin area's own and effective values",
    responses: { 200: { content: { 'application/json': { schema: TableSchema } }, description: 'Thresholds' }, ...STANDARD_ERRORS },
  }),
);

const putRoute = secured(
  ['admin'],
  createRoute({
    method: 'put',
    path: '/status/thresholds/{areaCode}',
    tags: ['status'],
    summary: 'Set an area\'s thresholds (fractions; null inherits from the parent area; "default" sets the city-wide default). Audited.',
    request: {
      params: AreaCodeParam,
      body: {
        content: {
          'application/json': {
            schema: z.object({
              online: Fraction.nullable().optional(),
              working: Fraction.nullable().optional(),
              networked: Fraction.nullable().optional(),
              note: z.string().max(500).optional(),
            }),
          },
        },
        required: true,
      },
    },
    responses: {
      200: { content: { 'application/json': { schema: ChangeSchema } }, description: 'Changed' },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const deleteRoute = secured(
  ['admin'],
  createRoute({
    method: 'delete',
    path: '/status/thresholds/{areaCode}',
    tags: ['status'],
    summary:
      'Remove an area\'s own thresholds so it inherits again ("default": back to the built-in 在线率 95 %, 完好率 98 %, 联网率 100 %). Audited.',
    request: { params: AreaCodeParam },
    responses: {
      200: { content: { 'application/json': { schema: ChangeSchema } }, description: 'Removed' },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

async function withEffective(pool: Parameters<typeof thresholdTable>[0], change: ThresholdChange) {
  const table = await thresholdTable(pool);
  const effective =
    change.areaCode === DEFAULT_AREA
      ? {
          online: table.default.online,
          working: table.default.working,
          networked: table.default.networked,
          onlineFrom: DEFAULT_AREA,
          workingFrom: DEFAULT_AREA,
          networkedFrom: DEFAULT_AREA,
        }
      : (table.areas.find((a) => a.areaCode === change.areaCode)?.effective ?? null);
  return { ...change, effective };
}

const thresholdRoutes: RouteModule = {
  name: 'thresholds',
  register({ api }, deps) {
    api.openapi(listRoute, async (c) => c.json(await thresholdTable(deps.pool), 200));

    api.openapi(putRoute, async (c) => {
      const { areaCode } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = c.get('user')!;
      const change = await setThresholds(deps.pool, areaCode, body, {
        id: user.id,
        username: user.username,
        address: c.get('clientAddress'),
      });
      // The NOTIFY reaches this server a moment later; the admin's next read must not wait for it.
      deps.statusReads.invalidate();
      return c.json(await withEffective(deps.pool, change), 200);
    });

    api.openapi(deleteRoute, async (c) => {
      const { areaCode } = c.req.valid('param');
      const user = c.get('user')!;
      const change = await clearThresholds(deps.pool, areaCode, { id: user.id, username: user.username, address: c.get('clientAddress') });
      deps.statusReads.invalidate();
      return c.json(await withEffective(deps.pool, change), 200);
    });
  },
};

export default thresholdRoutes;
