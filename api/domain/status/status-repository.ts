// The read side of camera health: stored states, 在线率/完好率 roll-ups, alarms and availability
// strips. It only reads what camera-agent decided (camera_status, events, daily aggregates,
// alarms); it never re-derives a state, and counts states with the health vocabulary's rules
// (vocabulary/camera-health.ts). Timestamps are returned as ISO strings.
import type pg from 'pg';
import { readTimeZone } from '../../../db/dataset-time';
import { healthCounts, networkingCounts, type StatusState } from '../../../vocabulary/camera-health';
import { addDays, dayIn } from '../../../vocabulary/dataset-time';
import type { EffectiveThresholds } from './threshold-inheritance';
import { effectiveThresholds } from './thresholds';
import { loadSql } from '../../../db/sql';

type Db = Pick<pg.Pool, 'query'>;
const sql = (name: string): string => loadSql(import.meta.url, `${name}.sql`);
const BY_COUNTY = sql('status-by-county');
const CAMERA_STATES = sql('camera-states');
const ROLLUP_AREA = sql('rollup-by-area');
const ROLLUP_TOTAL = sql('rollup-total');
const LIST_ALARMS = sql('list-alarms');
const COUNT_ALARMS = sql('count-alarms');
const SEARCH_CAMERAS = sql('search-cameras');
const ACK_ALARM = sql('acknowledge-alarm');
const CAMERA_BY_DEVICE = sql('camera-by-device-id');
const HOURLY = sql('availability-hourly');
const DAILY = sql('availability-daily');
const AGENTS = sql('agents-alive');
const COVERAGE_LOST = sql('coverage-lost');
const NETWORKED_AREA = sql('networked-rollup-by-area');
const NETWORKED_TOTAL = sql('networked-rollup-total');

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

/** Cameras now by state, and 在线率/完好率 over the observed ones (the vocabulary's healthCounts). */
export interface HealthNow {
  /** Cameras in service. */
  total: number;
  byState: Record<StatusState, number>;
  /** Cameras with a stored state (total less the never-polled UNKNOWN): the rates' denominator. */
  observed: number;
  /** Never polled (UNKNOWN): their own count, in no rate. */
  unknown: number;
  online: number;
  working: number;
  /** online ÷ observed (fraction 0–1), null with nothing observed: never-polled cameras are no data, not offline. */
  onlineRate: number | null;
  workingRate: number | null;
  /** 联网 now: cameras in service networked over GB/T 28181 (vocabulary isNetworked). */
  networked: number;
  /** 联网率 now: networked ÷ total; null when no GB/T 28181 device ever registered (unknown, not 0). */
  networkedRate: number | null;
}

/** One county's cameras now; areaCode null = cameras in no county (no area, or an area outside every county). */
export interface CountyHealthNow extends HealthNow {
  areaCode: string | null;
  areaName: string | null;
}

export interface StatusSummary extends HealthNow {
  generatedAt: string;
  /** The same counts per county: the fleet's are their sum (one definition, see status-by-county.sql). */
  counties: CountyHealthNow[];
}

interface CountyStateRow {
  areaCode: string | null;
  areaName: string | null;
  state: string;
  cameras: number;
  networked: number;
  known: boolean;
}

function healthNow(rows: readonly CountyStateRow[]): HealthNow {
  const c = healthCounts(rows.map((r) => [r.state, r.cameras] as const));
  const n = networkingCounts(
    c.total,
    rows.reduce((sum, r) => sum + r.networked, 0),
    rows.some((r) => r.known),
  );
  return {
    total: c.total,
    byState: c.byState,
    observed: c.observed,
    unknown: c.unknown,
    online: c.online,
    working: c.working,
    onlineRate: c.onlineRate,
    workingRate: c.workingRate,
    networked: n.networked,
    networkedRate: n.networkedRate,
  };
}

export async function statusSummary(db: Db): Promise<StatusSummary> {
  const { rows } = await db.query<CountyStateRow>(BY_COUNTY);
  const byCounty = new Map<string | null, { areaName: string | null; rows: CountyStateRow[] }>();
  for (const r of rows) {
    const g = byCounty.get(r.areaCode) ?? { areaName: r.areaName, rows: [] };
    g.rows.push(r);
    byCounty.set(r.areaCode, g);
  }
  const counties = [...byCounty].map(([areaCode, g]) => ({ areaCode, areaName: g.areaName, ...healthNow(g.rows) }));
  return {
    generatedAt: new Date().toISOString(),
    ...healthNow(rows),
    counties,
  };
}

