// Coverage figures for the dashboard and the map: rates per class and area (design or now, any
// date, any level), the month-end timeline with the 2020 deadline and the projection, ranked
// blind spots, and the point query. The work is in coverage-engine/; this is the HTTP edge.
import { createRoute, z } from '@hono/zod-openapi';
import { findLevel } from '../../../gis-data/optics';
import { coverageReport, CoverageQueryError, pointQuery, timelineWithGaps, loadCoverageSettings } from '../../../coverage-engine';
import { BadRequestError } from '../../errors';
import { blindSpotPage } from '../../domain/blind-spots/list';
import type { RouteModule } from '../env';
import { Day, Fraction, nullable, STANDARD_ERRORS, Timestamp } from '../schemas/common';
import { Geometry } from '../schemas/geojson';
import { BlindReasonSchema, CameraStateSchema, TargetClassSchema } from '../schemas/vocabulary';
import { IsoDate } from '../schemas/dates';
import { CoverageAreaRates, CoverageClasses } from '../schemas/coverage';
import { secured } from '../secured';

const Flag = z.enum(['0', '1', 'true', 'false']).optional();
const on = (v: string | undefined) => v === '1' || v === 'true';

const Classes = CoverageClasses;
const AreaRates = CoverageAreaRates;
const Report = z
  .object({
    mode: z.enum(['design', 'now']).openapi({ description: 'design: all installed cameras; now: working cameras only' }),
    asOf: Day(),
    statusFrom: Day(
      'First local day with a camera status record (YYYY-MM-DD), null when there is none yet. In now mode a date before it has null covered figures and rates: which cameras worked then is unknown.',
    ).nullable(),
    level: z.string().nullable().openapi({ description: "the one detail level asked for; null: each target's required level" }),
    occlusion: z.boolean(),
    source: z.enum(['stored', 'computed']),
    computedAt: Timestamp(
      "when these figures were computed: stored figures, the last write of the mode's results (the city pass, or the refresh after a status change); a one-off run, its end. Null when nothing is stored or the figures are unknown (now before statusFrom)",
    ).nullable(),
    settings: z.object({
      standard: z.string().openapi({ example: 'dori-2015' }),
      intersectionRadiusM: z.number().openapi({ description: 'm' }),
      coveredShare: Fraction('share of a target that must be seen for it to count as covered'),
      minGapM: z.number().openapi({ description: 'm' }),
      minSliverM2: z.number().openapi({ description: 'm²' }),
      targetHeightM: z.number().openapi({ description: 'm' }),
    }),
    resourceClasses: z
      .array(z.number().int())
      .nullable()
      .openapi({ description: 'The resource classes counted (1 一类 public security, 2 二类, 3 三类); null: every camera' }),
    areas: z.array(AreaRates),
    assumed: z.object({ targets: z.number().int(), note: z.string() }),
    issues: z.object({
      total: z.number().int(),
      byKind: z.record(z.string(), z.number().int()).openapi({ description: 'input problems found by the last recompute, per kind' }),
    }),
    integration: z
      .array(
        z.object({
          areaId: z.number().int().nullable(),
          code: z.string().nullable(),
          name: z.string(),
          level: z.string(),
          classes: z.record(
            z.string(),
            z.object({
              publicSecurity: Fraction('覆盖率 with 一类 (public-security) cameras alone'),
              integrated: Fraction("覆盖率 with every camera counted (the report's own rate)"),
              added: z.number().openapi({ description: 'integrated − publicSecurity: what the 二类/三类 cameras add' }),
            }),
          ),
        }),
      )
      .optional()
      .openapi({
        description:
          'With integration=1: public-security cameras alone beside the integrated resources, per area and target class (no classes where the figures are unknown: "now" before statusFrom)',
      }),
  })
  .openapi('CoverageReport');
const Timeline = z
  .object({
    firstMonth: z.string().nullable().openapi({ description: 'month end (YYYY-MM-DD) of the first install; null without cameras' }),
    series: z.array(
      z.object({
        areaId: z.number().int().nullable(),
        code: z.string().nullable(),
        name: z.string(),
        points: z.array(z.object({ month: Day('the month end, YYYY-MM-DD'), classes: Classes })),
      }),
    ),
    deadline: z.object({
      date: Day(),
      classes: Classes,
      blindSpots: z
        .partialRecord(
          TargetClassSchema,
          z.object({
            targetsThen: z.number().int(),
            uncoveredThen: z
              .number()
              .openapi({ description: 'uncovered at the deadline: m for roads, m² otherwise (0 for intersections)' }),
            closedSince: z.number().openapi({ description: "of that, what today's cameras cover (same unit)" }),
            stillOpen: z.number().openapi({ description: 'same unit' }),
          }),
        )
        .optional(),
    }),
    projection: z.array(
      z.object({
        class: TargetClassSchema,
        rateNow: Fraction('design 覆盖率 today'),
        rateYearAgo: Fraction('design 覆盖率 twelve months ago'),
        pacePerMonth: z
          .number()
          .openapi({ description: 'rate gained per month over the last twelve months (fraction per month; may be negative)' }),
        fullDate: Day('the day 100 % would be reached at that pace').nullable(),
        alreadyFull: z.boolean(),
      }),
    ),
  })
  .openapi('CoverageTimeline');
