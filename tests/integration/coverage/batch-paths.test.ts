// The full recompute's fast paths must give the same rows as the plain ones: footprints from
// worker threads, 'now' results known without geometry, the footprint indexes dropped for the
// bulk load and rebuilt, and per-part coverage by sequential difference vs a union of footprints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { recomputeCoverage } from '../../../coverage-engine';
import { levelsInUse } from '../../../coverage-engine/engine';
import { loadBuildings, loadCameras } from '../../../coverage-engine/scene';
import { loadCoverageSettings } from '../../../coverage-engine/settings';
import { storeFootprints } from '../../../coverage-engine/store-footprints';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(11, 3));
  await recomputeCoverage(db.pool, { history: false });
});
afterAll(async () => db.drop());

const footprintRows = async () =>
  (
    await db.pool.query<{ k: string }>(
      "SELECT camera_id || '/' || level || '/' || md5(ST_AsBinary(geom_m)::text) || '/' || assumed AS k FROM camera_footprints ORDER BY camera_id, level",
    )
  ).rows.map((r) => r.k);

describe('full recompute fast paths', () => {
  it('stores byte-identical footprints whether the sweep runs in worker threads or in the main thread', async () => {
    const s = await loadCoverageSettings(db.pool);
    const { cameras } = await loadCameras(db.pool);
    const buildings = await loadBuildings(db.pool, s.defaultBuildingHeightM);
    const levels = await levelsInUse(db.pool, s);
    const o = { occlusion: true, targetHeightM: s.targetHeightM, arcStepDeg: s.arcStepDeg, chunkSize: 3 };
    await db.pool.query('TRUNCATE camera_footprints');
    const inThread = await storeFootprints(db.pool, cameras, buildings, levels, { ...o, workers: 0 });
    const expected = await footprintRows();
    await db.pool.query('TRUNCATE camera_footprints');
    const threaded = await storeFootprints(db.pool, cameras, buildings, levels, { ...o, workers: 2 });
    expect(threaded.rows).toBe(inThread.rows);
    expect(threaded.failures).toEqual([]);
    expect(expected.length).toBeGreaterThan(cameras.length);
    expect(await footprintRows()).toEqual(expected);
  });

  it('rebuilds the footprint and part indexes it drops for the bulk load, so tiles and refreshes stay indexed', async () => {
    const { rows } = await db.pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'camera_footprints' ORDER BY 1",
    );
    expect(rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(['camera_footprints_geom_m_idx', 'camera_footprints_level_idx']));
    // So do the parts' (cut again in every full recompute).
    const parts = await db.pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'coverage_target_parts' ORDER BY 1",
    );
    expect(parts.rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining(['coverage_target_parts_geom_m_idx', 'coverage_target_parts_class_idx']),
    );
  });

  it("gives the same 'now' rows as evaluating every part with working cameras only", async () => {
    // Areas to 1e-3 m²: the recompute cuts polygons with Clipper2, xl_part_coverage with GEOS.
    // Half the cameras work, so parts are seen by all-working, none-working and mixed cameras.
    // Today is the dataset's (xl_today): current_date is UTC's, the day before from 16:00 UTC in
    // UTC+8, and a past day's 'now' reads the status events instead (this failed every evening).
    await db.pool.query('DELETE FROM camera_status');
    await db.pool.query(
      "INSERT INTO camera_status (camera_id, state, since, last_poll_at) SELECT id, 'OK', now(), now() FROM cameras WHERE id % 2 = 0",
    );
    await recomputeCoverage(db.pool, { history: false });
    const { rows } = await db.pool.query<{ n: number; bad: number; kinds: number }>(`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE abs(r.covered - e.covered) > 1e-3 OR r.camera_ids <> e.camera_ids OR r.assumed <> e.assumed)::int AS bad,
             count(DISTINCT cardinality(e.camera_ids) = cardinality(d.camera_ids))::int AS kinds
      FROM coverage_results r
      JOIN xl_part_coverage(ARRAY(SELECT id FROM coverage_target_parts), true, xl_today(), NULL, true) e ON e.part_id = r.part_id
      JOIN coverage_results d ON d.part_id = r.part_id AND d.mode = 'design'
      WHERE r.mode = 'now'`);
    expect(rows[0]!.n).toBeGreaterThan(10);
    expect(rows[0]!.kinds).toBe(2); // some parts lost cameras, some did not
    expect(rows[0]!.bad).toBe(0);
  });

  it("reports a target no working camera sees with the design gaps as they are, so 'now' never shows less gap than design", async () => {
    const { rows } = await db.pool.query<{ n: number; worst: number }>(`
      WITH bare AS (
        SELECT p.target_id FROM coverage_target_parts p JOIN coverage_results r ON r.part_id = p.id AND r.mode = 'now'
        WHERE p.class <> 'intersection' GROUP BY p.target_id HAVING bool_and(cardinality(r.camera_ids) = 0)
      ),
      d AS (SELECT target_id, sum(measure) AS m FROM coverage_blind_spots WHERE mode = 'design' GROUP BY target_id),
      n AS (SELECT target_id, sum(measure) AS m FROM coverage_blind_spots WHERE mode = 'now' AND reason <> 'camera_down' GROUP BY target_id)
      SELECT count(*)::int AS n, coalesce(max(abs(d.m - n.m)), 0) AS worst FROM bare JOIN d USING (target_id) JOIN n USING (target_id)`);
    expect(rows[0]!.n).toBeGreaterThan(0);
    expect(rows[0]!.worst).toBeLessThan(1e-6);
  });

  it('covers each part as much as the union of its footprints does (sequential difference = union then difference)', async () => {
    const { rows } = await db.pool.query<{ n: number; worst: number }>(`
      SELECT count(*)::int AS n, max(abs(r.covered - (p.measure - CASE WHEN ST_Dimension(p.geom_m) = 1 THEN ST_Length(d.g) ELSE ST_Area(d.g) END)) / greatest(p.measure, 1e-9)) AS worst
      FROM coverage_results r JOIN coverage_target_parts p ON p.id = r.part_id
      CROSS JOIN LATERAL (SELECT ST_Union(f.geom_m) AS u FROM camera_footprints f WHERE f.level = p.required_level AND f.occluded AND f.camera_id = ANY (r.camera_ids)) u
      CROSS JOIN LATERAL (SELECT CASE WHEN u.u IS NULL THEN p.geom_m ELSE ST_Difference(p.geom_m, u.u) END AS g) d
      WHERE r.mode = 'design'`);
    expect(rows[0]!.n).toBeGreaterThan(10);
    expect(rows[0]!.worst).toBeLessThan(1e-6);
  });
});
