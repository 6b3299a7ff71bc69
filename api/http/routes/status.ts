// Camera health for the command center: fleet summary (在线率/完好率 now, today and this month),
// roll-ups per admin area, alarms (raised after the flap window) with acknowledgement, and a
// camera's availability strips. Everything here is read from what camera-agent stored.
import { createRoute, z } from '@hono/zod-openapi';
import { recordAudit } from '../../domain/audit/record-audit';
import { effectiveThresholds } from '../../domain/status/thresholds';
import {
  acknowledgeAlarm,
  cameraAvailability,
  listAlarms,
  localToday,
  rollups,
  searchCameras,
  statusSummary,
} from '../../domain/status/status-repository';
import { ACTION_ROLES } from '../../../vocabulary/actions';
import { CAMERA_STATES, STATUS_STATES } from '../../../vocabulary/camera-health';
import { ReadCache } from '../../domain/status/read-cache';
import { BadRequestError, NotFoundError } from '../../errors';
import type { RouteModule } from '../env';
import { NOT_FOUND, STANDARD_ERRORS } from '../schemas/common';
import { secured } from '../secured';

const Rate = z.number().nullable();
export const EffectiveThresholdsSchema = z
  .object({
    online: z.number().openapi({ description: '在线率 threshold as a fraction (0.95 = 95 %)' }),
    working: z.number().openapi({ description: '完好率 threshold as a fraction' }),
    onlineFrom: z.string().openapi({ description: 'Area code the value is set on (this area or an ancestor), or "default"' }),
    workingFrom: z.string(),
  })
  .openapi('EffectiveThresholds');
const RollupRow = z
  .object({
    areaCode: z.string().nullable(),
    areaName: z.string().nullable(),
    period: z.string(),
    cameras: z.number(),
    samples: z.number(),
    onlineRateSampled: Rate,
    onlineRateTimeWeighted: Rate,
    workingRateSampled: Rate,
    workingRateTimeWeighted: Rate,
    thresholds: EffectiveThresholdsSchema,
  })
  .openapi('StatusRollupRow');

const healthNowFields = {
  total: z.number().openapi({ description: 'Cameras in service' }),
  byState: z.record(z.enum(STATUS_STATES), z.number()).openapi({ description: 'Cameras per state; UNKNOWN = never polled' }),
  observed: z.number().openapi({ description: 'Cameras with a stored state (total less UNKNOWN): the denominator of the rates' }),
  unknown: z.number().openapi({ description: 'Never polled (UNKNOWN): counted on their own, in no rate' }),
  online: z.number().openapi({ description: '在线: cameras in an online state (OK, DEGRADED, CLOCK_SKEW, AUTH_FAILED)' }),
  working: z.number().openapi({ description: '完好: cameras in state OK' }),
  onlineRate: Rate.openapi({ description: '在线率 now: online ÷ observed, a fraction 0–1; null when no camera was ever polled' }),
  workingRate: Rate.openapi({ description: '完好率 now: working ÷ observed, a fraction 0–1; null when no camera was ever polled' }),
};
const CountyNow = z
  .object({
    areaCode: z.string().nullable().openapi({ description: 'County code; null = cameras in no county' }),
    areaName: z.string().nullable(),
    ...healthNowFields,
  })
  .openapi('CountyHealthNow');

const Summary = z
  .object({
    generatedAt: z.string(),
    ...healthNowFields,
    counties: z.array(CountyNow).openapi({
      description: 'The same counts per county; the fleet figures are their sum (one definition of which cameras count)',
    }),
    today: RollupRow.nullable(),
    month: RollupRow.nullable(),
    thresholds: EffectiveThresholdsSchema.openapi({ description: "The fleet's thresholds: the top (city) area's, else the default" }),
  })
  .openapi('StatusSummary');

const Alarm = z
  .object({
    id: z.number(),
    cameraId: z.number(),
    deviceId: z.string(),
    cameraName: z.string(),
    areaCode: z.string().nullable().openapi({ description: "The camera's own admin area (town or county)" }),
    areaName: z.string().nullable(),
    lon: z.number(),
    lat: z.number(),
    state: z.string(),
    reason: z.string().openapi({ description: 'Reason code (vocabulary/health-reasons.ts has its labels and what to check)' }),
    raisedAt: z.string().openapi({ description: 'When the outage began' }),
    clearedAt: z.string().nullable().openapi({ description: 'When the camera worked again (recovered); null while open' }),
    durationS: z.number().nullable().openapi({ description: 'How long a recovered outage lasted, in seconds; null while open' }),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    ackNote: z.string().nullable(),
    coverageLost: z
      .object({
        targets: z.number().int(),
        byClass: z.object({ intersection: z.number().int(), road_m: z.number(), hotspot_m2: z.number(), crowded_place_m2: z.number() }),
      })
      .openapi('AlarmCoverageLost', {
        description:
          'Targets whose design coverage this camera helps and that are camera_down blind spots now (stored "now" state; zero for cleared alarms). Intersections are counted; roads in m; hotspots and crowded places in m².',
      }),
  })
  .openapi('CameraAlarm');

