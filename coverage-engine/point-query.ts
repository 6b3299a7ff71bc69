// "Which cameras see this point, and with what detail?" for the map's click query: every camera
// near the point, its pixel density there, whether it sees it (and if not, why), and the best
// level of the configured standard it reaches.
import type pg from 'pg';
import { pointView, type PointStatus } from '../gis-data/footprint';
import { STANDARD_LEVELS } from '../gis-data/optics';
import { loadBuildings, loadCameras } from './scene';
import { loadCoverageSettings } from './settings';
import { loadSql } from '../db/sql';

const POINT_SQL = loadSql(import.meta.url, 'point-metric.sql');
const SEARCH_M = 600;

export interface PointCamera {
  cameraId: number;
  deviceId: string;
  distanceM: number;
  ppm: number;
  status: PointStatus;
  /** The highest level of the configured standard met here, null when none or not seen. */
  level: string | null;
  working: boolean;
  inService: boolean;
}

export async function pointQuery(pool: pg.Pool, lon: number, lat: number): Promise<{ lon: number; lat: number; cameras: PointCamera[] }> {
  const s = await loadCoverageSettings(pool);
  const { x, y } = (await pool.query<{ x: number; y: number }>(POINT_SQL, [lon, lat])).rows[0]!;
  const box: [number, number, number, number] = [x - SEARCH_M, y - SEARCH_M, x + SEARCH_M, y + SEARCH_M];
  const [{ cameras }, buildings] = await Promise.all([
    loadCameras(pool, undefined, box),
    loadBuildings(pool, s.defaultBuildingHeightM, box),
  ]);
  const levels = [...STANDARD_LEVELS[s.standard]].sort((a, b) => b.ppm - a.ppm);
  const out: PointCamera[] = [];
  for (const cam of cameras) {
    const d = Math.hypot(cam.xy[0] - x, cam.xy[1] - y);
    const v = pointView(cam, buildings.near(cam.xy, d + 1), [x, y], 0, s.targetHeightM);
    if (v.status === 'outside_view') continue;
    const level = v.status === 'seen' ? (levels.find((l) => l.ppm <= v.ppm)?.name ?? null) : null;
    out.push({
      cameraId: cam.id,
      deviceId: cam.deviceId,
      distanceM: Math.round(v.distanceM * 10) / 10,
      ppm: Math.round(v.ppm * 10) / 10,
      status: v.status,
      level,
      working: cam.working,
      inService: cam.inService,
    });
  }
  out.sort((a, b) => b.ppm - a.ppm);
  return { lon, lat, cameras: out };
}
