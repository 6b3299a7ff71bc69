// Bad input is reported with what and where, and never stops a recompute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { recomputeCoverage, type RecomputeReport } from '../../../coverage-engine';
import { loadScene, makeScene, SCENE_SRID, ORIGIN } from './synthetic-scene';

let db: TestDatabase;
let report: RecomputeReport;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(3, 1));
  const [ox, oy] = ORIGIN;
  const pt = (x: number, y: number) => `ST_Transform(ST_SetSRID(ST_MakePoint(${ox + x}, ${oy + y}), ${SCENE_SRID}), 4326)`;
  // A fixed camera claiming a 360° lens, and a camera far outside every admin area.
  await db.pool.query(
    `INSERT INTO cameras (device_id, type, geom, height_m, azimuth_deg, tilt_deg, hfov_deg, resolution_h) VALUES ('61092101001320900001', 'fixed', ${pt(10, 10)}, 6, 0, 10, 360, 1920)`,
  );
  await db.pool.query(
    `INSERT INTO cameras (device_id, type, geom, height_m, azimuth_deg, tilt_deg, hfov_deg, resolution_h) VALUES ('61092101001320900002', 'fixed', ${pt(5000, 5000)}, 6, 0, 10, 60, 1920)`,
  );
  // A self-intersecting (bow-tie) hotspot, and a target whose level is not a level.
  await db.pool.query(
    `INSERT INTO targets (class, required_level, name, geom) VALUES ('hotspot', 'observe', 'bow tie', ST_Transform(ST_GeomFromText('POLYGON((${ox} ${oy},${ox + 40} ${oy + 40},${ox + 40} ${oy},${ox} ${oy + 40},${ox} ${oy}))', ${SCENE_SRID}), 4326))`,
  );
  await db.pool.query(
    `INSERT INTO targets (class, required_level, name, geom) VALUES ('intersection', 'excellent', 'odd level', ${pt(60, 60)})`,
  );
  report = await recomputeCoverage(db.pool);
});
afterAll(async () => db.drop());

describe('bad input', () => {
  it('reports a fixed camera with a 360° field of view by device id, and gives it no footprint', async () => {
    const issue = report.issues.find((i) => i.kind === 'camera_impossible_optics');
    expect(issue?.message).toMatch(/61092101001320900001.*hfov_deg/);
    const { rows } = await db.pool.query(
      "SELECT 1 FROM camera_footprints f JOIN cameras c ON c.id = f.camera_id WHERE c.device_id = '61092101001320900001'",
    );
    expect(rows).toHaveLength(0);
  });

  it('reports a camera outside every admin area but still gives it a footprint', async () => {
    expect(report.issues.some((i) => i.kind === 'camera_outside_areas' && i.message.includes('61092101001320900002'))).toBe(true);
    const { rows } = await db.pool.query(
      "SELECT 1 FROM camera_footprints f JOIN cameras c ON c.id = f.camera_id WHERE c.device_id = '61092101001320900002'",
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('repairs a self-intersecting hotspot with ST_MakeValid and says so', async () => {
    expect(report.issues.some((i) => i.kind === 'target_repaired' && i.message.includes('bow tie'))).toBe(true);
    const { rows } = await db.pool.query<{ area: number }>(
      "SELECT sum(p.measure) AS area FROM coverage_target_parts p JOIN targets t ON t.id = p.target_id WHERE t.name = 'bow tie'",
    );
    expect(rows[0]!.area).toBeCloseTo(800, 0); // two triangles of 20 × 40 / 2
  });

  it('falls back to the class default for an unknown level, and reports it', async () => {
    expect(report.issues.some((i) => i.kind === 'target_no_level' && i.message.includes('excellent'))).toBe(true);
    const { rows } = await db.pool.query<{ required_level: string }>(
      "SELECT p.required_level FROM coverage_target_parts p JOIN targets t ON t.id = p.target_id WHERE t.name = 'odd level'",
    );
    expect(rows[0]!.required_level).toBe('observe');
  });

  it('keeps the issues in coverage_issues for the API and the CLI', async () => {
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM coverage_issues');
    expect(rows[0]!.n).toBe(report.issues.length);
  });
});
