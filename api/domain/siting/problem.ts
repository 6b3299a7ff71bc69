// Loads a siting problem from the database: demand units of the target layers, what existing
// cameras already see (design coverage, or only working cameras for "coverage now"), candidate
// sites × camera models × headings, buildings as obstacles, and the coverage matrix between them.
// An intersection is judged as the coverage engine judges it: its disc (intersectionRadiusM)
// must be seen to the covered share (0.9), here at 13 sample points of equal area, by the
// camera together with what existing cameras already see of it. (Its centre alone, as before,
// made the search favour narrow bullets that see the centre and not the junction: 20 such
// sites on the demo county added no covered intersection by the engine's rule.)
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { BadRequestError } from '../../errors';
import { loadCoverageSettings, levelPpm, type CoverageSettings } from '../../../coverage-engine';
import { visibilityPairsAsync, type PairsResult, type SiteInput, type UnitInput } from '../../../gis-data/siting/visibility-pairs';
import type { CameraForFootprint, Obstacle, XY, CameraType, PtzPreset } from '../../../gis-data/footprint/types';
import { listCameraModels, type CameraModel } from './catalog';

const LOAD_UNITS = loadSql(import.meta.url, 'load-demand-units.sql');
const LOAD_EXISTING = loadSql(import.meta.url, 'load-existing-cameras.sql');
const LOAD_OBSTACLES = loadSql(import.meta.url, 'load-obstacles.sql');

export const SITING_CLASSES = ['intersection', 'road', 'hotspot', 'crowded_place'] as const;
export type SitingClass = (typeof SITING_CLASSES)[number];
/** Weight of one unit of each class before the target's own priority (an intersection counts most). */
export const DEFAULT_CLASS_WEIGHTS: Record<SitingClass, number> = { intersection: 3, road: 1, hotspot: 2, crowded_place: 2 };
export const ROAD_PIECE_M = 50;
export const AREA_CELL_M = 25;

export interface DemandUnit {
  targetId: number;
  cls: SitingClass;
  classIndex: number;
  requiredLevel: string;
  requiredPpm: number;
  xy: XY;
  /** Metres for road pieces, m² for cells, 1 for discs and points. */
  measure: number;
  /** Full value of the unit (class weight × priority × measure share). */
  weight: number;
  /** Cameras needed (2 for backup coverage of key classes). */
  need: number;
  /** Existing cameras that already see it. */
  existing: number;
  /** An intersection: its disc's sample points (a camera must help see `share` of them). */
  samples?: XY[];
  /** Which samples existing cameras see together (bit k: sample k). */
  existingMask?: number;
}

/** Sample points of a disc, each standing for an equal share of its area: the centre, 6 at 0.555 r, 6 at 0.877 r. */
export function discSamples(center: XY, radiusM: number): XY[] {
  const out: XY[] = [center];
  for (const [rf, turn] of [
    [0.555, 0],
    [0.877, Math.PI / 6],
  ] as const)
    for (let k = 0; k < 6; k++) {
      const a = turn + (k * Math.PI) / 3;
      out.push([center[0] + rf * radiusM * Math.cos(a), center[1] + rf * radiusM * Math.sin(a)]);
    }
  return out;
}

const popcount = (m: number) => {
  let n = 0;
  for (let v = m; v !== 0; v &= v - 1) n++;
  return n;
};

/** Samples that must be seen for a disc to count as covered (the engine's covered share). */
export const samplesNeeded = (u: DemandUnit, coveredShare: number) => Math.ceil(coveredShare * u.samples!.length - 1e-9);

/**
 * Whether a camera whose view of a disc unit is `mask` covers it: together with what existing
 * cameras see while none covers it yet, on its own once one does (a backup view must be whole).
 */
export const discCovered = (u: DemandUnit, mask: number, coveredShare: number) =>
  popcount((u.existing >= 1 ? 0 : (u.existingMask ?? 0)) | mask) >= samplesNeeded(u, coveredShare);

/**
 * Which units each site pose sees: points are seen as the footprint code says; a disc unit counts
 * for a pose when its samples seen by that pose, with those existing cameras see, reach the
 * covered share. Returns pairs (pose, unit) like visibilityPairs.
 */
