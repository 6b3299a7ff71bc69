// The coverage report of one county or town for an acceptance inspection: 覆盖率 by class
// against the 100 % target (design, now, and at the 2020 deadline), 在线率, 完好率 and 联网率
// (GB/T 28181) against the area's thresholds (联网率's built-in one is the national 100 %), the
// towns of a county, and the ranked blind spots. Figures come from the
// coverage engine (coverage-engine/) and the status read side (api/domain/status).
import type pg from 'pg';
import {
  DEADLINE,
  listBlindSpots,
  loadCoverageSettings,
  queryRates,
  queryTimeline,
  TARGET_CLASSES,
  type AreaRates,
  type BlindSpotRow,
  type ClassRate,
  type TargetClass,
} from '../../../coverage-engine';
import { localToday, rollups } from '../status/status-repository';
import { effectiveThresholds } from '../status/thresholds';
import { NotFoundError } from '../../errors';
import { tableExists } from '../schema-checks';
import { loadSql } from '../../../db/sql';
import type { ChartPoint } from './report-chart';
import type { Geometry, ReportMapData } from './report-map';
import { healthCounts, networkingCounts } from '../../../vocabulary/camera-health';

const AREA = loadSql(import.meta.url, 'area-by-code.sql');
const NOW_COUNTS = loadSql(import.meta.url, 'area-cameras-now.sql');
const NETWORKED_NOW = loadSql(import.meta.url, 'area-networked-now.sql');
const TOP_AREA = loadSql(import.meta.url, 'top-area.sql');
const CHILDREN = loadSql(import.meta.url, 'child-areas.sql');
const MAP_AREAS = loadSql(import.meta.url, 'report-map-areas.sql');
const MAP_ROADS = loadSql(import.meta.url, 'report-map-roads.sql');
const MAP_BLIND_SPOTS = loadSql(import.meta.url, 'report-map-blind-spots.sql');

export interface ReportClassRow {
  class: TargetClass;
  unit: ClassRate['unit'] | null;
  target: 1;
  design: ClassRate | null;
  now: ClassRate | null;
  deadline: ClassRate | null;
}

export interface CoverageReport {
  generatedAt: string;
  area: { code: string; name: string; level: string; parentCode: string | null; parentName: string | null };
  deadlineDate: string;
  classes: ReportClassRow[];
  status: {
    cameras: number;
    /** Cameras with a stored state: the denominator of the rates now. */
    observed: number;
    /** Never polled (UNKNOWN): no data, in no rate. */
    unknown: number;
    online: number;
    working: number;
    onlineRateNow: number | null;
    workingRateNow: number | null;
    /** Cameras in service networked over GB/T 28181 now (vocabulary isNetworked). */
    networked: number;
    /** 联网率 now: networked ÷ cameras in service; null when no device ever registered (unknown, not 0). */
    networkedRateNow: number | null;
    monthToDate: { period: string; onlineRate: number | null; workingRate: number | null; networkedRate: number | null } | null;
    /** The area's own or inherited thresholds, as the command center judges them (联网率 built-in: 100 %, the national figure). */
    thresholds: { online: number; working: number; networked: number };
  };
  subAreas: { code: string | null; name: string; classes: Partial<Record<TargetClass, ClassRate>> }[];
  blindSpots: { total: number; items: BlindSpotRow[] };
  /** The map of blind spots per county and the month-by-month chart (HTML and PDF only). */
  figures?: { maps: ReportMapData[]; chart: ChartPoint[] };
}

