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
  rollupFigures,
  searchCameras,
  statusSummary,
  withThresholds,
} from '../../domain/status/status-repository';
import { ACTION_ROLES } from '../../../vocabulary/actions';
import { CAMERA_STATES, STATUS_STATES } from '../../../vocabulary/camera-health';
import { prepareJson, sendPrepared, type PreparedBody } from '../prepared-body';
import { BadRequestError, NotFoundError } from '../../errors';
import type { RouteModule } from '../env';
import { Day, Fraction, keyedBy, NOT_FOUND, nullable, STANDARD_ERRORS, Timestamp } from '../schemas/common';
import { CameraStateSchema } from '../schemas/vocabulary';
import { IsoDate, IsoDayOrInstant } from '../schemas/dates';
import { secured } from '../secured';

const OnlineRate = (what: string) => Fraction(`在线率 ${what}: share of cameras online`).nullable();
const WorkingRate = (what: string) => Fraction(`完好率 ${what}: share of cameras working (OK)`).nullable();
export const EffectiveThresholdsSchema = z
  .object({
    online: Fraction('在线率 threshold'),
    working: Fraction('完好率 threshold'),
    networked: Fraction('联网率 threshold'),
    onlineFrom: z.string().openapi({ description: 'Area code the value is set on (this area or an ancestor), or "default"' }),
    workingFrom: z.string().openapi({ description: 'Area code the value is set on (this area or an ancestor), or "default"' }),
    networkedFrom: z.string().openapi({ description: 'Area code the value is set on (this area or an ancestor), or "default"' }),
  })
  .openapi('EffectiveThresholds');
const RollupRow = z
  .object({
    areaCode: z.string().nullable().openapi({ description: 'null: the whole fleet' }),
    areaName: z.string().nullable(),
    period: z.string().openapi({ description: 'the local day YYYY-MM-DD, or the month YYYY-MM' }),
    cameras: z.number().int(),
    samples: z.number().int().openapi({ description: 'polls counted' }),
    onlineRateSampled: OnlineRate('over the polls'),
    onlineRateTimeWeighted: OnlineRate('weighted by observed time'),
    workingRateSampled: WorkingRate('over the polls'),
    workingRateTimeWeighted: WorkingRate('weighted by observed time'),
    networkedRate: Fraction(
      '联网率 of the period: networked camera-days ÷ camera-days recorded by the GB/T 28181 server (gb_networked_daily); null when nothing was recorded',
    ).nullable(),
    thresholds: EffectiveThresholdsSchema,
  })
  .openapi('StatusRollupRow', { description: 'null rates: nothing was observed in the period' });

const healthNowFields = {
  total: z.number().int().openapi({ description: 'cameras in service' }),
  byState: keyedBy(STATUS_STATES, z.number().int()).openapi('CameraStateCounts', {
    description: 'cameras in service per state; UNKNOWN = never polled',
  }),
  observed: z.number().int().openapi({ description: 'cameras with a stored state (total less UNKNOWN): the denominator of the rates' }),
  unknown: z.number().int().openapi({ description: 'never polled (UNKNOWN): counted on their own, in no rate, not offline' }),
  online: z.number().int().openapi({ description: '在线: cameras in an online state (OK, DEGRADED, CLOCK_SKEW, AUTH_FAILED)' }),
  working: z.number().int().openapi({ description: '完好: cameras in state OK' }),
  onlineRate: OnlineRate('now').openapi({
    description: '在线率 now: online ÷ observed, a fraction 0–1; null when no camera was ever polled',
  }),
  workingRate: WorkingRate('now').openapi({
    description: '完好率 now: working ÷ observed, a fraction 0–1; null when no camera was ever polled',
  }),
  networked: z.number().int().openapi({
    description:
      '联网: cameras in service networked now over GB/T 28181 (registered and alive within 3 keepalive intervals, channel not OFF)',
  }),
  networkedRate: Fraction(
    '联网率 now: networked ÷ total (cameras in service); null when no GB/T 28181 device ever registered (unknown, not 0)',
  ).nullable(),
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
    generatedAt: Timestamp(),
    ...healthNowFields,
    counties: z.array(CountyNow).openapi({
      description: 'The same counts per county; the fleet figures are their sum (one definition of which cameras count)',
    }),
    today: nullable(RollupRow).openapi({ description: "today's (the agent's local day) fleet row; null before the first poll" }),
    month: nullable(RollupRow).openapi({ description: "this month's fleet row; null before the first poll" }),
    thresholds: EffectiveThresholdsSchema.openapi({ description: "The fleet's thresholds: the top (city) area's, else the default" }),
  })
  .openapi('StatusSummary');