export async function unitPairs(
  sites: SiteInput[],
  units: DemandUnit[],
  obstacles: Obstacle[],
  settings: CoverageSettings,
): Promise<PairsResult> {
  const points: UnitInput[] = [];
  const owner: number[] = [];
  const bit: number[] = [];
  units.forEach((u, i) => {
    for (const [k, xy] of (u.samples ?? [u.xy]).entries()) {
      points.push({ xy, requiredPpm: u.requiredPpm });
      owner.push(i);
      bit.push(u.samples === undefined ? 0 : 1 << k);
    }
  });
  const raw = await visibilityPairsAsync(sites, points, obstacles, { targetHeightM: settings.targetHeightM });
  const pairPose: number[] = [];
  const pairUnit: number[] = [];
  // Pairs come grouped by pose; gather each pose's sample masks, then keep the units it covers.
  let k = 0;
  const masks = new Map<number, number>();
  while (k < raw.pairPose.length) {
    const pose = raw.pairPose[k]!;
    masks.clear();
    for (; k < raw.pairPose.length && raw.pairPose[k] === pose; k++) {
      const p = raw.pairUnit[k]!;
      masks.set(owner[p]!, (masks.get(owner[p]!) ?? 0) | bit[p]!);
    }
    for (const [unit, mask] of masks) {
      const u = units[unit]!;
      if (u.samples !== undefined && !discCovered(u, mask, settings.coveredShare)) continue;
      pairPose.push(pose);
      pairUnit.push(unit);
    }
  }
  return { pairPose: Int32Array.from(pairPose), pairUnit: Int32Array.from(pairUnit), poseCount: raw.poseCount };
}

/** A camera that exists or is proposed: the footprint code's camera without a database id. */
export type PlannedCamera = Omit<CameraForFootprint, 'id'>;

export interface UnitOptions {
  classes?: SitingClass[];
  areaCode?: string;
  now?: boolean;
  /** Classes whose units must be seen by two cameras (backup coverage). */
  backupClasses?: SitingClass[];
}

export interface LoadedUnits {
  units: DemandUnit[];
  settings: CoverageSettings;
  obstacles: Obstacle[];
  existingCameras: number;
}

export async function loadUnits(pool: pg.Pool, options: UnitOptions): Promise<LoadedUnits> {
  const settings = await loadCoverageSettings(pool);
  const classes = options.classes === undefined || options.classes.length === 0 ? null : options.classes;
  const { rows } = await pool.query<{
    target_id: string;
    class: SitingClass;
    required_level: string;
    priority: number;
    x: number;
    y: number;
    measure: number;
    unit_kind: string;
  }>(LOAD_UNITS, [classes, ROAD_PIECE_M, AREA_CELL_M, options.areaCode ?? null]);
  const backup = new Set(options.backupClasses ?? []);
  const units: DemandUnit[] = [];
  for (const r of rows) {
    const level = r.required_level || settings.defaultLevels[r.class];
    const ppm = levelPpm(settings, level) ?? levelPpm(settings, settings.defaultLevels[r.class]);
    if (ppm === undefined)
      throw new BadRequestError(`Target ${r.target_id} requires level "${level}", which is not a known detail level.`, {
        field: 'required_level',
      });
    const share =
      r.unit_kind === 'segment' ? r.measure / ROAD_PIECE_M : r.unit_kind === 'cell' ? r.measure / (AREA_CELL_M * AREA_CELL_M) : 1;
    const xy: XY = [r.x, r.y];
    units.push({
      targetId: Number(r.target_id),
      cls: r.class,
      classIndex: SITING_CLASSES.indexOf(r.class),
      requiredLevel: level,
      requiredPpm: ppm,
      xy,
      measure: r.measure,
      weight: DEFAULT_CLASS_WEIGHTS[r.class] * Math.max(0, r.priority) * share,
      need: backup.has(r.class) ? 2 : 1,
      existing: 0,
      ...(r.unit_kind === 'disc' ? { samples: discSamples(xy, settings.intersectionRadiusM) } : {}),
    });
  }
  const obstacles =
    units.length === 0
      ? []
      : await loadObstacles(
          pool,
          units.map((u) => u.xy),
          settings.defaultBuildingHeightM,
        );
  const existing = await existingCameras(pool, options.now === true);
  await countExisting(existing, units, obstacles, settings);
  return { units, settings, obstacles, existingCameras: existing.length };
}