export interface CameraStateRow {
  cameraId: number;
  deviceId: string;
  name: string;
  state: StatusState;
  reason: string;
  since: string | null;
  lastPollAt: string | null;
  online: boolean;
  working: boolean;
  clockOffsetMs: number | null;
  latencyMs: number | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
}

export async function listCameraStates(
  db: Db,
  opts: { state?: StatusState; limit?: number; cursor?: number } = {},
): Promise<{ cameras: CameraStateRow[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(1, opts.limit ?? 1000), 50_000);
  const { rows } = await db.query<CameraStateRow>(CAMERA_STATES, [opts.state ?? null, opts.cursor ?? 0, limit]);
  const cameras = rows.map((r) => ({ ...r, since: iso(r.since), lastPollAt: iso(r.lastPollAt) }));
  return { cameras, nextCursor: rows.length === limit ? rows[rows.length - 1]!.cameraId : null };
}

export type RollupLevel = 'all' | 'city' | 'county' | 'town';
export type RollupPeriod = 'day' | 'month';

export interface RollupRow {
  areaCode: string | null;
  areaName: string | null;
  period: string;
  cameras: number;
  samples: number;
  onlineRateSampled: number | null;
  onlineRateTimeWeighted: number | null;
  workingRateSampled: number | null;
  workingRateTimeWeighted: number | null;
  /** 联网率: networked ÷ recorded camera-days (gb_networked_daily); null when nothing was recorded. */
  networkedRate: number | null;
  /** The area's own or inherited thresholds (the fleet's for level 'all'; see thresholds.ts). */
  thresholds: EffectiveThresholds;
}

type RollupOpts = { level: RollupLevel; period: RollupPeriod; from: string; to: string };
type Thresholds = Awaited<ReturnType<typeof effectiveThresholds>>;
/** A roll-up row before its area's thresholds are attached. */
export type RollupFigures = Omit<RollupRow, 'thresholds'>;

/** 在线率/完好率 per period between local days `from` and `to` (inclusive), per area or for the fleet. */
export async function rollups(db: Db, opts: RollupOpts): Promise<RollupRow[]> {
  return withThresholds(await rollupFigures(db, opts), opts.level, await effectiveThresholds(db));
}

/**
 * The figures of rollups() without thresholds: what the API caches. Thresholds are attached per
 * request (withThresholds), so a change made with the API or the CLI shows at once.
 */
export async function rollupFigures(db: Db, opts: RollupOpts): Promise<RollupFigures[]> {
  if (opts.level === 'all') {
    const status = await db.query<StatusRollup>(ROLLUP_TOTAL, [opts.from, opts.to, opts.period]);
    const net = await db.query<NetworkedRollup>(NETWORKED_TOTAL, [opts.from, opts.to, opts.period]);
    return mergeNetworked(status.rows, net.rows).map((r) => ({ ...r, areaCode: null, areaName: null }));
  }
  const status = await db.query<StatusRollup>(ROLLUP_AREA, [opts.level, opts.from, opts.to, opts.period]);
  const net = await db.query<NetworkedRollup>(NETWORKED_AREA, [opts.level, opts.from, opts.to, opts.period]);
  return mergeNetworked(status.rows, net.rows);
}

/** Each row with its area's own or inherited thresholds (the fleet's for level 'all'; see thresholds.ts). */
export function withThresholds(rows: readonly RollupFigures[], level: RollupLevel, th: Thresholds): RollupRow[] {
  return rows.map((r) => ({
    ...r,
    thresholds: level === 'all' ? th.fleet : ((r.areaCode === null ? undefined : th.byCode.get(r.areaCode)) ?? th.defaults),
  }));
}

type StatusRollup = Omit<RollupRow, 'networkedRate' | 'thresholds'>;
interface NetworkedRollup {
  areaCode?: string | null;
  areaName?: string | null;
  period: string;
  cameras: number;
  networkedRate: number;
}

/**
 * The ONVIF side's rows (camera_status_daily) and the 联网 record's (gb_networked_daily) side by
 * side per area and period: a period only one of them has gets a row whose other figures are null
 * ("no data"), never 0. cameras is the larger count of the two.
 */