const Alarm = z
  .object({
    id: z.number().int(),
    cameraId: z.number().int(),
    deviceId: z.string(),
    cameraName: z.string(),
    areaCode: z.string().nullable().openapi({ description: "The camera's own admin area (town or county)" }),
    areaName: z.string().nullable(),
    lon: z.number().openapi({ description: 'camera longitude, degrees (WGS-84)' }),
    lat: z.number().openapi({ description: 'camera latitude, degrees (WGS-84)' }),
    state: CameraStateSchema.openapi({ description: 'the state that raised the alarm' }),
    reason: z.string().openapi({ description: "the agent's reason code (vocabulary/health-reasons.ts has its labels and what to check)" }),
    raisedAt: Timestamp('when the state began (the alarm is raised after the flap window)'),
    clearedAt: Timestamp('when the camera worked again (recovered); null while open').nullable(),
    durationS: z.number().nullable().openapi({ description: 'how long a recovered outage lasted, in seconds; null while open' }),
    acknowledgedAt: Timestamp().nullable(),
    acknowledgedBy: z.string().nullable(),
    ackNote: z.string().nullable(),
    coverageLost: z
      .object({
        targets: z.number().int(),
        byClass: z.object({
          intersection: z.number().int().openapi({ description: 'intersections (count)' }),
          road_m: z.number().openapi({ description: 'road length, m' }),
          hotspot_m2: z.number().openapi({ description: 'hotspot area, m²' }),
          crowded_place_m2: z.number().openapi({ description: 'crowded-place area, m²' }),
        }),
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
    state: CameraStateSchema,
    reason: z.string(),
    since: Timestamp().nullable(),
    last24h: z.array(
      z.object({
        start: Timestamp('start of the hour'),
        observedSeconds: z.number().openapi({ description: 's of the hour the agent observed' }),
        onlineSeconds: z.number().openapi({ description: 's of those online' }),
        workingSeconds: z.number().openapi({ description: 's of those working (OK)' }),
        worstState: nullable(CameraStateSchema).openapi({ description: 'the worst state seen in the hour; null when not observed' }),
      }),
    ),
    last30d: z.array(
      z.object({
        day: Day('the local day'),
        samples: z.number().int(),
        observedMs: z.number().openapi({ description: 'ms of the day the agent observed' }),
        onlineRateSampled: OnlineRate('over the polls'),
        onlineRateTimeWeighted: OnlineRate('weighted by observed time'),
        workingRateSampled: WorkingRate('over the polls'),
        workingRateTimeWeighted: WorkingRate('weighted by observed time'),
      }),
    ),
  })
  .openapi('CameraAvailability');

const STATE_LIST = new RegExp(`^(${CAMERA_STATES.join('|')})(,(${CAMERA_STATES.join('|')}))*$`);
// The status repository types alarm and hourly states as plain strings; the CHECK constraint of
// camera_status keeps them in CameraState (and the integration tests validate every response).
type AlarmPageBody = { alarms: z.output<typeof Alarm>[]; total: number; nextCursor: number | null };
type AvailabilityBody = z.output<typeof Availability>;
type SearchBody = { cameras: z.output<typeof CameraHit>[] };

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
        from: IsoDate.optional(),
        to: IsoDate.optional(),
      }),
    },
    responses: {
      200: {
        content: { 'application/json': { schema: z.object({ rows: z.array(RollupRow) }).openapi('StatusRollups') } },
        description: 'Roll-up rows',
      },
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
        from: IsoDayOrInstant.optional().openapi({
          type: 'string',
          description: 'Raised at or after (ISO date = 00:00 UTC, or date-time)',
        }),
        to: IsoDayOrInstant.optional().openapi({
          type: 'string',
          description: 'Raised before (exclusive; ISO date = 00:00 UTC, or date-time)',
        }),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        cursor: z.coerce.number().int().min(0).optional().openapi({ description: 'nextCursor of the previous page (an offset)' }),
      }),
    },
    responses: {
      200: {
        content: {
          'application/json': {
            schema: z
              .object({
                alarms: z.array(Alarm),
                total: z.number().int().openapi({ description: 'alarms matching the filters, over all pages' }),
                nextCursor: z.number().int().nullable().openapi({ description: 'the offset of the next page; null on the last page' }),
              })
              .openapi('CameraAlarmPage'),
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
            schema: z
              .object({ id: z.number().int(), acknowledgedAt: Timestamp(), acknowledgedBy: z.string(), ackNote: z.string().nullable() })
              .openapi('AlarmAcknowledgement'),
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
  .object({
    deviceId: z.string(),
    name: z.string(),
    lon: z.number().openapi({ description: 'longitude, degrees (WGS-84)' }),
    lat: z.number().openapi({ description: 'latitude, degrees (WGS-84)' }),
    state: CameraStateSchema,
  })
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
      200: {
        content: { 'application/json': { schema: z.object({ cameras: z.array(CameraHit) }).openapi('CameraSearch') } },
        description: 'Matches',
      },
      ...STANDARD_ERRORS,
    },
  }),
);

