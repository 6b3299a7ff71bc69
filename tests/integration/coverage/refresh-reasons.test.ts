// Reasons stay right through the fast paths: a refresh re-judges only blind spots within the
// changed camera's reach (and writes reasons that went back to no_camera), and the full
// recompute judges id ranges over two sessions. Each is checked against a full recompute or a
// single-session judgement on the same data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../helpers/close-rows';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import {
  dropCoverageCache,
  recomputeCoverage,
  refreshAfterStatusChange,
  refreshCameras,
  warmCoverageCache,
} from '../../../coverage-engine';
import { assignReasons } from '../../../coverage-engine/assign-reasons';
import { loadBuildings, loadCameras } from '../../../coverage-engine/scene';
import { loadCoverageSettings } from '../../../coverage-engine/settings';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;
let cameraIds: number[];

beforeAll(async () => {
  db = await createTestDatabase();
  ({ cameraIds } = await loadScene(db.pool, makeScene(11, 3)));
  await recomputeCoverage(db.pool, { history: false });
});
afterAll(async () => db.drop());

/** Refreshes cut polygons with GEOS, the recompute with Clipper2: measures compare to 2e-3. */
async function spots(): Promise<Array<Record<string, unknown>>> {
  const { rows } = await db.pool.query(
    'SELECT target_id::int, mode, reason, round(measure::numeric, 3)::float8 AS measure FROM coverage_blind_spots ORDER BY 1, 2, 3, 4',
  );
  return rows;
}

async function reasonCounts(): Promise<Record<string, number>> {
  const { rows } = await db.pool.query<{ reason: string; n: number }>(
    'SELECT reason, count(*)::int AS n FROM coverage_blind_spots GROUP BY 1',
  );
  return Object.fromEntries(rows.map((r) => [r.reason, r.n]));
}

describe('reasons through refreshes and batches', () => {
  it('has blind spots of several reasons to check, so agreement below is not agreement on no_camera alone', async () => {
    const counts = await reasonCounts();
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(3);
  });

  it('warms the refresh (a rolled-back refresh of one camera) without changing any stored row', async () => {
    const footprints = async () =>
      (
        await db.pool.query<{ s: string }>(
          "SELECT string_agg(camera_id || '/' || level || '/' || round(area_m2::numeric, 3), ',' ORDER BY camera_id, level) AS s FROM camera_footprints",
        )
      ).rows[0]!.s;
    const before = { spots: await spots(), footprints: await footprints() };
    dropCoverageCache(db.pool);
    await warmCoverageCache(db.pool);
    expect({ spots: await spots(), footprints: await footprints() }).toEqual(before);
  });

  it('gives the reasons of a full recompute after a camera moves far away (old place re-judged within its reach)', async () => {
    const id = cameraIds[2]!;
    await db.pool.query(
      'UPDATE cameras SET geom = ST_Translate(geom, 0.0012, 0.0004), azimuth_deg = (coalesce(azimuth_deg, 0) + 120)::int % 360 WHERE id = $1',
      [id],
    );
    await refreshCameras(db.pool, [id]);
    const after = await spots();
    await recomputeCoverage(db.pool, { history: false });
    expectClose(after, await spots());
  });

  it('writes no_camera back over a stale reason when re-judging given targets (as a refresh does)', async () => {
    // A refresh re-judges pieces it did not re-derive; one whose camera moved away must lose
    // its old "occluded" even though no_camera is the default that a new piece starts with.
    const { rows } = await db.pool.query<{ spot: number; target: number }>(
      "SELECT id::int AS spot, target_id::int AS target FROM coverage_blind_spots WHERE reason = 'no_camera' ORDER BY id LIMIT 1",
    );
    expect(rows.length).toBe(1);
    const { spot, target } = rows[0]!;
    await db.pool.query("UPDATE coverage_blind_spots SET reason = 'occluded' WHERE id = $1", [spot]);
    const s = await loadCoverageSettings(db.pool);
    const { cameras } = await loadCameras(db.pool);
    await assignReasons(db.pool, ['design', 'now'], [target], cameras, await loadBuildings(db.pool, s.defaultBuildingHeightM), s, {
      countDown: false,
    });
    const { rows: after } = await db.pool.query<{ reason: string }>('SELECT reason FROM coverage_blind_spots WHERE id = $1', [spot]);
    expect(after[0]?.reason).toBe('no_camera');
  });

  it('gives the reasons of a full recompute after a camera is deleted', async () => {
    const id = cameraIds[3]!;
    await db.pool.query('DELETE FROM cameras WHERE id = $1', [id]);
    await refreshCameras(db.pool, [id]);
    const after = await spots();
    await recomputeCoverage(db.pool, { history: false });
    expectClose(after, await spots());
  });

  it('gives the reasons of a full recompute after a camera goes down', async () => {
    const id = cameraIds[4]!;
    await db.pool.query("UPDATE camera_status SET state = 'UNREACHABLE' WHERE camera_id = $1", [id]);
    await refreshAfterStatusChange(db.pool, [id]);
    const after = await spots();
    await recomputeCoverage(db.pool, { history: false });
    expectClose(after, await spots());
  });

  it('judges the same in many id ranges over two sessions as in one session', async () => {
    const s = await loadCoverageSettings(db.pool);
    const { cameras } = await loadCameras(db.pool);
    const buildings = await loadBuildings(db.pool, s.defaultBuildingHeightM);
    const reset = () => db.pool.query("UPDATE coverage_blind_spots SET reason = 'no_camera' WHERE reason <> 'camera_down'");
    await reset();
    const pieces = (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM coverage_blind_spots')).rows[0]!.n;
    expect(pieces).toBeGreaterThan(30);
    await assignReasons(db.pool, ['design'], null, cameras, buildings, s, { rangePieces: 7 });
    await assignReasons(db.pool, ['now'], null, cameras, buildings, s, { rangePieces: 7 });
    const batched = await spots();
    await reset();
    const client = await db.pool.connect();
    try {
      const design = await assignReasons(client, ['design'], null, cameras, buildings, s);
      const now = await assignReasons(client, ['now'], null, cameras, buildings, s);
      expect(
        design.occluded + design.low_detail + design.near_blind_zone + now.occluded + now.low_detail + now.near_blind_zone,
      ).toBeGreaterThan(0);
    } finally {
      client.release();
    }
    expectClose(await spots(), batched);
  });
});
