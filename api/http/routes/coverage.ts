// Coverage figures for the dashboard and the map: rates per class and area (design or now, any
// date, any level), the month-end timeline with the 2020 deadline and the projection, ranked
// blind spots, and the point query. The work is in coverage-engine/; this is the HTTP edge.
import { createRoute, z } from '@hono/zod-openapi';
import { BLIND_SPOT_REASONS } from '../../../gis-data/coverage/blind-spot-reasons';
import { findLevel } from '../../../gis-data/optics';
import {
  coverageReport,
  CoverageQueryError,
  listBlindSpots,
  listBlindSpotsAsOf,
  pointQuery,
  timelineWithGaps,
  loadCoverageSettings,
} from '../../../coverage-engine';
import { BadRequestError } from '../../errors';
import type { RouteModule } from '../env';
import { STANDARD_ERRORS } from '../schemas/common';
import { CoverageAreaRates, CoverageClasses } from '../schemas/coverage';
import { secured } from '../secured';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Flag = z.enum(['0', '1', 'true', 'false']).optional();
const on = (v: string | undefined) => v === '1' || v === 'true';

const Classes = CoverageClasses;
const AreaRates = CoverageAreaRates;
const Report = z
  .object({
    mode: z.enum(['design', 'now']),
    asOf: z.string(),
    level: z.string().nullable(),
    occlusion: z.boolean(),
    source: z.enum(['stored', 'computed']),
    settings: z.object({
      standard: z.string(),
      intersectionRadiusM: z.number(),
      coveredShare: z.number(),
      minGapM: z.number(),
      minSliverM2: z.number(),
      targetHeightM: z.number(),
    }),
    areas: z.array(AreaRates),
    assumed: z.object({ targets: z.number(), note: z.string() }),
    issues: z.object({ total: z.number(), byKind: z.record(z.string(), z.number()) }),
  })
  .openapi('CoverageReport');
const Timeline = z
  .object({
    firstMonth: z.string().nullable(),
    series: z.array(
      z.object({
        areaId: z.number().nullable(),
        code: z.string().nullable(),
        name: z.string(),
        points: z.array(z.object({ month: z.string(), classes: Classes })),
      }),
    ),
    deadline: z.object({
      date: z.string(),
      classes: Classes,
      blindSpots: z
        .record(
          z.string(),
          z.object({ targetsThen: z.number(), uncoveredThen: z.number(), closedSince: z.number(), stillOpen: z.number() }),
        )
        .optional(),
    }),
    projection: z.array(
      z.object({
        class: z.string(),
        rateNow: z.number(),
        rateYearAgo: z.number(),
        pacePerMonth: z.number(),
        fullDate: z.string().nullable(),
        alreadyFull: z.boolean(),
      }),
    ),
  })
  .openapi('CoverageTimeline');
const BlindSpot = z
  .object({
    id: z.number(),
    targetId: z.number(),
    targetName: z.string().nullable(),
    class: z.string(),
    reason: z
      .enum(BLIND_SPOT_REASONS)
      .nullable()
      .openapi({
        description: `Why it is uncovered (most actionable first: ${BLIND_SPOT_REASONS.join(', ')}). With asOf or level (computed list) judged the same way with the cameras in service that day (camera_down only for today's now).`,
      }),
    measure: z.number(),
    unit: z.enum(['m', 'm2']),
    priority: z.number(),
    areaCode: z.string().nullable(),
    areaName: z.string().nullable(),
    lon: z.number(),
    lat: z.number(),
    geometry: z.any(),
  })
  .openapi('BlindSpot');
const PointCamera = z
  .object({
    cameraId: z.number(),
    deviceId: z.string(),
    distanceM: z.number(),
    ppm: z.number(),
    status: z.string(),
    level: z.string().nullable(),
    working: z.boolean(),
    inService: z.boolean(),
  })
  .openapi('CoveragePointCamera');

const coverageRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/coverage',
    tags: ['coverage'],
    summary: '覆盖率 per class for the city, each county and town (design or now, any date or level)',
    request: {
      query: z.object({
        asOf: DAY.optional(),
        now: Flag,
        level: z.string().max(40).optional(),
        area: z
          .string()
          .regex(/^[0-9]{6,12}$/)
          .optional(),
        occlusion: Flag,
      }),
    },
    responses: { 200: { content: { 'application/json': { schema: Report } }, description: 'Rates' }, ...STANDARD_ERRORS },
  }),
);
const timelineRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/coverage/timeline',
    tags: ['coverage'],
    summary: 'Month-end design coverage from the first install, the 2020-12-31 state and the projected 100 % date',
    responses: { 200: { content: { 'application/json': { schema: Timeline } }, description: 'Timeline' }, ...STANDARD_ERRORS },
  }),
);
const pointRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/coverage/point',
    tags: ['coverage'],
    summary: 'Which cameras see a point, with what pixel density (or why not)',
    request: { query: z.object({ lon: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) }) },
    responses: {
      200: {
        content: { 'application/json': { schema: z.object({ lon: z.number(), lat: z.number(), cameras: z.array(PointCamera) }) } },
        description: 'Cameras at the point',
      },
      ...STANDARD_ERRORS,
    },
  }),
);
const blindSpotsRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/blind-spots',
    tags: ['coverage'],
    summary: 'Blind spots, most important first, with the reason for each',
    request: {
      query: z.object({
        class: z.enum(['intersection', 'road', 'hotspot', 'crowded_place']).optional(),
        area: z
          .string()
          .regex(/^[0-9]{6,12}$/)
          .optional(),
        now: Flag,
        asOf: DAY.optional().openapi({
          description:
            'Blind spots with the cameras installed and not removed by that date, computed from stored footprints (id is then the rank).',
        }),
        level: z
          .string()
          .max(40)
          .optional()
          .openapi({ description: 'One detail level for every target instead of its required level (computed, like asOf).' }),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        cursor: z.coerce.number().int().min(0).optional(),
      }),
    },
    responses: {
      200: {
        content: {
          'application/json': { schema: z.object({ total: z.number(), items: z.array(BlindSpot), nextCursor: z.number().nullable() }) },
        },
        description: 'Blind spots',
      },
      ...STANDARD_ERRORS,
    },
  }),
);

const coverageRoutes: RouteModule = {
  name: 'coverage',
  register({ api }, deps) {
    api.openapi(coverageRoute, async (c) => {
      const q = c.req.valid('query');
      try {
        const report = await coverageReport(deps.pool, {
          asOf: q.asOf,
          now: on(q.now),
          level: q.level,
          area: q.area,
          occlusion: q.occlusion === undefined ? true : on(q.occlusion),
        });
        return c.json(report, 200);
      } catch (e) {
        if (e instanceof CoverageQueryError) throw new BadRequestError(e.message, { field: e.field });
        throw e;
      }
    });
    api.openapi(timelineRoute, async (c) => c.json(await timelineWithGaps(deps.pool, await loadCoverageSettings(deps.pool)), 200));
    api.openapi(pointRoute, async (c) => {
      const { lon, lat } = c.req.valid('query');
      return c.json(await pointQuery(deps.pool, lon, lat), 200);
    });
    api.openapi(blindSpotsRoute, async (c) => {
      const q = c.req.valid('query');
      const offset = q.cursor ?? 0;
      const query = {
        mode: on(q.now) ? ('now' as const) : ('design' as const),
        class: q.class,
        area: q.area,
        limit: q.limit,
        offset,
        asOf: q.asOf,
        level: q.level,
      };
      let res;
      if (q.asOf === undefined && q.level === undefined) res = await listBlindSpots(deps.pool, query);
      else {
        if (q.asOf !== undefined && Number.isNaN(Date.parse(q.asOf)))
          throw new BadRequestError(`asOf "${q.asOf}" is not a date (YYYY-MM-DD).`, { field: 'asOf' });
        const s = await loadCoverageSettings(deps.pool);
        if (q.level !== undefined && findLevel(q.level, s.customLevels) === undefined)
          throw new BadRequestError(`level "${q.level}" is not a detail level.`, { field: 'level' });
        res = await listBlindSpotsAsOf(deps.pool, query, s);
      }
      const next = offset + res.items.length;
      return c.json({ ...res, nextCursor: next < res.total ? next : null }, 200);
    });
  },
};

export default coverageRoutes;