const Availability = z
  .object({
    deviceId: z.string(),
    state: z.enum(STATUS_STATES),
    reason: z.string(),
    since: z.string().nullable(),
    last24h: z.array(
      z.object({
        start: z.string(),
        observedSeconds: z.number(),
        onlineSeconds: z.number(),
        workingSeconds: z.number(),
        worstState: z.string().nullable(),
      }),
    ),
    last30d: z.array(
      z.object({
        day: z.string(),
        samples: z.number(),
        observedMs: z.number(),
        onlineRateSampled: Rate,
        onlineRateTimeWeighted: Rate,
        workingRateSampled: Rate,
        workingRateTimeWeighted: Rate,
      }),
    ),
  })
  .openapi('CameraAvailability');

const STATE_LIST = new RegExp(`^(${CAMERA_STATES.join('|')})(,(${CAMERA_STATES.join('|')}))*$`);
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const summaryRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/status/summary',
    tags: ['status'],
    summary: "Cameras per state now, and today's and this month's 在线率/完好率",
    responses: { 200: { content: { 'application/json': { schema: Summary } }, description: 'Fleet status' }, ...STANDARD_ERRORS },
  }),
);

const rollupRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/status/rollups',
    tags: ['status'],
    summary: '在线率/完好率 per day or month, for the fleet or per city, county or town',
    request: {
      query: z.object({
        level: z.enum(['all', 'city', 'county', 'town']).default('all'),
        period: z.enum(['day', 'month']).default('day'),
        from: DAY.optional(),
        to: DAY.optional(),
      }),
    },
    responses: {
      200: { content: { 'application/json': { schema: z.object({ rows: z.array(RollupRow) }) } }, description: 'Roll-up rows' },
      ...STANDARD_ERRORS,
    },
  }),
);

const alarmsRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/alarms',
    tags: ['status'],
    summary: 'Camera alarms, unacknowledged first, then newest first (open ones by default), a page at a time with the total',
    request: {
      query: z.object({
        open: z.enum(['true', 'false']).default('true'),
        unacknowledged: z.enum(['true', 'false']).default('false'),
        state: z
          .string()
          .regex(STATE_LIST, 'a comma-separated list of camera states')
          .optional()
          .openapi({ description: 'Only these states, comma-separated (e.g. UNREACHABLE,NO_RESPONSE)' }),
        area: z
          .string()
          .regex(/^\d{6,12}$/, 'an admin area code (6-12 digits)')
          .optional()
          .openapi({ description: 'Only cameras in this admin area (county or town code) or inside it' }),
        from: z.string().datetime({ offset: true }).optional().openapi({ description: 'Raised at or after (ISO 8601)' }),
        to: z.string().datetime({ offset: true }).optional().openapi({ description: 'Raised before (ISO 8601)' }),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        cursor: z.coerce.number().int().min(0).optional().openapi({ description: 'nextCursor of the previous page (an offset)' }),
      }),
    },
    responses: {
      200: {
        content: {
          'application/json': {
            schema: z.object({
              alarms: z.array(Alarm),
              total: z.number().int().openapi({ description: 'Alarms matching the filters, over all pages' }),
              nextCursor: z.number().nullable(),
            }),
          },
        },
        description: 'Alarms',
      },
      ...STANDARD_ERRORS,
    },
  }),
);