type SummaryBody = z.input<typeof Summary>;
type RollupsBody = { rows: z.input<typeof RollupRow>[] };

const statusRoutes: RouteModule = {
  name: 'status',
  register({ api }, deps) {
    const cache = deps.statusReads;
    // Follow the announcements (status, alarms, thresholds; a `reset` after the LISTEN connection
    // was lost) before the first answer is kept: one missed while LISTEN starts would leave it
    // stale. Without a LISTEN connection nothing is kept (every request reads).
    let listening = false;
    const listen = async (): Promise<boolean> => {
      if (!listening) {
        listening = true;
        // (`inputs`, the coverage inputs' announcement, is no status: camera health comes as `status`.)
        deps.onClose(deps.events.listen((e) => e.event !== 'coverage' && e.event !== 'inputs' && cache.invalidate()));
      }
      return deps.events.ready().then(
        () => true,
        () => false,
      );
    };
    /** The answer under `key`, serialised and compressed once per load (see prepared-body.ts). */
    const cached = async <T>(key: string, load: () => Promise<T>): Promise<PreparedBody<T>> => {
      const prepare = async () => prepareJson(await load());
      return (await listen()) ? cache.get(key, prepare) : prepare();
    };

    // Thresholds are part of the cached answers: a change (API, CLI) drops them with NOTIFY
    // status_thresholds, so it shows at once.
    api.openapi(summaryRoute, async (c) =>
      sendPrepared(
        c,
        await cached('summary', async () => {
          const summary = await statusSummary(deps.pool);
          const { today, monthStart } = await localToday(deps.pool);
          const th = await effectiveThresholds(deps.pool);
          const [day] = withThresholds(await rollupFigures(deps.pool, { level: 'all', period: 'day', from: today, to: today }), 'all', th);
          const [month] = withThresholds(
            await rollupFigures(deps.pool, { level: 'all', period: 'month', from: monthStart, to: today }),
            'all',
            th,
          );
          return { ...summary, today: day ?? null, month: month ?? null, thresholds: th.fleet } satisfies SummaryBody;
        }),
      ),
    );

    api.openapi(rollupRoute, async (c) => {
      const q = c.req.valid('query');
      if (q.from !== undefined && q.to !== undefined && q.from > q.to)
        throw new BadRequestError('from must not be after to.', { field: 'from' });
      // Left out, from and to are counted from the dataset's today inside the load: the answer
      // follows the day (and a time zone change) with the background refresh.
      const key = `rollups ${q.level} ${q.period} ${q.from ?? ''} ${q.to ?? ''}`;
      const body = await cached(key, async () => {
        const days = await localToday(deps.pool);
        const from = q.from ?? (q.period === 'month' ? `${days.daysAgo(365).slice(0, 8)}01` : days.daysAgo(29));
        const to = q.to ?? days.today;
        if (from > to) throw new BadRequestError('from must not be after to.', { field: 'from' });
        const figures = await rollupFigures(deps.pool, { level: q.level, period: q.period, from, to });
        return { rows: withThresholds(figures, q.level, await effectiveThresholds(deps.pool)) } satisfies RollupsBody;
      });
      return sendPrepared(c, body);
    });

    api.openapi(alarmsRoute, async (c) => {
      const q = c.req.valid('query');
      if (q.from !== undefined && q.to !== undefined && q.from > q.to)
        throw new BadRequestError('from must not be after to.', { field: 'from' });
      // Every filter is in the key: a list filtered to one area is never another area's answer.
      const body = await cached(
        `alarms ${JSON.stringify(q)}`,
        async () =>
          (await listAlarms(deps.pool, {
            openOnly: q.open === 'true',
            unacknowledgedOnly: q.unacknowledged === 'true',
            ...(q.state === undefined ? {} : { states: q.state.split(',') }),
            ...(q.area === undefined ? {} : { areaCode: q.area }),
            ...(q.from === undefined ? {} : { from: q.from.toISOString() }),
            ...(q.to === undefined ? {} : { to: q.to.toISOString() }),
            limit: q.limit,
            ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
          })) as AlarmPageBody,
      );
      return sendPrepared(c, body);
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
      return c.json({ cameras: await searchCameras(deps.pool, q.q, q.limit) } as SearchBody, 200);
    });

    api.openapi(availabilityRoute, async (c) => {
      const { deviceId } = c.req.valid('param');
      const av = await cameraAvailability(deps.pool, deviceId);
      if (av === undefined) throw new NotFoundError(`No camera with device id ${deviceId}.`);
      return c.json(av as AvailabilityBody, 200);
    });
  },
};

export default statusRoutes;