const CameraFact = z.object({
  cameraId: z.number().int(),
  deviceId: z.string(),
  distanceM: z.number().openapi({ description: 'ground distance from the camera to the spot, m' }),
  ppm: z.number().openapi({ description: 'pixel density the camera reaches at the spot, px/m' }),
});
const BlindSpotWhy = z
  .object({
    required: z.object({
      level: z.string().openapi({ description: 'the detail level the piece is judged at' }),
      ppm: z.number().openapi({ description: 'px/m the level requires' }),
    }),
    best: CameraFact.nullable().openapi({
      description: 'the camera that sees the spot best (in view, nothing in the way, working for now)',
    }),
    occluded: CameraFact.extend({
      buildingId: z.number().int(),
      buildingHeightM: z.number().openapi({ description: 'm' }),
      buildingHeightAssumed: z.boolean().openapi({ description: 'the height is the configured default, not a measured one' }),
    })
      .nullable()
      .openapi({ description: 'a camera facing the spot and the building that hides it' }),
    nearZone: CameraFact.extend({ nearM: z.number().openapi({ description: 'the near blind zone reaches this far from the camera, m' }) })
      .nullable()
      .openapi({ description: 'a camera under which the spot lies, inside its near blind zone' }),
    down: CameraFact.extend({
      state: nullable(CameraStateSchema).openapi({ description: 'its state then; null: never polled' }),
      since: Timestamp('in that state since (UTC)').nullable(),
    })
      .nullable()
      .openapi({ description: 'a camera that would see the spot but was not working, its state and since when' }),
    nearest: CameraFact.nullable().openapi({ description: 'the nearest camera in service within 400 m, whatever it faces' }),
  })
  .openapi('BlindSpotWhy');
const BlindSpot = z
  .object({
    id: z.number().int().openapi({ description: 'the stored piece; with asOf or level (a computed list) the rank' }),
    targetId: z.number().int(),
    targetName: z.string().nullable(),
    class: TargetClassSchema,
    reason: nullable(BlindReasonSchema).openapi({
      description:
        "Why it is uncovered. With asOf or level (computed list) judged the same way with the cameras in service that day (camera_down only for today's now); null only when it could not be judged.",
    }),
    measure: z.number().openapi({ description: 'uncovered length (m, roads) or area (m², otherwise)' }),
    unit: z.enum(['m', 'm2']),
    priority: z.number(),
    score: z.number().openapi({
      description:
        'The rank: priority × measure, a metre of road weighing like 10 m² (priority × m × 10 for roads, priority × m² otherwise).',
    }),
    level: z
      .string()
      .openapi({ description: 'The detail level the piece is judged at (the target’s required level, or the asked level).' }),
    areaCode: z.string().nullable(),
    areaName: z.string().nullable(),
    lon: z.number().openapi({ description: 'a point on the piece, WGS-84 degrees' }),
    lat: z.number().openapi({ description: 'a point on the piece, WGS-84 degrees' }),
    geometry: Geometry,
    why: BlindSpotWhy.optional().openapi({ description: 'With explain=1: the facts behind the reason.' }),
  })
  .openapi('BlindSpot');
const BlindSpotPage = z
  .object({
    total: z.number().int().openapi({ description: 'blind spots matching the filters' }),
    items: z.array(BlindSpot),
    nextCursor: z.number().int().nullable().openapi({ description: 'cursor of the next page; null on the last' }),
  })
  .openapi('BlindSpotPage');
// The engine's rows type class, reason and geometry loosely (strings, unknown); the database's
// CHECK constraints keep them in these sets, and the integration tests validate every response.
type BlindSpotPageBody = z.output<typeof BlindSpotPage>;
const PointCamera = z
  .object({
    cameraId: z.number().int(),
    deviceId: z.string(),
    distanceM: z.number().openapi({ description: 'm from the camera to the point' }),
    ppm: z.number().openapi({ description: 'pixel density at the point, px/m' }),
    status: z.enum(['seen', 'outside_view', 'near_blind_zone', 'occluded', 'low_detail']).openapi({
      description: 'whether the camera sees the point, and if not, why',
    }),
    level: z
      .string()
      .nullable()
      .openapi({ description: 'the highest level of the configured standard met here; null when none or not seen' }),
    working: z.boolean(),
    inService: z.boolean().openapi({ description: 'installed and not removed today' }),
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
        asOf: IsoDate.optional(),
        now: Flag,
        level: z.string().max(40).optional(),
        area: z
          .string()
          .regex(/^[0-9]{6,12}$/)
          .optional(),
        occlusion: Flag,
        resourceClasses: z
          .string()
          .regex(/^[1-3](,[1-3])*$/, 'expected resource classes 1, 2, 3 separated by commas')
          .optional()
          .openapi({ description: 'Count only cameras of these resource classes, e.g. "1" (一类) or "1,2" (computed, not stored)' }),
        integration: Flag.openapi({
          description: 'Add `integration`: 一类 cameras alone vs every camera, per area (one more computed run)',
        }),
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
        content: {
          'application/json': {
            schema: z.object({ lon: z.number(), lat: z.number(), cameras: z.array(PointCamera) }).openapi('CoveragePoint'),
          },
        },
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
        asOf: IsoDate.optional().openapi({
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
        explain: Flag.openapi({ description: 'Add each piece’s `why`: what is required and what the cameras near it achieve.' }),
      }),
    },
    responses: {
      200: {
        content: {
          'application/json': {
            schema: BlindSpotPage,
          },
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
          ...(q.resourceClasses === undefined ? {} : { resourceClasses: q.resourceClasses.split(',').map(Number) }),
          integration: on(q.integration),
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
      if (q.level !== undefined && findLevel(q.level, (await loadCoverageSettings(deps.pool)).customLevels) === undefined)
        throw new BadRequestError(`level "${q.level}" is not a detail level.`, { field: 'level' });
      const res = await blindSpotPage(deps.pool, query, {
        explain: on(q.explain),
        cache: deps.blindSpotsAsOf,
        signal: c.req.raw.signal,
      });
      const next = offset + res.items.length;
      return c.json({ ...res, nextCursor: next < res.total ? next : null } as BlindSpotPageBody, 200);
    });
  },
};

export default coverageRoutes;
