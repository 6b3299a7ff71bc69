// The coverage HTTP routes return the engine's figures and name the field at fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { recomputeCoverage } from '../../../coverage-engine';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;
let t: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(9, 2));
  await recomputeCoverage(db.pool);
  t = await createTestApp(db);
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

describe('coverage routes', () => {
  it('GET /coverage returns rates per class for all targets and each area', async () => {
    const res = await t.app.request('/api/v1/coverage', { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { mode: string; areas: Array<{ areaId: number | null; classes: Record<string, { rate: number }> }> };
    expect(body.mode).toBe('design');
    const all = body.areas.find((a) => a.areaId === null)!;
    expect(all.classes.road!.rate).toBeGreaterThan(0);
    expect(body.areas.length).toBeGreaterThan(1);
    // Redundancy: how many cameras see each target, summed up per class.
    const road = all.classes.road as unknown as { meanCameras: number; redundantTargets: number; targets: number };
    expect(road.meanCameras).toBeGreaterThan(0);
    expect(road.redundantTargets).toBeLessThanOrEqual(road.targets);
  });

  it('GET /coverage with an unknown level is a 400 that names the field', async () => {
    const res = await t.app.request('/api/v1/coverage?level=superb', { headers: await t.login('viewer') });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('level');
  });

  it('GET /blind-spots pages through ranked blind spots', async () => {
    const res = await t.app.request('/api/v1/blind-spots?limit=2', { headers: await t.login('viewer') });
    const body = (await res.json()) as { total: number; items: Array<{ measure: number; reason: string }>; nextCursor: number | null };
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThan(2);
    expect(body.nextCursor).toBe(2);
  });

  it('GET /coverage/point lists the cameras that see a point with their density', async () => {
    const { rows } = await db.pool.query<{ lon: number; lat: number }>(
      "SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_Centroid(geom_m), 4326) AS c FROM camera_footprints WHERE level = 'detect' ORDER BY area_m2 DESC LIMIT 1) f",
    );
    const res = await t.app.request(`/api/v1/coverage/point?lon=${rows[0]!.lon}&lat=${rows[0]!.lat}`, { headers: await t.login('viewer') });
    const body = (await res.json()) as { cameras: Array<{ ppm: number; status: string }> };
    expect(body.cameras.some((c) => c.status === 'seen' && c.ppm > 0)).toBe(true);
  });
});
