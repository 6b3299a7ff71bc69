// Cameras and buildings in planar metres, with the optics defaults and checks applied once.
// Missing values get a stated default and make the camera "assumed"; impossible values make it
// an issue (reported, no footprint), never a crash of the recompute.
import type pg from 'pg';
import { binary, copyOutBinary } from '../db/copy-binary';
import { isPool } from '../db/connect';
import { readWkb } from '../gis-data/coverage/flat-shape';
import { horizontalFovDeg, validateOptics } from '../gis-data/optics';
import type { CameraForFootprint, CameraType, Obstacle, PtzPreset, XY } from '../gis-data/footprint';
import { loadSql } from '../db/sql';

const CAMERAS_SQL = loadSql(import.meta.url, 'load-cameras.sql');
const BUILDINGS_SQL = loadSql(import.meta.url, 'load-buildings.sql');
const ALL_BUILDINGS_SQL = loadSql(import.meta.url, 'load-all-buildings.sql');

export interface SceneCamera extends CameraForFootprint {
  deviceId: string;
  assumed: boolean;
  /** Installed by today and not removed. */
  inService: boolean;
  /** camera_status.working; no status row means not working. */
  working: boolean;
}

export interface CameraIssue {
  cameraId: number;
  deviceId: string;
  message: string;
}

interface CameraRow {
  id: number;
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
  sensor_width_mm: number | null;
  focal_length_mm: number | null;
  ptz_presets: PtzPreset[];
  provenance: Record<string, string>;
  admin_area_id: number | null;
  device_id: string;
  in_service: boolean;
  working: boolean;
}

const DEFAULT_HFOV: Record<CameraType, number> = { fixed: 90, dome: 90, thermal: 45, ptz: 60, fisheye: 360 };

const nn = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function toSceneCamera(r: CameraRow): { camera?: SceneCamera; issue?: CameraIssue } {
  const problems = validateOptics({
    type: r.type,
    heightM: r.height_m,
    tiltDeg: nn(r.tilt_deg),
    hfovDeg: nn(r.hfov_deg),
    vfovDeg: nn(r.vfov_deg),
    resolutionH: nn(r.resolution_h),
    sensorWidthMm: nn(r.sensor_width_mm),
    focalLengthMm: nn(r.focal_length_mm),
  });
  if (problems.length > 0)
    return { issue: { cameraId: r.id, deviceId: r.device_id, message: problems.map((p) => `${p.field}: ${p.message}`).join('; ') } };
  const assumedFields = Object.values(r.provenance ?? {}).some((v) => v === 'assumed');
  const lensHfov = horizontalFovDeg({
    hfovDeg: nn(r.hfov_deg),
    sensorWidthMm: nn(r.sensor_width_mm),
    focalLengthMm: nn(r.focal_length_mm),
  });
  const defaulted =
    lensHfov === undefined || r.resolution_h === null || (r.azimuth_deg === null && r.type !== 'ptz' && r.type !== 'fisheye');
  const camera: SceneCamera = {
    id: r.id,
    deviceId: r.device_id,
    type: r.type,
    xy: [r.x, r.y],
    heightM: r.height_m,
    azimuthDeg: nn(r.azimuth_deg),
    tiltDeg: nn(r.tilt_deg),
    hfovDeg: lensHfov ?? DEFAULT_HFOV[r.type],
    vfovDeg: nn(r.vfov_deg),
    resolutionH: r.resolution_h ?? 1920,
    resolutionV: nn(r.resolution_v),
    ptzPresets: Array.isArray(r.ptz_presets) ? r.ptz_presets : [],
    assumed: assumedFields || defaulted,
    inService: r.in_service,
    working: r.working,
  };
  return { camera };
}

export type Box = [number, number, number, number];

export async function loadCameras(
  db: pg.Pool | pg.PoolClient,
  ids?: number[],
  box?: Box,
): Promise<{ cameras: SceneCamera[]; issues: CameraIssue[] }> {
  const { rows } = await db.query<CameraRow>(CAMERAS_SQL, [ids ?? null, ...(box ?? [null, null, null, null])]);
  const cameras: SceneCamera[] = [];
  const issues: CameraIssue[] = [];
  for (const r of rows) {
    const { camera, issue } = toSceneCamera(r);
    if (camera !== undefined) cameras.push(camera);
    if (issue !== undefined) issues.push(issue);
  }
  return { cameras, issues };
}