function mergeNetworked(status: StatusRollup[], net: NetworkedRollup[]): Array<Omit<RollupRow, 'thresholds'>> {
  const key = (r: { areaCode?: string | null; period: string }) => `${r.areaCode ?? ''}|${r.period}`;
  const byKey = new Map<string, Omit<RollupRow, 'thresholds'>>();
  for (const r of status) byKey.set(key(r), { ...r, networkedRate: null });
  for (const n of net) {
    const row = byKey.get(key(n));
    if (row !== undefined) {
      row.networkedRate = n.networkedRate;
      row.cameras = Math.max(row.cameras, n.cameras);
    } else
      byKey.set(key(n), {
        areaCode: n.areaCode ?? null,
        areaName: n.areaName ?? null,
        period: n.period,
        cameras: n.cameras,
        samples: 0,
        onlineRateSampled: null,
        onlineRateTimeWeighted: null,
        workingRateSampled: null,
        workingRateTimeWeighted: null,
        networkedRate: n.networkedRate,
      });
  }
  return [...byKey.values()].sort((a, b) => a.period.localeCompare(b.period) || (a.areaCode ?? '').localeCompare(b.areaCode ?? ''));
}

/** Today and the first day of its month in the dataset's time zone (the agent's daily aggregates count the same days). */
export async function localToday(db: Db, now = Date.now()): Promise<{ today: string; monthStart: string; daysAgo: (n: number) => string }> {
  const today = dayIn(await readTimeZone(db), now);
  return { today, monthStart: `${today.slice(0, 8)}01`, daysAgo: (n) => addDays(today, -n) };
}

export interface AlarmRow {
  id: number;
  cameraId: number;
  deviceId: string;
  cameraName: string;
  /** The camera's own admin area (town or county), null when it has none. */
  areaCode: string | null;
  areaName: string | null;
  /** Where the camera is (WGS 84), for flying the map to it. */
  lon: number;
  lat: number;
  state: string;
  reason: string;
  /** When the outage began (the camera's state since; the alarm was raised after the flap window). */
  raisedAt: string;
  /** When the camera worked again (the alarm recovered), null while open. */
  clearedAt: string | null;
  /** How long the outage lasted, for a cleared alarm; null while open. */
  durationS: number | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
  coverageLost: CoverageLost;
}

/** What the current outage costs, from the stored "now" blind spots (see coverage-lost.sql). */
export interface CoverageLost {
  targets: number;
  byClass: { intersection: number; road_m: number; hotspot_m2: number; crowded_place_m2: number };
}

const noLoss = (): CoverageLost => ({ targets: 0, byClass: { intersection: 0, road_m: 0, hotspot_m2: 0, crowded_place_m2: 0 } });

/** Coverage lost per camera: camera_down pieces in target parts whose design coverage counts the camera. */
export async function coverageLostByCamera(db: Db, cameraIds: number[]): Promise<Map<number, CoverageLost>> {
  const out = new Map<number, CoverageLost>();
  if (cameraIds.length === 0) return out;
  const { rows } = await db.query<{ cameraId: string | number; class: string; targets: number; measure: number }>(COVERAGE_LOST, [
    [...new Set(cameraIds)],
  ]);
  for (const r of rows) {
    const id = Number(r.cameraId);
    const lost = out.get(id) ?? noLoss();
    lost.targets += r.targets;
    if (r.class === 'intersection') lost.byClass.intersection += r.targets;
    else if (r.class === 'road') lost.byClass.road_m += Math.round(r.measure * 10) / 10;
    else if (r.class === 'hotspot') lost.byClass.hotspot_m2 += Math.round(r.measure * 10) / 10;
    else if (r.class === 'crowded_place') lost.byClass.crowded_place_m2 += Math.round(r.measure * 10) / 10;
    out.set(id, lost);
  }
  return out;
}

export interface AlarmFilter {
  /** Only open (not cleared) alarms; default true. */
  openOnly?: boolean;
  unacknowledgedOnly?: boolean;
  states?: string[];
  /** An admin area's code: alarms of cameras in it or in any area inside it. */
  areaCode?: string;
  /** Raised at or after (ISO time). */
  from?: string;
  /** Raised before (ISO time). */
  to?: string;
}

