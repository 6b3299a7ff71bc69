// Cameras and buildings in planar metres, with the optics defaults and checks applied once.
// Missing values get a stated default and make the camera "assumed"; impossible values make it
// an issue (reported, no footprint), never a crash of the recompute.
import type pg from 'pg';
import { binary, copyOutBinary } from '../db/copy-binary';
import { isPool } from '../db/connect';
import { BuildingIndex } from '../gis-data/coverage/building-index';
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

// The building index is pure, in gis-data, so the browser can judge blind spots as the server does.
export { BuildingIndex, cellKey } from '../gis-data/coverage/building-index';

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