async function loadObstacles(pool: pg.Pool, points: XY[], defaultHeightM: number): Promise<Obstacle[]> {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const pad = 500; // the longest reach of a catalog camera at the lowest level
  const { rows } = await pool.query<{ id: string; height_m: number; assumed: boolean; ring: XY[] | null }>(LOAD_OBSTACLES, [
    minX - pad,
    minY - pad,
    maxX + pad,
    maxY + pad,
    defaultHeightM,
  ]);
  return rows
    .filter((r) => r.ring !== null && r.ring.length >= 4)
    .map((r) => ({ id: Number(r.id), ring: r.ring!, heightM: r.height_m, heightAssumed: r.assumed }));
}

async function existingCameras(pool: pg.Pool, now: boolean): Promise<PlannedCamera[]> {
  const { rows } = await pool.query<{
    type: CameraType;
    x: number;
    y: number;
    height_m: number;
    azimuth_deg: number | null;
    tilt_deg: number | null;
    hfov_deg: number | null;
    vfov_deg: number | null;
    resolution_h: number | null;
    resolution_v: number | null;
    ptz_presets: PtzPreset[];
  }>(LOAD_EXISTING, [now]);
  // Cameras without optics are not counted: the coverage engine reports them as problems.
  return rows
    .filter((r) => r.hfov_deg !== null && r.resolution_h !== null)
    .map((r) => ({
      type: r.type,
      xy: [r.x, r.y],
      heightM: r.height_m,
      hfovDeg: r.hfov_deg!,
      resolutionH: r.resolution_h!,
      ...(r.azimuth_deg === null ? {} : { azimuthDeg: r.azimuth_deg }),
      ...(r.tilt_deg === null ? {} : { tiltDeg: r.tilt_deg }),
      ...(r.vfov_deg === null ? {} : { vfovDeg: r.vfov_deg }),
      ...(r.resolution_v === null ? {} : { resolutionV: r.resolution_v }),
      ptzPresets: r.ptz_presets,
    }));
}

/**
 * What existing cameras see of each unit: a point's count of cameras; a disc's samples seen by
 * any of them (existingMask) and its count: the cameras that each cover it to the share, or 1
 * when only together they do.
 */
async function countExisting(cameras: PlannedCamera[], units: DemandUnit[], obstacles: Obstacle[], s: CoverageSettings): Promise<void> {
  if (cameras.length === 0 || units.length === 0) return;
  const sites: SiteInput[] = cameras.map(({ xy, heightM, ...pose }) => ({ xy, heightM, poses: [pose] }));
  // Each existing camera is one pose; its raw sample pairs give the masks (no disc threshold yet).
  const points: UnitInput[] = [];
  const owner: number[] = [];
  const bit: number[] = [];
  units.forEach((u, i) => {
    for (const [k, xy] of (u.samples ?? [u.xy]).entries()) {
      points.push({ xy, requiredPpm: u.requiredPpm });
      owner.push(i);
      bit.push(u.samples === undefined ? 0 : 1 << k);
    }
  });
  const raw = await visibilityPairsAsync(sites, points, obstacles, { targetHeightM: s.targetHeightM });
  const perPose = new Map<string, number>();
  for (let k = 0; k < raw.pairPose.length; k++) {
    const p = raw.pairUnit[k]!;
    const key = `${raw.pairPose[k]}:${owner[p]}`;
    perPose.set(key, (perPose.get(key) ?? 0) | bit[p]!);
  }
  const alone = new Uint16Array(units.length);
  for (const [key, mask] of perPose) {
    const i = Number(key.slice(key.indexOf(':') + 1));
    const u = units[i]!;
    if (u.samples === undefined) alone[i]!++;
    else {
      u.existingMask = (u.existingMask ?? 0) | mask;
      if (popcount(mask) >= samplesNeeded(u, s.coveredShare)) alone[i]!++;
    }
  }
  units.forEach((u, i) => {
    const together = u.samples !== undefined && popcount(u.existingMask ?? 0) >= samplesNeeded(u, s.coveredShare) ? 1 : 0;
    u.existing = Math.max(alone[i]!, together);
  });
}

export type { CameraModel };
export { listCameraModels };