/** A uniform grid over building outlines, so each camera finds its neighbours quickly. */
/**
 * Building outlines in a grid of cells, for "which buildings can hide something from this
 * camera". Cells are keyed by number and an obstacle's box is computed once: the sweep asks
 * this for every camera, and string keys, a Set and box recomputation were a fifth of its cost.
 * Results keep the order of first appearance (cell by cell), so footprints do not depend on it.
 */
export class BuildingIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly boxes: Float64Array;
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(
    readonly obstacles: Obstacle[],
    private readonly cellM = 100,
  ) {
    this.boxes = new Float64Array(4 * obstacles.length);
    this.seen = new Uint32Array(obstacles.length);
    obstacles.forEach((ob, k) => {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const [x, y] of ob.ring) {
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
      }
      this.boxes.set([x0, y0, x1, y1], 4 * k);
      for (let i = Math.floor(x0 / cellM); i <= Math.floor(x1 / cellM); i++) {
        for (let j = Math.floor(y0 / cellM); j <= Math.floor(y1 / cellM); j++) {
          const key = cellKey(i, j);
          const list = this.cells.get(key);
          if (list === undefined) this.cells.set(key, [k]);
          else list.push(k);
        }
      }
    });
  }

  near(xy: XY, radiusM: number): Obstacle[] {
    const out: Obstacle[] = [];
    const c = this.cellM;
    const [x, y] = xy;
    const stamp = ++this.stamp;
    const b = this.boxes;
    for (let i = Math.floor((x - radiusM) / c); i <= Math.floor((x + radiusM) / c); i++) {
      for (let j = Math.floor((y - radiusM) / c); j <= Math.floor((y + radiusM) / c); j++) {
        const list = this.cells.get(cellKey(i, j));
        if (list === undefined) continue;
        for (const k of list) {
          if (this.seen[k] === stamp) continue;
          this.seen[k] = stamp;
          if (b[4 * k]! <= x + radiusM && b[4 * k + 2]! >= x - radiusM && b[4 * k + 1]! <= y + radiusM && b[4 * k + 3]! >= y - radiusM)
            out.push(this.obstacles[k]!);
        }
      }
    }
    return out;
  }
}

/** A grid cell's key as a number (faster than strings): planar metres stay far below 2^21 cells a side. */
export const cellKey = (i: number, j: number) => i * 4194304 + j;

export async function loadBuildings(db: pg.Pool | pg.PoolClient, defaultHeightM: number, box?: Box): Promise<BuildingIndex> {
  if (box === undefined) return new BuildingIndex(await loadAllObstacles(db, defaultHeightM));
  const { rows } = await db.query<{ id: number; height_m: number | null; height_assumed: boolean; ring: string }>(BUILDINGS_SQL, box);
  const obstacles: Obstacle[] = rows.map((r) => ({
    id: r.id,
    ring: (JSON.parse(r.ring) as { coordinates: XY[] }).coordinates,
    heightM: r.height_m ?? defaultHeightM,
    heightAssumed: r.height_assumed || r.height_m === null,
  }));
  return new BuildingIndex(obstacles);
}

/**
 * All outlines with binary COPY (a city has hundreds of thousands: GeoJSON text cost seconds).
 * Coordinates are rounded to the millimetre, as the GeoJSON of load-buildings.sql is, so a
 * footprint comes out the same whether its camera is refreshed alone or with the whole city.
 */
async function loadAllObstacles(db: pg.Pool | pg.PoolClient, defaultHeightM: number): Promise<Obstacle[]> {
  const client = isPool(db) ? await db.connect() : db;
  const mm = (v: number) => Math.round(v * 1000) / 1000;
  try {
    const out: Obstacle[] = [];
    await copyOutBinary(client, ALL_BUILDINGS_SQL, (row) => {
      const heightM = binary.isNull(row, 1) ? null : binary.float4(row, 1);
      const line = readWkb(row.buf, row.start[3]!);
      const ring: XY[] = new Array(line.xy.length / 2);
      for (let i = 0; i < ring.length; i++) ring[i] = [mm(line.xy[2 * i]!), mm(line.xy[2 * i + 1]!)];
      out.push({
        id: binary.int8(row, 0),
        ring,
        heightM: heightM ?? defaultHeightM,
        heightAssumed: binary.bool(row, 2) || heightM === null,
      });
    });
    return out;
  } finally {
    if (client !== db) client.release();
  }
}
