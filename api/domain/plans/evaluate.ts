// Server evaluation of a plan by the coverage engine (issue 14, "one model of coverage"): the
// plan's cameras are built in a what-if (coverage-engine evaluateWhatIf: the engine's own
// footprints, levels and occlusion, nothing stored changes). Before = exactly what GET /coverage
// returns for the plan's mode; after = what it will return once the plan is built; gains in the
// coverage panel's units (intersections counted, road metres, square metres), per class and
// area, and each camera's marginal gain in plan order.
import type pg from 'pg';
import {
  CoverageQueryError,
  evaluateWhatIf,
  TARGET_CLASSES,
  WhatIfInputError,
  type AreaGains,
  type AreaRates,
  type ClassGains,
  type TargetClass,
  type WhatIfCamera,
} from '../../../coverage-engine';
import { loadSql } from '../../../db/sql';
import { BadRequestError } from '../../errors';
import { getPlan, type Plan, type PlanCamera } from './plans';

const SET_EVALUATION = loadSql(import.meta.url, 'set-plan-evaluation.sql');

/** One class for the area evaluated, in the coverage panel's units. */
export interface ClassEvaluation {
  className: TargetClass;
  unit: 'count' | 'm' | 'm2';
  /** Intersections, road metres or square metres in the area. */
  total: number;
  coveredBefore: number;
  coveredAfter: number;
  /** coveredAfter − coveredBefore. */
  gain: number;
  coveredTargetsBefore: number;
  coveredTargetsAfter: number;
  /** Fractions 0–1. */
  rateBefore: number;
  rateAfter: number;
}

export interface CameraEvaluation {
  position: number;
  name: string;
  /** What the engine says this camera adds after the ones before it in the plan, per class. */
  gain: ClassGains;
  /** Targets that reach their required coverage with this camera (summed over the classes). */
  newlyCoveredTargets: number;
}

export interface PlanEvaluation {
  planId: number;
  mode: 'design' | 'now';
  /** Admin area code evaluated (its figures in `classes`), or null for the whole dataset. */
  area: string | null;
  /** The dataset's day the figures are for. */
  asOf: string;
  evaluatedAt: string;
  cameraCount: number;
  totalCost: number;
  classes: ClassEvaluation[];
  /** Every area, as GET /coverage returns them, before and after, and the gains. */
  before: AreaRates[];
  after: AreaRates[];
  gains: AreaGains[];
  cameras: CameraEvaluation[];
  ms: number;
}

/** A plan camera as the engine evaluates it: every parameter the plan holds. */
export function planCameraToWhatIf(c: PlanCamera): WhatIfCamera {
  return {
    type: c.type,
    lon: c.lon,
    lat: c.lat,
    heightM: c.heightM,
    azimuthDeg: c.azimuthDeg,
    tiltDeg: c.tiltDeg,
    hfovDeg: c.hfovDeg,
    vfovDeg: c.vfovDeg,
    resolutionH: c.resolutionH,
    resolutionV: c.resolutionV,
    ptzPresets: c.ptzPresets,
    name: c.name,
  };
}

/** The engine's evaluation of a plan's cameras (not stored). */
export async function evaluatePlanCameras(
  pool: pg.Pool,
  plan: Plan,
  o: { mode?: 'design' | 'now'; area?: string } = {},
): Promise<PlanEvaluation> {
  const mode = o.mode ?? plan.mode;
  const w = await evaluateWhatIf(pool, plan.cameras.map(planCameraToWhatIf), {
    mode,
    ...(o.area === undefined ? {} : { area: o.area }),
  }).catch((err: unknown) => {
    if (err instanceof WhatIfInputError) throw new BadRequestError(err.message, { field: err.field, row: err.index + 1 });
    if (err instanceof CoverageQueryError) throw new BadRequestError(err.message, { field: err.field });
    throw err;
  });
  const pick = (areas: AreaRates[]) => areas.find((a) => (o.area === undefined ? a.areaId === null : a.code === o.area));
  const b = pick(w.before);
  const a = pick(w.after);
  const classes: ClassEvaluation[] = [];
  for (const className of TARGET_CLASSES) {
    const cb = b?.classes[className];
    const ca = a?.classes[className];
    if (cb === undefined || ca === undefined) continue;
    classes.push({
      className,
      unit: ca.unit,
      total: ca.total,
      coveredBefore: cb.covered,
      coveredAfter: ca.covered,
      gain: Math.round((ca.covered - cb.covered) * 100) / 100,
      coveredTargetsBefore: cb.coveredTargets,
      coveredTargetsAfter: ca.coveredTargets,
      rateBefore: cb.rate,
      rateAfter: ca.rate,
    });
  }
  return {
    planId: plan.id,
    mode: w.mode,
    area: w.area,
    asOf: w.asOf,
    evaluatedAt: new Date().toISOString(),
    cameraCount: plan.cameras.length,
    totalCost: plan.totalCost,
    classes,
    before: w.before,
    after: w.after,
    gains: w.gains,
    cameras: plan.cameras.map((c, k) => {
      const gain = w.cameras[k]?.classes ?? {};
      return {
        position: c.position,
        name: c.name,
        gain,
        newlyCoveredTargets: Object.values(gain).reduce((n, g) => n + Math.max(0, g?.coveredTargets ?? 0), 0),
      };
    }),
    ms: w.ms,
  };
}

export async function evaluatePlan(
  pool: pg.Pool,
  planId: number,
  options: { mode?: 'design' | 'now'; area?: string; store?: boolean } = {},
): Promise<PlanEvaluation> {
  const plan = await getPlan(pool, planId);
  const evaluation = await evaluatePlanCameras(pool, plan, options);
  if (options.store !== false) await pool.query(SET_EVALUATION, [planId, JSON.stringify(evaluation)]);
  return evaluation;
}

export interface PlanComparison extends PlanEvaluation {
  name: string;
  /** Targets that reach their required coverage with the plan, summed over the classes. */
  newlyCoveredTargets: number;
  /** Total cost per newly covered target, or null when none is. */
  costPerNewTarget: number | null;
}

/** Plans side by side, each evaluated by the engine on its own against today's network. */
export async function comparePlans(
  pool: pg.Pool,
  planIds: number[],
  mode?: 'design' | 'now',
  area?: string,
): Promise<{ plans: PlanComparison[] }> {
  const out: PlanComparison[] = [];
  for (const id of planIds) {
    const plan = await getPlan(pool, id);
    const ev = await evaluatePlanCameras(pool, plan, { ...(mode === undefined ? {} : { mode }), ...(area === undefined ? {} : { area }) });
    const newly = ev.classes.reduce((n, c) => n + (c.coveredTargetsAfter - c.coveredTargetsBefore), 0);
    out.push({ ...ev, name: plan.name, newlyCoveredTargets: newly, costPerNewTarget: newly > 0 ? ev.totalCost / newly : null });
  }
  return { plans: out };
}
