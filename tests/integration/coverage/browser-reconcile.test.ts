// The planner's in-browser preview (gis-data/coverage) must give the server's figures: same
// footprints, same target shapes, same planar metres (UTM via proj4 vs PostGIS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { recomputeCoverage } from '../../../coverage-engine';
import { evaluateTargetsLocally, type LocalBuilding, type LocalCamera, type LocalTarget } from '../../../gis-data/coverage';
import { findLevel } from '../../../gis-data/optics';
import { loadScene, makeScene, SCENE_SRID } from './synthetic-scene';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(21, 2));
  await recomputeCoverage(db.pool, { history: false });
});
afterAll(async () => db.drop());

describe('browser preview reconciles with the server', () => {
  it('gives every target the same covered amount within 0.05 % of its size', async () => {
    const cams = await db.pool.query<{
      id: number;
      type: LocalCamera['type'];
      lon: number;
      lat: number;
      height_m: number;
      azimuth_deg: number;
      tilt_deg: number;
      hfov_deg: number;
      resolution_h: number;
      ptz_presets: [];
    }>(
      'SELECT id::int, type, ST_X(geom) AS lon, ST_Y(geom) AS lat, height_m, azimuth_deg, tilt_deg, hfov_deg, resolution_h, ptz_presets FROM cameras WHERE install_date <= current_date AND (removal_date IS NULL OR removal_date > current_date)',
    );
    const cameras: LocalCamera[] = cams.rows.map((c) => ({
      id: c.id,
      type: c.type,
      lonLat: [c.lon, c.lat],
      heightM: c.height_m,
      azimuthDeg: c.azimuth_deg,
      tiltDeg: c.tilt_deg,
      hfovDeg: c.hfov_deg,
      resolutionH: c.resolution_h,
      ptzPresets: c.ptz_presets,
    }));
    const bs = await db.pool.query<{ id: number; height_m: number | null; ring: { coordinates: Array<Array<Array<[number, number]>>> } }>(
      'SELECT id::int, height_m, ST_AsGeoJSON(geom, 12)::json AS ring FROM buildings',
    );
    const buildings: LocalBuilding[] = bs.rows.map((b) => ({ id: b.id, heightM: b.height_m ?? 10, ring: b.ring.coordinates[0]![0]! }));
    const ts = await db.pool.query<{ id: number; class: LocalTarget['class']; required_level: string; geometry: LocalTarget['geometry'] }>(
      'SELECT id::int, class, required_level, ST_AsGeoJSON(geom, 12)::json AS geometry FROM targets',
    );
    const targets: LocalTarget[] = ts.rows.map((t) => ({
      id: t.id,
      class: t.class,
      requiredLevel: t.required_level,
      requiredPpm: findLevel(t.required_level)!.ppm,
      geometry: t.geometry,
    }));
    const local = evaluateTargetsLocally(cameras, buildings, targets, { srid: SCENE_SRID });
    const server = await db.pool.query<{ target_id: number; measure: number; covered: number }>(
      "SELECT p.target_id::int, sum(p.measure) AS measure, sum(r.covered) AS covered FROM coverage_target_parts p JOIN coverage_results r ON r.part_id = p.id AND r.mode = 'design' GROUP BY p.target_id",
    );
    const byId = new Map(server.rows.map((r) => [r.target_id, r]));
    let someCovered = 0;
    for (const l of local) {
      const s = byId.get(l.id)!;
      expect(Math.abs(l.measure - s.measure) / s.measure).toBeLessThan(1e-6);
      expect(Math.abs(l.covered - s.covered) / s.measure, `target ${l.id}`).toBeLessThan(5e-4);
      if (s.covered > 0) someCovered++;
    }
    expect(someCovered).toBeGreaterThan(3);
  });
});
