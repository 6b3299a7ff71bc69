import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';

interface Answer {
  buildings: { id: number; heightM: number; heightAssumed: boolean; ring: Array<[number, number]> }[];
  truncated: boolean;
}

describe('GET /buildings (the planner clips its preview with them)', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    await db.pool.query(`INSERT INTO buildings (height_m, height_assumed, geom) VALUES
      (24, false, ST_Multi(ST_MakeEnvelope(109.0300, 32.6850, 109.0302, 32.6852, 4326))),
      (NULL, true, ST_Multi(ST_MakeEnvelope(109.0310, 32.6850, 109.0312, 32.6852, 4326))),
      (30, false, ST_Multi(ST_MakeEnvelope(109.2000, 32.9000, 109.2002, 32.9002, 4326)))`);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('returns the outlines in the box with the height occlusion uses (the default, marked assumed, when unknown)', async () => {
    const res = await t.app.request('/api/v1/buildings?bbox=109.029,32.684,109.032,32.686', { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.truncated).toBe(false);
    expect(body.buildings.map((b) => [b.heightM, b.heightAssumed])).toEqual([
      [24, false],
      [10, true],
    ]);
    const ring = body.buildings[0]!.ring;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(ring.every(([lon, lat]) => lon >= 109.03 && lon <= 109.0302 && lat >= 32.685 && lat <= 32.6852)).toBe(true);
  });

  it('refuses a city-sized box with the limit named, and needs a login', async () => {
    const big = await t.app.request('/api/v1/buildings?bbox=108.9,32.6,109.1,32.8', { headers: await t.login('viewer') });
    expect(big.status).toBe(400);
    const err = ((await big.json()) as { error: { field: string; message: string } }).error;
    expect(err.field).toBe('bbox');
    expect(err.message).toContain('0.05°');
    expect((await t.app.request('/api/v1/buildings?bbox=109.029,32.684,109.032,32.686')).status).toBe(401);
  });
});
