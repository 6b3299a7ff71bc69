// Loads a siting problem from the database: demand units of the target layers, what existing
// cameras already see (design coverage, or only working cameras for "coverage now"), candidate
// sites × camera models × headings, buildings as obstacles, and the coverage matrix between them.
// The same loader serves suggestions and plan evaluation, so both judge cameras identically.
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
    units.push({
      targetId: Number(r.target_id),
      cls: r.class,
      classIndex: SITING_CLASSES.indexOf(r.class),
      requiredLevel: level,
      requiredPpm: ppm,
      xy: [r.x, r.y],
      measure: r.measure,
      weight: DEFAULT_CLASS_WEIGHTS[r.class] * Math.max(0, r.priority) * share,
      need: backup.has(r.class) ? 2 : 1,
      existing: 0,
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
  const counts = await countSeen(existing, units, obstacles, settings.targetHeightM);
  units.forEach((u, i) => (u.existing = counts[i]!));
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

/** For each unit, how many of `cameras` see it at its required level. */
export async function countSeen(
  cameras: PlannedCamera[],
  units: DemandUnit[],
  obstacles: Obstacle[],
  targetHeightM: number,
): Promise<Uint16Array> {
  const counts = new Uint16Array(units.length);
  if (cameras.length === 0 || units.length === 0) return counts;
  const pairs = await seenPairs(cameras, units, obstacles, targetHeightM);
  for (const u of pairs.pairUnit) counts[u]!++;
  return counts;
}

export function seenPairs(
  cameras: PlannedCamera[],
  units: DemandUnit[],
  obstacles: Obstacle[],
  targetHeightM: number,
): Promise<PairsResult> {
  const sites: SiteInput[] = cameras.map(({ xy, heightM, ...pose }) => ({ xy, heightM, poses: [pose] }));
  const unitInputs: UnitInput[] = units.map((u) => ({ xy: u.xy, requiredPpm: u.requiredPpm }));
  return visibilityPairsAsync(sites, unitInputs, obstacles, { targetHeightM });
}

export type { CameraModel };
export { listCameraModels };
