// Incremental refreshes must leave exactly what a full recompute would, and status changes must
// move only "coverage now", with the lost pieces explained as camera_down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../helpers/close-rows';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { queryRates, recomputeCoverage, refreshAfterStatusChange, refreshCameras, DEFAULT_SETTINGS } from '../../../coverage-engine';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;
let cameraIds: number[];

beforeAll(async () => {
  db = await createTestDatabase();
  ({ cameraIds } = await loadScene(db.pool, makeScene(5, 2)));
  await recomputeCoverage(db.pool);
});
afterAll(async () => db.drop());

async function snapshot(): Promise<Array<{ part: string; mode: string; covered: number }>> {
  const { rows } = await db.pool.query<{ part: string; mode: string; covered: number }>(
    "SELECT p.target_id || '/' || p.part_no AS part, r.mode, round(r.covered::numeric, 3)::float8 AS covered FROM coverage_results r JOIN coverage_target_parts p ON p.id = r.part_id ORDER BY 1, 2",
  );
  return rows;
}

async function blindSpots(): Promise<Array<{ target_id: number; mode: string; reason: string; measure: number }>> {
  const { rows } = await db.pool.query<{ target_id: number; mode: string; reason: string; measure: number }>(
    'SELECT target_id::int, mode, reason, round(measure::numeric, 3)::float8 AS measure FROM coverage_blind_spots ORDER BY 1, 2, 4, 3',
  );
  return rows;
}

describe('incremental refresh', () => {
  it('gives the same results as a full recompute after a camera moves and turns', async () => {
    const id = cameraIds[0]!;
    await db.pool.query(
      'UPDATE cameras SET geom = ST_Translate(geom, 0.00012, 0.00005), azimuth_deg = (azimuth_deg + 50)::int % 360 WHERE id = $1',
      [id],
    );
    const r = await refreshCameras(db.pool, [id]);
    expect(r.parts).toBeGreaterThan(0);
    const after = { results: await snapshot(), spots: await blindSpots() };
    await recomputeCoverage(db.pool);
    // Refreshes cut polygons with GEOS, the recompute with Clipper2: areas compare to 2e-3 m².
    expectClose(after.results, await snapshot());
    expectClose(after.spots, await blindSpots());
  });

  it('gives the same results as a full recompute after a camera is deleted', async () => {
    const id = cameraIds[1]!;
    await db.pool.query('DELETE FROM cameras WHERE id = $1', [id]);
    await refreshCameras(db.pool, [id]);
    const after = await snapshot();
    await recomputeCoverage(db.pool);
    expectClose(after, await snapshot());
  });

  it('moves only coverage now when a camera goes down, and says camera_down where it was the only one', async () => {
    const { rows } = await db.pool.query<{ camera_id: number }>(
      "SELECT c.id::int AS camera_id FROM coverage_results r JOIN coverage_target_parts p ON p.id = r.part_id CROSS JOIN LATERAL unnest(r.camera_ids) c(id) WHERE r.mode = 'now' AND p.class = 'road' AND cardinality(r.camera_ids) = 1 AND r.covered > 20 LIMIT 1",
    );
    const id = rows[0]!.camera_id;
    const designBefore = await queryRates(db.pool, DEFAULT_SETTINGS, { mode: 'design' });
    const nowBefore = await queryRates(db.pool, DEFAULT_SETTINGS, { mode: 'now' });
    await db.pool.query("UPDATE camera_status SET state = 'UNREACHABLE' WHERE camera_id = $1", [id]);
    await refreshAfterStatusChange(db.pool, [id]);
    expect(await queryRates(db.pool, DEFAULT_SETTINGS, { mode: 'design' })).toEqual(designBefore);
    const nowAfter = await queryRates(db.pool, DEFAULT_SETTINGS, { mode: 'now' });
    const covered = (a: typeof nowBefore) =>
      a.find((x) => x.areaId === null)!.classes.road!.covered + a.find((x) => x.areaId === null)!.classes.intersection!.covered;
    expect(covered(nowAfter)).toBeLessThanOrEqual(covered(nowBefore));
    const down = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM coverage_blind_spots WHERE mode = 'now' AND reason = 'camera_down'",
    );
    expect(down.rows[0]!.n).toBeGreaterThan(0);
  });
});
