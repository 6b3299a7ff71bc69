// The ranked blind-spot list must follow the timeline's date: GET /blind-spots?asOf= evaluates
// the cameras installed and not removed by then, cut and ranked like the stored list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { recomputeCoverage } from '../../../coverage-engine';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;
let t: TestApp;

interface Item {
  id: number;
  targetId: number;
  class: string;
  reason: string | null;
  measure: number;
  unit: string;
  priority: number;
}
interface Body {
  total: number;
  items: Item[];
  nextCursor: number | null;
}

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

async function list(query: string): Promise<Body> {
  const res = await t.app.request(`/api/v1/blind-spots?${query}`, { headers: await t.login('viewer') });
  expect(res.status).toBe(200);
  return (await res.json()) as Body;
}
const sum = (items: Item[], cls: string): number => items.filter((i) => i.class === cls).reduce((n, i) => n + i.measure, 0);
const score = (i: Item): number => i.priority * (i.unit === 'm' ? i.measure * 10 : i.measure);

describe('GET /blind-spots?asOf', () => {
  it('before any camera was installed lists every road in full, with no camera as the reason', async () => {
    const then = await list('asOf=1990-01-01&class=road&limit=1000');
    const stored = await list('class=road&limit=1000');
    const { rows } = await db.pool.query<{ m: number }>("SELECT sum(measure)::float8 AS m FROM coverage_target_parts WHERE class = 'road'");
    expect(sum(then.items, 'road')).toBeCloseTo(rows[0]!.m, -1);
    expect(sum(then.items, 'road')).toBeGreaterThan(sum(stored.items, 'road') + 10);
    expect(then.items.every((i) => i.reason === 'no_camera')).toBe(true);
  });

  it('for today agrees with the stored design blind spots and ranks the same way', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const computed = await list(`asOf=${today}&limit=1000`);
    const stored = await list('limit=1000');
    for (const cls of ['road', 'hotspot', 'crowded_place']) expect(sum(computed.items, cls), cls).toBeCloseTo(sum(stored.items, cls), 0);
    expect(computed.items.filter((i) => i.class === 'intersection').length).toBe(
      stored.items.filter((i) => i.class === 'intersection').length,
    );
    for (let k = 1; k < computed.items.length; k++)
      expect(score(computed.items[k - 1]!)).toBeGreaterThanOrEqual(score(computed.items[k]!) - 1e-6);
    expect(computed.items.map((i) => i.id)).toEqual(computed.items.map((_, k) => k + 1));
  });

  it('gives computed pieces the same reasons the stored ones get (occluded, too little detail…), not just "no camera"', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const computed = await list(`asOf=${today}&limit=1000`);
    const stored = await list('limit=1000');
    const tally = (items: Item[]) => items.map((i) => `${i.class}:${i.reason}`).sort();
    expect(computed.items.every((i) => i.reason !== null)).toBe(true);
    expect(tally(computed.items)).toEqual(tally(stored.items));
    expect(computed.items.some((i) => i.reason !== 'no_camera')).toBe(true);
    // At the deadline fewer cameras stood: every piece still has a reason from the same set.
    const then = await list('asOf=2020-12-31&limit=1000');
    expect(then.items.every((i) => ['no_camera', 'occluded', 'low_detail', 'near_blind_zone'].includes(i.reason!))).toBe(true);
  });

  it('pages with the cursor through the computed ranking', async () => {
    const first = await list('asOf=2019-06-30&limit=2');
    expect(first.nextCursor).toBe(2);
    const second = await list('asOf=2019-06-30&limit=2&cursor=2');
    expect(second.items[0]!.id).toBe(3);
    expect(second.total).toBe(first.total);
  });

  it('names the field of an impossible date or an unknown level', async () => {
    const bad = await t.app.request('/api/v1/blind-spots?asOf=2020-13-45', { headers: await t.login('viewer') });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('asOf');
    const lvl = await t.app.request('/api/v1/blind-spots?asOf=2020-12-31&level=superb', { headers: await t.login('viewer') });
    expect(lvl.status).toBe(400);
    expect(((await lvl.json()) as { error: { field: string } }).error.field).toBe('level');
  });
});