/** Alarms, unacknowledged first then newest first, a page at a time (cursor = offset) with the total. */
export async function listAlarms(
  db: Db,
  opts: AlarmFilter & { limit?: number; cursor?: number } = {},
): Promise<{ alarms: AlarmRow[]; total: number; nextCursor: number | null }> {
  const limit = Math.min(Math.max(1, opts.limit ?? 100), 1000);
  const offset = Math.max(0, opts.cursor ?? 0);
  const filter = [
    opts.openOnly ?? true,
    opts.unacknowledgedOnly ?? false,
    opts.states === undefined || opts.states.length === 0 ? null : opts.states,
    opts.areaCode ?? null,
    opts.from ?? null,
    opts.to ?? null,
  ] as const;
  const { rows } = await db.query<AlarmRow & { total: number }>(LIST_ALARMS, [
    filter[0],
    limit,
    offset,
    filter[1],
    filter[2],
    filter[3],
    filter[4],
    filter[5],
  ]);
  const total = rows[0]?.total ?? (offset === 0 ? 0 : (await db.query<{ total: number }>(COUNT_ALARMS, [...filter])).rows[0]!.total);
  const lost = await coverageLostByCamera(
    db,
    rows.filter((r) => r.clearedAt === null).map((r) => Number(r.cameraId)),
  );
  const alarms = rows.map(({ total: _total, ...r }) => ({
    ...r,
    raisedAt: iso(r.raisedAt)!,
    clearedAt: iso(r.clearedAt),
    acknowledgedAt: iso(r.acknowledgedAt),
    coverageLost: lost.get(Number(r.cameraId)) ?? noLoss(),
  }));
  return { alarms, total, nextCursor: offset + rows.length < total ? offset + rows.length : null };
}

export async function acknowledgeAlarm(
  db: Db,
  id: number,
  user: string,
  note: string | null = null,
): Promise<{ id: number; acknowledgedAt: string; acknowledgedBy: string; ackNote: string | null } | undefined> {
  const { rows } = await db.query<{ id: number; acknowledgedAt: Date; acknowledgedBy: string; ackNote: string | null }>(ACK_ALARM, [
    id,
    user,
    note,
  ]);
  const r = rows[0];
  return r === undefined ? undefined : { ...r, acknowledgedAt: iso(r.acknowledgedAt)! };
}

export interface HourlyAvailability {
  start: string;
  observedSeconds: number;
  onlineSeconds: number;
  workingSeconds: number;
  worstState: string | null;
}
export interface DailyAvailability {
  day: string;
  samples: number;
  observedMs: number;
  onlineRateSampled: number | null;
  onlineRateTimeWeighted: number | null;
  workingRateSampled: number | null;
  workingRateTimeWeighted: number | null;
}

export interface CameraAvailability {
  deviceId: string;
  state: StatusState;
  reason: string;
  since: string | null;
  last24h: HourlyAvailability[];
  last30d: DailyAvailability[];
}

/** The card's availability strips: 24 hourly cells from events, 30 daily cells from aggregates. */
export async function cameraAvailability(db: Db, deviceId: string, now = Date.now()): Promise<CameraAvailability | undefined> {
  const { rows } = await db.query<{ cameraId: number; deviceId: string; state: StatusState; reason: string; since: Date | null }>(
    CAMERA_BY_DEVICE,
    [deviceId],
  );
  const cam = rows[0];
  if (cam === undefined) return undefined;
  const days = await localToday(db, now);
  const hourly = await db.query<HourlyAvailability & { start: Date }>(HOURLY, [cam.cameraId, 24]);
  const daily = await db.query<DailyAvailability>(DAILY, [cam.cameraId, days.daysAgo(29), days.today]);
  return {
    deviceId: cam.deviceId,
    state: cam.state,
    reason: cam.reason,
    since: iso(cam.since),
    last24h: hourly.rows.map((h) => ({ ...h, start: iso(h.start)! })),
    last30d: daily.rows,
  };
}

export async function agentsAlive(
  db: Db,
  withinMs = 90_000,
): Promise<Array<{ agentId: string; host: string; pid: number; startedAt: string; heartbeatAt: string; polls: number }>> {
  const { rows } = await db.query<{ agentId: string; host: string; pid: number; startedAt: Date; heartbeatAt: Date; polls: number }>(
    AGENTS,
    [withinMs],
  );
  return rows.map((r) => ({ ...r, startedAt: iso(r.startedAt)!, heartbeatAt: iso(r.heartbeatAt)! }));
}

export interface CameraHit {
  deviceId: string;
  name: string;
  lon: number;
  lat: number;
  state: StatusState;
}

/** Cameras by device id prefix or part of the name, for the top bar's search. */
export async function searchCameras(db: Db, text: string, limit = 10): Promise<CameraHit[]> {
  // LIKE's wildcards in the user's text are matched literally.
  const literal = text.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  if (literal === '') return [];
  return (await db.query<CameraHit>(SEARCH_CAMERAS, [literal, limit])).rows;
}
