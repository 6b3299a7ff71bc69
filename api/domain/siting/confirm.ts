// The engine's word on a suggestion (issue 14, "one model of coverage"): the search ranks sites
// with its fast discrete model (demand units), then the chosen cameras are evaluated by the
// coverage engine's what-if, so the rates a planner acts on are the figures GET /coverage will
// show once the cameras are built. A suggested camera states every parameter the search
// assumed, so a plan saved from it evaluates to the same figures.
import type pg from 'pg';
import { evaluateWhatIf, type ClassGains, type WhatIfCamera, type WhatIfResult } from '../../../coverage-engine';
import { verticalFovDeg } from '../../../gis-data/optics';
import type { PtzPreset } from '../../../gis-data/footprint';
import type { SitingClass } from './problem';

/** The optics the search judged a pose with, stated: what the footprint code assumes when a value is missing. */
export function poseOptics(pose: { type: string; hfovDeg: number; resolutionH: number; resolutionV: number }): {
  tiltDeg: number | null;
  vfovDeg: number;
  ptzPresets: PtzPreset[];
} {
  if (pose.type === 'fisheye' || pose.hfovDeg >= 360) return { tiltDeg: 90, vfovDeg: 180, ptzPresets: [] };
  const vfovDeg = verticalFovDeg({ hfovDeg: pose.hfovDeg, resolutionH: pose.resolutionH, resolutionV: pose.resolutionV })!;
  // A PTZ without presets pans and tilts anywhere (the engine's full circle at the wide end).
  if (pose.type === 'ptz') return { tiltDeg: null, vfovDeg, ptzPresets: [] };
  // A fixed lens: the horizon at the top of the image, the engine's default made explicit.
  return { tiltDeg: vfovDeg / 2, vfovDeg, ptzPresets: [] };
}

/** A class's coverage before and after, from the coverage engine (the figures of GET /coverage). */
export interface ConfirmedRate {
  className: SitingClass;
  unit: 'count' | 'm' | 'm2';
  /** Intersections, road metres or square metres in the area. */
  total: number;
  coveredBefore: number;
  coveredAfter: number;
  /** Fractions 0–1. */
  before: number;
  after: number;
}

export interface Confirmation {
  rates: ConfirmedRate[];
  /** Per camera in the order given: what the engine says it adds to the dataset's figures. */
  gains: ClassGains[];
  mode: 'design' | 'now';
  area: string | null;
  asOf: string;
  ms: number;
}

/** The engine's figures for `cameras` built in this order, for `classes` in the area (or the city). */
export async function confirmWithEngine(
  pool: pg.Pool,
  cameras: WhatIfCamera[],
  o: { mode: 'design' | 'now'; area?: string; classes: readonly SitingClass[] },
): Promise<Confirmation> {
  const w: WhatIfResult = await evaluateWhatIf(pool, cameras, { mode: o.mode, ...(o.area === undefined ? {} : { area: o.area }) });
  const pick = <T extends { code: string | null; areaId: number | null }>(areas: T[]) =>
    areas.find((a) => (o.area === undefined ? a.areaId === null : a.code === o.area));
  const before = pick(w.before);
  const after = pick(w.after);
  const rates: ConfirmedRate[] = [];
  for (const className of o.classes) {
    const b = before?.classes[className];
    const a = after?.classes[className];
    if (b === undefined || a === undefined) continue;
    rates.push({
      className,
      unit: a.unit,
      total: a.total,
      coveredBefore: b.covered,
      coveredAfter: a.covered,
      before: b.rate,
      after: a.rate,
    });
  }
  // Each camera's gain is what it adds to the whole dataset (a camera near an area's edge may
  // also cover targets across it).
  return { rates, gains: w.cameras.map((c) => c.classes), mode: w.mode, area: w.area, asOf: w.asOf, ms: w.ms };
}