/** The report of `code`, or of the top admin area (the city) when no code is given. */
export async function buildCoverageReport(
  pool: pg.Pool,
  areaCode: string | undefined,
  o: { blindSpots?: number; figures?: boolean } = {},
): Promise<CoverageReport> {
  const code = areaCode ?? (await pool.query<{ code: string }>(TOP_AREA)).rows[0]?.code;
  if (code === undefined) throw new NotFoundError('No admin areas are loaded yet: import or generate a dataset first.', { field: 'area' });
  const { rows: areas } = await pool.query<{
    id: number;
    code: string;
    name: string;
    level: string;
    parent_code: string | null;
    parent_name: string | null;
  }>(AREA, [code]);
  const area = areas[0];
  if (area === undefined) throw new NotFoundError(`No admin area with code ${code}.`, { field: 'area' });

  const haveCoverage = await tableExists(pool, 'coverage_blind_spots');
  const settings = await loadCoverageSettings(pool);
  let design: AreaRates[] = [];
  let now: AreaRates[] = [];
  let deadline: Partial<Record<TargetClass, ClassRate>> = {};
  let blindSpots: CoverageReport['blindSpots'] = { total: 0, items: [] };
  let chart: ChartPoint[] = [];
  if (haveCoverage) {
    design = await queryRates(pool, settings, { mode: 'design' });
    now = await queryRates(pool, settings, { mode: 'now' });
    const timeline = await queryTimeline(pool, settings);
    // The top area's series is the one for all targets (code null) when it has none of its own.
    const series =
      timeline.series.find((s) => s.code === code) ??
      (area.parent_code === null ? timeline.series.find((s) => s.code === null) : undefined);
    deadline = series?.points.find((p) => p.month === DEADLINE)?.classes ?? {};
    chart = (series?.points ?? []).map((p) => ({
      month: p.month,
      rates: Object.fromEntries(TARGET_CLASSES.map((c) => [c, p.classes[c]?.rate ?? null])),
    }));
    blindSpots = await listBlindSpots(pool, { mode: 'design', area: code, limit: o.blindSpots ?? 50 });
  }
  const mine = (list: AreaRates[]) => list.find((a) => a.code === code)?.classes ?? {};
  const classes: ReportClassRow[] = TARGET_CLASSES.map((cls) => {
    const d = mine(design)[cls] ?? null;
    return { class: cls, unit: d?.unit ?? null, target: 1, design: d, now: mine(now)[cls] ?? null, deadline: deadline[cls] ?? null };
  });

  const byState = (await pool.query<{ state: string; cameras: number }>(NOW_COUNTS, [code])).rows;
  const counts = healthCounts(byState.map((r) => [r.state, r.cameras] as const));
  const net = (await pool.query<{ total: number; networked: number; known: boolean }>(NETWORKED_NOW, [code])).rows[0]!;
  const networking = networkingCounts(net.total, net.networked, net.known);
  // The area's own thresholds (inherited from its county or the city default), as the command center shows them.
  const thresholds = await effectiveThresholds(pool);
  const own = thresholds.byCode.get(code) ?? thresholds.defaults;
  let monthToDate: CoverageReport['status']['monthToDate'] = null;
  if (await tableExists(pool, 'camera_status_daily')) {
    const { today, monthStart } = await localToday(pool);
    const level = area.level as 'city' | 'county' | 'town';
    const row = (await rollups(pool, { level, period: 'month', from: monthStart, to: today })).find((r) => r.areaCode === code);
    if (row !== undefined)
      monthToDate = {
        period: row.period,
        onlineRate: row.onlineRateTimeWeighted,
        workingRate: row.workingRateTimeWeighted,
        networkedRate: row.networkedRate,
      };
  }

  const { rows: children } = await pool.query<{ code: string }>(CHILDREN, [area.id]);
  const childCodes = new Set(children.map((c) => c.code));
  return {
    generatedAt: new Date().toISOString(),
    area: { code: area.code, name: area.name, level: area.level, parentCode: area.parent_code, parentName: area.parent_name },
    deadlineDate: DEADLINE,
    classes,
    status: {
      cameras: counts.total,
      observed: counts.observed,
      unknown: counts.unknown,
      online: counts.online,
      working: counts.working,
      onlineRateNow: counts.onlineRate,
      workingRateNow: counts.workingRate,
      networked: networking.networked,
      networkedRateNow: networking.networkedRate,
      monthToDate,
      thresholds: { online: own.online, working: own.working, networked: own.networked },
    },
    subAreas: design
      .filter((a) => a.code !== null && childCodes.has(a.code))
      .map((a) => ({ code: a.code, name: a.name, classes: a.classes })),
    blindSpots,
    ...(o.figures === true ? { figures: { maps: haveCoverage ? await mapData(pool, area.id) : [], chart } } : {}),
  };
}

/** Boundary, main roads and design blind spots of each county the report covers (report-map.ts draws them). */
async function mapData(pool: pg.Pool, areaId: number): Promise<ReportMapData[]> {
  const { rows } = await pool.query<{ id: number; code: string; name: string; tolerance_m: number; boundary: Geometry | null }>(MAP_AREAS, [
    areaId,
  ]);
  const out: ReportMapData[] = [];
  for (const a of rows) {
    const roads = await pool.query<{ geometry: Geometry | null }>(MAP_ROADS, [a.id, a.tolerance_m]);
    const spots = await pool.query<{ reason: string; geometry: Geometry | null }>(MAP_BLIND_SPOTS, [a.id, a.tolerance_m]);
    out.push({
      code: a.code,
      name: a.name,
      boundary: a.boundary,
      roads: roads.rows.flatMap((r) => (r.geometry === null ? [] : [r.geometry])),
      blindSpots: spots.rows.flatMap((r) => (r.geometry === null ? [] : [{ reason: r.reason, geometry: r.geometry }])),
    });
  }
  return out;
}
