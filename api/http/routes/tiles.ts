// Vector tiles /tiles/{layer}/{z}/{x}/{y}.mvt (outside /api/v1 so map styles stay short).
// HTTP behaviour lives here: 204 for an empty tile, ETag/304, Cache-Control. The tile bytes
// come from api/domain/tiles. Any logged-in user (camera positions are sensitive).
import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { BadRequestError } from '../../errors';
import { LAYER_SPECS, renderTile, TILE_LAYERS, validTile, type TileLayer } from '../../domain/tiles/render-tile';
import type { RouteModule } from '../env';
import { requireRole } from '../middleware/require-role';
import { AllDatesParam, AsOfParam, LevelParam, NowParam } from '../schemas/dates';
import { NOT_FOUND, STANDARD_ERRORS } from '../schemas/common';
import { ROLES_EXTENSION } from '../secured';

const TileQuery = z.object({ asOf: AsOfParam, now: NowParam, level: LevelParam, allDates: AllDatesParam });

const tilesRoutes: RouteModule = {
  name: 'tiles',
  register({ root }, deps) {
    // Hono cannot put a suffix after a path parameter, so the handler matches {y}.mvt itself and
    // the route is documented separately.
    root.openAPIRegistry.registerPath({
      method: 'get',
      path: '/tiles/{layer}/{z}/{x}/{y}.mvt',
      tags: ['tiles'],
      summary: 'Mapbox vector tile of one layer (one MVT layer named like the path segment, blind-spots → blind_spots)',
      description:
        "Empty tiles are 204. ETag/If-None-Match gives 304. Below a layer's minimum zoom the tile is empty " +
        '(buildings from z14, cameras z8, footprints z12, targets z10, blind spots z9, roads z6).\n\nRequires any logged-in user.',
      security: [{ session: [] }, { bearer: [] }],
      [ROLES_EXTENSION]: ['viewer'],
      request: {
        params: z.object({
          layer: z.enum(TILE_LAYERS).openapi({ example: 'cameras' }),
          z: z.string().openapi({ example: '14' }),
          x: z.string().openapi({ example: '13263' }),
          y: z.string().openapi({ example: '6598' }),
        }),
        query: TileQuery,
      },
      responses: {
        200: {
          description: 'MVT bytes',
          content: { 'application/vnd.mapbox-vector-tile': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        204: { description: 'Nothing in this tile' },
        304: { description: 'Unchanged (If-None-Match)' },
        ...STANDARD_ERRORS,
        ...NOT_FOUND,
      },
    });

    root.get('/tiles/:layer/:z/:x/:file', requireRole('viewer'), async (c) => {
      const layer = c.req.param('layer');
      const match = /^(\d{1,7})\.mvt$/.exec(c.req.param('file'));
      const z = Number(c.req.param('z'));
      const x = Number(c.req.param('x'));
      if (!(TILE_LAYERS as readonly string[]).includes(layer)) {
        throw new BadRequestError(`Unknown tile layer "${layer}": use ${TILE_LAYERS.join(', ')}.`, { field: 'layer' });
      }
      if (
        match === null ||
        !/^\d{1,2}$/.test(c.req.param('z')) ||
        !/^\d{1,7}$/.test(c.req.param('x')) ||
        !validTile(z, x, Number(match[1]))
      ) {
        throw new BadRequestError('Not a tile address: expected /tiles/{layer}/{z}/{x}/{y}.mvt with 0 ≤ z ≤ 22 and 0 ≤ x, y < 2^z.', {
          field: 'z',
        });
      }
      const parsed = TileQuery.safeParse(c.req.query());
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BadRequestError(issue?.message ?? 'invalid query', { field: String(issue?.path[0] ?? 'query') });
      }
      const { asOf, now, level, allDates } = parsed.data;
      const options = { ...(asOf === undefined ? {} : { asOf }), now, ...(level === undefined ? {} : { level }), allDates };
      const bytes = await renderTile(deps.pool, layer as TileLayer, z, x, Number(match[1]), options, deps.tileCache, deps.blindSpotsAsOf);
      c.header('Cache-Control', LAYER_SPECS[layer as TileLayer].dynamic ? 'private, max-age=30' : 'private, max-age=3600');
      c.header('Vary', 'Cookie, Authorization');
      if (bytes.length === 0) return c.body(null, 204);
      const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`;
      c.header('ETag', etag);
      const ifNoneMatch = c.req.header('if-none-match');
      if (
        ifNoneMatch !== undefined &&
        ifNoneMatch
          .split(',')
          .map((s) => s.trim().replace(/^W\//, ''))
          .includes(etag)
      )
        return c.body(null, 304);
      return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'application/vnd.mapbox-vector-tile' });
    });
  },
};

export default tilesRoutes;
