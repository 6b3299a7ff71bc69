// Server evaluation of a plan: the coverage units of every target class before (existing
// cameras, design or now) and after adding the plan's cameras, judged exactly like a
// suggestion (api/domain/siting/problem.ts). Also each camera's marginal gain in plan order, so
// the planner sees which proposed camera earns its cost.
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { loadUnits, seenPairs, SITING_CLASSES, type PlannedCamera, type SitingClass } from '../siting/problem';
import { getPlan, type Plan } from './plans';

const SET_EVALUATION = loadSql(import.meta.url, 'set-plan-evaluation.sql');

export interface ClassEvaluation {
  className: SitingClass;
  units: number;
  coveredBefore: number;
  coveredAfter: number;
  rateBefore: number;
  rateAfter: number;
}

export interface PlanEvaluation {
  planId: number;
  mode: 'design' | 'now';
  evaluatedAt: string;
  cameraCount: number;
  totalCost: number;
  classes: ClassEvaluation[];
  newlyCoveredUnits: number;
  newlyCoveredTargets: number[];
  cameras: { position: number; name: string; marginalGain: number; newlyCoveredUnits: number; seesUnits: number }[];
  ms: number;
}

export function planCameraToPlanned(c: Plan['cameras'][number]): PlannedCamera {
  return {
    type: c.type,
    xy: [c.x, c.y],
    heightM: c.heightM,
    hfovDeg: c.hfovDeg,
    resolutionH: c.resolutionH,
    resolutionV: c.resolutionV,
    ...(c.azimuthDeg === null ? {} : { azimuthDeg: c.azimuthDeg }),
    ...(c.tiltDeg === null ? {} : { tiltDeg: c.tiltDeg }),
  };
}

export async function evaluatePlan(
  pool: pg.Pool,
  planId: number,
  options: { mode?: 'design' | 'now'; store?: boolean } = {},
): Promise<PlanEvaluation> {
  const started = Date.now();
  const plan = await getPlan(pool, planId);
  const mode = options.mode ?? plan.mode;
  const loaded = await loadUnits(pool, { now: mode === 'now' });
  const units = loaded.units;
  const cameras = plan.cameras.map(planCameraToPlanned);
  const pairs = await seenPairs(cameras, units, loaded.obstacles, loaded.settings.targetHeightM);
  const byCamera: number[][] = cameras.map(() => []);
  for (let k = 0; k < pairs.pairPose.length; k++) byCamera[pairs.pairPose[k]!]!.push(pairs.pairUnit[k]!);
  const count = Int32Array.from(units, (u) => u.existing);
  const newlyCovered = new Set<number>();
  const cameraRows = plan.cameras.map((c, i) => {
    let gain = 0;
    let newly = 0;
    for (const d of byCamera[i]!) {
      const u = units[d]!;
      if (count[d]! < u.need) {
        gain += u.weight / u.need;
        if (count[d]! + 1 === u.need) {
          newly++;
          newlyCovered.add(d);
        }
      }
      count[d]!++;
    }
    return { position: c.position, name: c.name, marginalGain: gain, newlyCoveredUnits: newly, seesUnits: byCamera[i]!.length };
  });
  const classes: ClassEvaluation[] = SITING_CLASSES.map((className) => {
    let n = 0,
      before = 0,
      after = 0,
      wTotal = 0,
      wBefore = 0,
      wAfter = 0;
    units.forEach((u, d) => {
      if (u.cls !== className) return;
      n++;
      wTotal += u.weight;
      if (u.existing >= u.need) before++;
      if (count[d]! >= u.need) after++;
      wBefore += (u.weight * Math.min(u.existing, u.need)) / u.need;
      wAfter += (u.weight * Math.min(count[d]!, u.need)) / u.need;
    });
    return {
      className,
      units: n,
      coveredBefore: before,
      coveredAfter: after,
      rateBefore: wTotal > 0 ? wBefore / wTotal : 1,
      rateAfter: wTotal > 0 ? wAfter / wTotal : 1,
    };
  }).filter((c) => c.units > 0);
  const evaluation: PlanEvaluation = {
    planId,
    mode,
    evaluatedAt: new Date().toISOString(),
    cameraCount: cameras.length,
    totalCost: plan.totalCost,
    classes,
    newlyCoveredUnits: newlyCovered.size,
    newlyCoveredTargets: [...new Set([...newlyCovered].map((d) => units[d]!.targetId))].sort((a, b) => a - b),
    cameras: cameraRows,
    ms: Date.now() - started,
  };
  if (options.store !== false) await pool.query(SET_EVALUATION, [planId, JSON.stringify(evaluation)]);
  return evaluation;
}

/** Plans side by side: each one's evaluation, cost and cost per newly covered unit. */
export async function comparePlans(
  pool: pg.Pool,
  planIds: number[],
  mode?: 'design' | 'now',
): Promise<{ plans: (PlanEvaluation & { name: string; costPerNewUnit: number | null })[] }> {
  const out: (PlanEvaluation & { name: string; costPerNewUnit: number | null })[] = [];
  for (const id of planIds) {
    const plan = await getPlan(pool, id);
    const ev = await evaluatePlan(pool, id, { ...(mode === undefined ? {} : { mode }), store: false });
    out.push({ ...ev, name: plan.name, costPerNewUnit: ev.newlyCoveredUnits > 0 ? ev.totalCost / ev.newlyCoveredUnits : null });
  }
  return { plans: out };
}
