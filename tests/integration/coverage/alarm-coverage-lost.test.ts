// The command center's alarm list must say what an outage costs: each open alarm carries the
// targets that design coverage sees through this camera and that are camera_down blind spots now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { recomputeCoverage, refreshAfterStatusChange } from '../../../coverage-engine';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;
let t: TestApp;
let downId: number;
let healthyId: number;
let newlyDownTargets: number;
let allDownTargets: number;

const downTargets = async (): Promise<Set<number>> =>
  new Set(
    (
      await db.pool.query<{ id: number }>(
        "SELECT DISTINCT target_id::int AS id FROM coverage_blind_spots WHERE mode = 'now' AND reason = 'camera_down'",
      )
    ).rows.map((r) => r.id),
  );

interface Lost {
  targets: number;
  byClass: { intersection: number; road_m: number; hotspot_m2: number; crowded_place_m2: number };
}
interface AlarmBody {
  alarms: Array<{ cameraId: number; clearedAt: string | null; coverageLost: Lost }>;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(5, 2));
  await recomputeCoverage(db.pool);
  // A camera that alone covers a long stretch of road, so taking it down loses coverage for sure.
  const { rows } = await db.pool.query<{ camera_id: number }>(
    "SELECT r.camera_ids[1]::int AS camera_id FROM coverage_results r JOIN coverage_target_parts p ON p.id = r.part_id WHERE r.mode = 'now' AND p.class = 'road' AND cardinality(r.camera_ids) = 1 AND r.covered > 20 ORDER BY r.covered DESC LIMIT 1",
  );
  downId = rows[0]!.camera_id;
  const other = await db.pool.query<{ id: number }>('SELECT id::int FROM cameras WHERE id <> $1 ORDER BY id LIMIT 1', [downId]);
  healthyId = other.rows[0]!.id;
  const before = await downTargets();
  await db.pool.query("UPDATE camera_status SET state = 'UNREACHABLE' WHERE camera_id = $1", [downId]);
  await refreshAfterStatusChange(db.pool, [downId]);
  const after = await downTargets();
  newlyDownTargets = [...after].filter((id) => !before.has(id)).length;
  allDownTargets = after.size;
  await db.pool.query(
    "INSERT INTO camera_alarms (camera_id, state, reason, raised_at) VALUES ($1, 'UNREACHABLE', 'test', now() - interval '2 minutes')",
    [downId],
  );
  // A cleared alarm of a working camera: the outage is over, nothing is lost.
  await db.pool.query(
    "INSERT INTO camera_alarms (camera_id, state, reason, raised_at, cleared_at) VALUES ($1, 'NO_RESPONSE', 'test', now() - interval '1 hour', now() - interval '30 minutes')",
    [healthyId],
  );
  t = await createTestApp(db);
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

describe('GET /alarms coverageLost', () => {
  it('gives a down camera the road length and targets it alone covered in design coverage', async () => {
    const res = await t.app.request('/api/v1/alarms', { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
    const alarm = ((await res.json()) as AlarmBody).alarms.find((a) => a.cameraId === downId)!;
    expect(alarm.coverageLost.targets).toBeGreaterThan(0);
    expect(alarm.coverageLost.byClass.road_m).toBeGreaterThan(5);
    // Every target that became a camera_down blind spot with this outage is counted; targets
    // lost only to other cameras that were already down (no status row) are not all its own.
    expect(newlyDownTargets).toBeGreaterThan(0);
    expect(alarm.coverageLost.targets).toBeGreaterThanOrEqual(newlyDownTargets);
    expect(alarm.coverageLost.targets).toBeLessThanOrEqual(allDownTargets);
  });

  it('reports nothing lost for a cleared alarm of a working camera', async () => {
    const res = await t.app.request('/api/v1/alarms?open=false', { headers: await t.login('viewer') });
    const alarm = ((await res.json()) as AlarmBody).alarms.find((a) => a.cameraId === healthyId)!;
    expect(alarm.clearedAt).not.toBeNull();
    expect(alarm.coverageLost).toEqual({ targets: 0, byClass: { intersection: 0, road_m: 0, hotspot_m2: 0, crowded_place_m2: 0 } });
  });
});
