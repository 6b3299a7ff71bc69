// 覆盖率 per class for the city and every admin area. Intersections count targets whose disc is
// seen to the configured share; roads count covered length; hotspots and crowded places count
// covered area. Each class also says how many covered targets rest on assumed values.
import type pg from 'pg';
import { TARGET_CLASSES, type CoverageSettings, type TargetClass } from './settings';
import { SQL } from './sql';

export interface ClassRate {
  targets: number;
  coveredTargets: number;
  /** What `total` and `covered` count: targets, metres of road, or square metres. */
  unit: 'count' | 'm' | 'm2';
  total: number;
  covered: number;
  /** Share 0..1 (the 覆盖率). */
  rate: number;
  /** Covered targets whose coverage rests on an assumed camera value or building height. */
  assumedTargets: number;
  /** Redundancy: targets seen (in part) by at least two cameras at their level. */
  redundantTargets: number;
  /** Mean number of cameras that see part of a target at its level. */
  meanCameras: number;
}

export interface AreaRates {
  areaId: number | null;
  code: string | null;
  name: string;
  level: 'city' | 'county' | 'town' | 'all';
  classes: Partial<Record<TargetClass, ClassRate>>;
}

/** One class of one area as rates.sql sums it: every field is a sum over targets (the mean aside). */
export interface RateRow {
  area_id: number | null;
  code: string | null;
  name: string | null;
  level: string | null;
  class: TargetClass;
  targets: number;
  covered_targets: number;
  measure: number;
  covered: number;
  assumed_targets: number;
  redundant_targets: number;
  mean_cameras: number;
  /** Sum over the targets of the cameras that see part of each (mean_cameras × targets). */
  camera_sum: number;
}

export function classRate(
  cls: TargetClass,
  targets: number,
  coveredTargets: number,
  measure: number,
  covered: number,
  assumedTargets: number,
  redundantTargets = 0,
  meanCameras = 0,
): ClassRate {
  const extra = { assumedTargets, redundantTargets, meanCameras: Math.round(meanCameras * 100) / 100 };
  if (cls === 'intersection')
    return {
      targets,
      coveredTargets,
      unit: 'count',
      total: targets,
      covered: coveredTargets,
      rate: targets === 0 ? 0 : coveredTargets / targets,
      ...extra,
    };
  const unit = cls === 'road' ? 'm' : 'm2';
  const c = Math.min(covered, measure);
  return { targets, coveredTargets, unit, total: round(measure), covered: round(c), rate: measure === 0 ? 0 : c / measure, ...extra };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The summed rows behind the rates: stored results (`mode`) or a one-off run (`runId`); `targetIds` limits them to those targets. */
export async function rateRows(
  db: pg.Pool | pg.PoolClient,
  s: CoverageSettings,
  source: { mode: 'design' | 'now' } | { runId: string },
  targetIds: number[] | null = null,
): Promise<RateRow[]> {
  const mode = 'mode' in source ? source.mode : 'design';
  const runId = 'runId' in source ? source.runId : null;
  const { rows } = await db.query<RateRow>(SQL.rates, [mode, runId, s.coveredShare, targetIds]);
  return rows.map((r) => ({ ...r, measure: Number(r.measure), covered: Number(r.covered), mean_cameras: Number(r.mean_cameras) }));
}

/** The rates per area and class from summed rows (the API's and the CLI's shape). */
export function areaRatesFromRows(rows: RateRow[]): AreaRates[] {
  const byArea = new Map<string, AreaRates>();
  for (const r of rows) {
    const key = String(r.area_id);
    let a = byArea.get(key);
    if (a === undefined) {
      a = { areaId: r.area_id, code: r.code, name: r.name ?? 'all targets', level: (r.level ?? 'all') as AreaRates['level'], classes: {} };
      byArea.set(key, a);
    }
    a.classes[r.class] = classRate(
      r.class,
      r.targets,
      r.covered_targets,
      r.measure,
      r.covered,
      r.assumed_targets,
      r.redundant_targets,
      r.mean_cameras,
    );
  }
  return [...byArea.values()];
}

/** Rates from stored results (`mode`) or from a one-off run (`runId`). */
export async function queryRates(
  db: pg.Pool | pg.PoolClient,
  s: CoverageSettings,
  source: { mode: 'design' | 'now' } | { runId: string },
): Promise<AreaRates[]> {
  return areaRatesFromRows(await rateRows(db, s, source));
}

export { TARGET_CLASSES };