const ackRoute = secured(
  [...ACTION_ROLES.acknowledgeAlarm],
  createRoute({
    method: 'post',
    path: '/alarms/{id}/ack',
    tags: ['status'],
    summary: 'Acknowledge an alarm (the first acknowledgement is kept)',
    request: {
      params: z.object({ id: z.coerce.number().int().min(1) }),
      body: { content: { 'application/json': { schema: z.object({ note: z.string().max(500).optional() }) } }, required: false },
    },
    responses: {
      200: {
        content: {
          'application/json': {
            schema: z.object({ id: z.number(), acknowledgedAt: z.string(), acknowledgedBy: z.string(), ackNote: z.string().nullable() }),
          },
        },
        description: 'Acknowledged',
      },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const availabilityRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/cameras/{deviceId}/availability',
    tags: ['status'],
    summary: "A camera's state and availability strips (24 hours, 30 days)",
    request: { params: z.object({ deviceId: z.string().regex(/^[0-9]{20}$/, 'a 20-digit GB/T 28181 device id') }) },
    responses: {
      200: { content: { 'application/json': { schema: Availability } }, description: 'Availability' },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const CameraHit = z
  .object({ deviceId: z.string(), name: z.string(), lon: z.number(), lat: z.number(), state: z.enum(STATUS_STATES) })
  .openapi('CameraSearchHit');

const searchRoute = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/search/cameras',
    tags: ['status'],
    summary: 'Cameras by device id prefix or part of the name (the top bar search)',
    request: {
      query: z.object({
        q: z.string().trim().min(1, 'type part of a name or a device id').max(100),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
    },
    responses: {
      200: { content: { 'application/json': { schema: z.object({ cameras: z.array(CameraHit) }) } }, description: 'Matches' },
      ...STANDARD_ERRORS,
    },
  }),
);

/** Bounds how stale a cached read may be when nothing was announced (see read-cache.ts). */
const READ_MAX_AGE_MS = 5_000;

const statusRoutes: RouteModule = {
  name: 'status',
  register({ api }, deps) {
    const cache = new ReadCache(READ_MAX_AGE_MS);
    // Follow the agent's announcements once the event hub exists (routes/events.ts sets it).
    let listening = false;
    const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
      if (!listening && deps.events !== undefined) {
        listening = true;
        deps.onClose(deps.events.listen((e) => e.event !== 'coverage' && cache.invalidate()));
      }
      return cache.get(key, load);
    };

    api.openapi(summaryRoute, async (c) => {
      const body = await cached('summary', async () => {
        const summary = await statusSummary(deps.pool);
        const { today, monthStart } = await localToday(deps.pool);
        const [day] = await rollups(deps.pool, { level: 'all', period: 'day', from: today, to: today });
        const [month] = await rollups(deps.pool, { level: 'all', period: 'month', from: monthStart, to: today });
        const { fleet } = await effectiveThresholds(deps.pool);
        return { ...summary, today: day ?? null, month: month ?? null, thresholds: fleet };
      });
      return c.json(body, 200);
    });

    api.openapi(rollupRoute, async (c) => {
      const q = c.req.valid('query');
      const days = await localToday(deps.pool);
      const from = q.from ?? (q.period === 'month' ? `${days.daysAgo(365).slice(0, 8)}01` : days.daysAgo(29));
      const to = q.to ?? days.today;
      if (from > to) throw new BadRequestError('from must not be after to.', { field: 'from' });
      const rows = await cached(`rollups ${q.level} ${q.period} ${from} ${to}`, () =>
        rollups(deps.pool, { level: q.level, period: q.period, from, to }),
      );
      return c.json({ rows }, 200);
    });

    api.openapi(alarmsRoute, async (c) => {
      const q = c.req.valid('query');
      if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) > Date.parse(q.to))
        throw new BadRequestError('from must not be after to.', { field: 'from' });
      const res = await cached(`alarms ${JSON.stringify(q)}`, () =>
        listAlarms(deps.pool, {
          openOnly: q.open === 'true',
          unacknowledgedOnly: q.unacknowledged === 'true',
          ...(q.state === undefined ? {} : { states: q.state.split(',') }),
          ...(q.area === undefined ? {} : { areaCode: q.area }),
          ...(q.from === undefined ? {} : { from: q.from }),
          ...(q.to === undefined ? {} : { to: q.to }),
          limit: q.limit,
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        }),
      );
      return c.json(res, 200);
    });

    api.openapi(ackRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : {};
      const user = c.get('user')!;
      const ack = await acknowledgeAlarm(deps.pool, id, user.username, body?.note ?? null);
      if (ack === undefined) throw new NotFoundError(`No alarm ${id}.`);
      cache.invalidate();
      await recordAudit(deps.pool, {
        actor: { id: user.id, username: user.username },
        action: 'acknowledge',
        entity: 'alarm',
        entityId: id,
        after: ack,
        address: c.get('clientAddress'),
      });
      return c.json(ack, 200);
    });

    api.openapi(searchRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json({ cameras: await searchCameras(deps.pool, q.q, q.limit) }, 200);
    });

    api.openapi(availabilityRoute, async (c) => {
      const { deviceId } = c.req.valid('param');
      const av = await cameraAvailability(deps.pool, deviceId);
      if (av === undefined) throw new NotFoundError(`No camera with device id ${deviceId}.`);
      return c.json(av, 200);
    });
  },
};

export default statusRoutes;
