// Building outlines and heights in a small box, for the planner's live occlusion preview.
import { createRoute, z } from '@hono/zod-openapi';
import { buildingsInBox, MAX_BUILDINGS, MAX_SPAN_DEG } from '../../domain/buildings';
import type { RouteModule } from '../env';
import { BboxParam, STANDARD_ERRORS } from '../schemas/common';
import { secured } from '../secured';

const BuildingSchema = z
  .object({
    id: z.number().int(),
    heightM: z.number().openapi({ description: 'height used for occlusion, m (the default building height when unknown)' }),
    heightAssumed: z.boolean().openapi({ description: 'true when the height was not surveyed' }),
    ring: z.array(z.tuple([z.number(), z.number()])).openapi({ description: 'outer ring, [lon, lat] WGS-84 degrees' }),
  })
  .openapi('BuildingOutline');

const route = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/buildings',
    tags: ['coverage'],
    summary: "Building outlines and heights in a small box (for the planner's occlusion preview)",
    description: `At most ${MAX_SPAN_DEG}° on a side and ${MAX_BUILDINGS} polygons (truncated says when more exist).`,
    request: { query: z.object({ bbox: BboxParam }) },
    responses: {
      200: {
        content: {
          'application/json': {
            schema: z.object({ buildings: z.array(BuildingSchema), truncated: z.boolean() }).openapi('BuildingsInBox'),
          },
        },
        description: 'Buildings',
      },
      ...STANDARD_ERRORS,
    },
  }),
);

const buildingsRoutes: RouteModule = {
  name: 'buildings',
  register({ api }, deps) {
    api.openapi(route, async (c) => {
      c.header('Cache-Control', 'private, max-age=300');
      return c.json(await buildingsInBox(deps.pool, c.req.valid('query').bbox), 200);
    });
  },
};

export default buildingsRoutes;
