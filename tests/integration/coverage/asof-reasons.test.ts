// A planner looking at the map of a past date must see the same explanation per blind spot as
// the ranked list gives (the map colours pieces by reason), and "coverage now" of a past date
// must count the cameras that were working that day, not today.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageReport, recomputeCoverage } from '../../../coverage-engine';
import { createTestApp, type TestApp } from '../../helpers/api';
import { lonLatToTile } from '../../helpers/api-fixtures';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;
let t: TestApp;
let headers: Record<string, string>;
/** The camera that goes down on DOWN_DAY: the one whose loss opens the most road. */
let downCamera: number;

// Every camera works from EVENTS_FROM on; downCamera stops answering at 20:00 local time
// (UTC+8, the agent's day) on DOWN_DAY and answers again at 01:00 local on the next day.
const EVENTS_FROM = '2023-06-01T00:00:00Z';
const DOWN_DAY = '2023-06-15';
const DOWN_AT = '2023-06-15T12:00:00Z';
const BACK_AT = '2023-06-15T17:00:00Z';

interface Item {
  id: number;
  targetId: number;
  class: string;
  reason: string | null;
  measure: number;
  geometry: unknown;
}
interface Piece {
  targetId: number;
  reason: string;
  measure: number;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(9, 2));
  // Every camera works today, so today's "now" has no camera_down at all.
  await db.pool.query(`INSERT INTO camera_status (camera_id, state, since, last_poll_at) SELECT id, 'OK', now(), now() FROM cameras
    ON CONFLICT (camera_id) DO UPDATE SET state = 'OK'`);
  await recomputeCoverage(db.pool);
  const { rows } = await db.pool.query<{ id: number }>(
    `
    SELECT f.camera_id::int AS id
    FROM camera_footprints f
    JOIN cameras c ON c.id = f.camera_id AND c.removal_date IS NULL AND c.install_date <= $1::date
    JOIN coverage_target_parts p ON p.class = 'road' AND p.required_level = f.level AND p.geom_m && f.geom_m
    CROSS JOIN LATERAL (SELECT ST_Union(g.geom_m) AS u FROM camera_footprints g
                        WHERE g.level = f.level AND g.occluded AND g.camera_id <> f.camera_id AND g.geom_m && p.geom_m) o
    WHERE f.occluded
    GROUP BY f.camera_id
    ORDER BY sum(ST_Length(CASE WHEN o.u IS NULL THEN ST_Intersection(p.geom_m, f.geom_m) ELSE ST_Difference(ST_Intersection(p.geom_m, f.geom_m), o.u) END)) DESC, 1
    LIMIT 1`,
    [DOWN_DAY],
  );
  downCamera = rows[0]!.id;
  await db.pool.query(`INSERT INTO camera_status_events (camera_id, state, previous_state, at) SELECT id, 'OK', NULL, $1 FROM cameras`, [
    EVENTS_FROM,
  ]);
  await db.pool.query(
    `INSERT INTO camera_status_events (camera_id, state, previous_state, at) VALUES ($1, 'UNREACHABLE', 'OK', $2), ($1, 'OK', 'UNREACHABLE', $3)`,
    [downCamera, DOWN_AT, BACK_AT],
  );
  t = await createTestApp(db);
  headers = await t.login('viewer');
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

async function list(query: string): Promise<Item[]> {
  const res = await t.app.request(`/api/v1/blind-spots?limit=1000&${query}`, { headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
}

/** Every blind-spot feature of the z16 tiles over the scene (a piece cut by a tile edge shows in each). */
async function tilePieces(query: string): Promise<Piece[]> {
  const { rows } = await db.pool.query<{ x0: number; y0: number; x1: number; y1: number }>(
    'SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Extent(geom) AS e FROM targets) s',
  );
  const { x0, y0, x1, y1 } = rows[0]!;
  const a = lonLatToTile(x0, y1, 16);
  const b = lonLatToTile(x1, y0, 16);
  const out: Piece[] = [];
  for (let x = a.x; x <= b.x; x++) {
    for (let y = a.y; y <= b.y; y++) {
      const res = await t.app.request(`/tiles/blind-spots/16/${x}/${y}.mvt?${query}`, { headers });
      expect([200, 204]).toContain(res.status);
      if (res.status === 204) continue;
      const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.blind_spots!;
      for (let i = 0; i < layer.length; i++) {
        const p = layer.feature(i).properties;
        out.push({ targetId: Number(p.target_id), reason: String(p.reason), measure: Number(p.measure) });
      }
    }
  }
  return out;
}

const key = (targetId: number, measure: number) => `${targetId}|${measure.toFixed(1)}`;

/** Each tile piece matched to the list's piece of the same target and size: their reasons. */
function matchReasons(tiles: Piece[], items: Item[]): Array<{ key: string; tile: string; list: string | null | undefined }> {
  const byKey = new Map(items.map((i) => [key(i.targetId, i.measure), i.reason]));
  return tiles.map((p) => ({ key: key(p.targetId, p.measure), tile: p.reason, list: byKey.get(key(p.targetId, p.measure)) }));
}

/** Whether a list piece lies (within a metre) in the down camera's footprint at its own level. */
async function inDownCameraView(item: Item): Promise<boolean> {
  const { rows } = await db.pool.query<{ hit: boolean }>(
    `
    SELECT EXISTS (
      SELECT 1 FROM camera_footprints f JOIN coverage_target_parts p ON p.target_id = $3 AND p.required_level = f.level
      WHERE f.camera_id = $1 AND f.occluded
        AND ST_DWithin(f.geom_m, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326), xl_metric_srid()), 1)) AS hit`,
    [downCamera, JSON.stringify(item.geometry), item.targetId],
  );
  return rows[0]!.hit;
}

describe('blind-spot tiles of a past date', () => {
  it('carry the reasons the ranked list gives the same pieces (not only no_camera), so the map colours match the list', async () => {
    // (Before 2022 the few cameras of this scene reach no gap: every piece is no_camera then.)
    const items = await list('asOf=2023-06-14');
    const tiles = await tilePieces('asOf=2023-06-14');
    expect(tiles.length).toBeGreaterThan(5);
    const matched = matchReasons(tiles, items);
    expect(matched.filter((m) => m.list === undefined)).toEqual([]);
    expect(matched.filter((m) => m.tile !== m.list)).toEqual([]);
    expect(new Set(tiles.map((p) => p.reason))).toEqual(new Set(items.map((i) => i.reason)));
    expect(tiles.filter((p) => p.reason === 'occluded' || p.reason === 'low_detail').length).toBeGreaterThan(1);
    // Every listed piece is drawn (the tiles cover the whole scene).
    const drawn = new Set(matched.map((m) => m.key));
    expect(items.filter((i) => !drawn.has(key(i.targetId, i.measure))).map((i) => key(i.targetId, i.measure))).toEqual([]);
  });

  it("at another detail level carry the list's reasons too", async () => {
    const items = await list('level=recognise');
    const tiles = await tilePieces('level=recognise');
    const matched = matchReasons(tiles, items);
    expect(tiles.length).toBeGreaterThan(5);
    expect(matched.filter((m) => m.tile !== m.list)).toEqual([]);
    expect(tiles.some((p) => p.reason !== 'no_camera')).toBe(true);
  });
});

describe('coverage now as of a past date', () => {
  it('calls the pieces only the camera that was down that day would see camera_down, in the list and on the map', async () => {
    const items = await list(`asOf=${DOWN_DAY}&now=true`);
    const down = items.filter((i) => i.reason === 'camera_down');
    expect(down.length).toBeGreaterThan(0);
    for (const i of down) expect(await inDownCameraView(i), `piece ${i.id} of target ${i.targetId}`).toBe(true);
    const tiles = await tilePieces(`asOf=${DOWN_DAY}&now=true`);
    expect(tiles.some((p) => p.reason === 'camera_down')).toBe(true);
    expect(matchReasons(tiles, items).filter((m) => m.tile !== m.list)).toEqual([]);
  });

  it('leaves the down camera\'s view off the "now" footprint map of that day only', async () => {
    const cameraIds = async (query: string): Promise<Set<number>> => {
      const { rows } = await db.pool.query<{ lon: number; lat: number }>(
        'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras WHERE id = $1',
        [downCamera],
      );
      const { x, y } = lonLatToTile(rows[0]!.lon, rows[0]!.lat, 16);
      const res = await t.app.request(`/tiles/footprints/16/${x}/${y}.mvt?level=detect&${query}`, { headers });
      if (res.status === 204) return new Set();
      const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.footprints!;
      return new Set(Array.from({ length: layer.length }, (_, i) => Number(layer.feature(i).properties.camera_id)));
    };
    expect((await cameraIds(`asOf=${DOWN_DAY}`)).has(downCamera)).toBe(true);
    expect((await cameraIds(`asOf=${DOWN_DAY}&now=true`)).has(downCamera)).toBe(false);
    expect((await cameraIds('asOf=2023-06-14&now=true')).has(downCamera)).toBe(true);
    expect((await cameraIds('now=true')).has(downCamera)).toBe(true);
  });

  it("uses the agent's local day: a camera back at 01:00 local on the next day was still down at the end of the day", async () => {
    const before = await list('asOf=2023-06-14&now=true');
    const after = await list('asOf=2023-06-16&now=true');
    expect(before.filter((i) => i.reason === 'camera_down')).toEqual([]);
    expect(after.filter((i) => i.reason === 'camera_down')).toEqual([]);
    const design = await list('asOf=2023-06-16');
    expect(after.map((i) => `${i.targetId}|${i.measure}|${i.reason}`).sort()).toEqual(
      design.map((i) => `${i.targetId}|${i.measure}|${i.reason}`).sort(),
    );
  });

  it('is not camera_down today when that camera works now (today reads the live state)', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await list('now=true')).filter((i) => i.reason === 'camera_down')).toEqual([]);
    expect((await list(`asOf=${today}&now=true`)).filter((i) => i.reason === 'camera_down')).toEqual([]);
    expect((await tilePieces('now=true')).filter((p) => p.reason === 'camera_down')).toEqual([]);
    expect((await tilePieces(`asOf=${today}&now=true`)).filter((p) => p.reason === 'camera_down')).toEqual([]);
  });

  it('counts only the cameras working that day in the rates (xueliang coverage --as-of D --now)', async () => {
    const road = async (asOf: string, now: boolean) =>
      (await coverageReport(db.pool, { asOf, now })).areas.find((a) => a.areaId === null)!.classes.road!.rate;
    expect(await road(DOWN_DAY, true)).toBeLessThan((await road(DOWN_DAY, false))! - 0.001);
    expect(await road('2023-06-14', true)).toBeCloseTo((await road('2023-06-14', false))!, 9);
    // Before the first status event nobody knows which cameras worked: "now" is unknown, not 0 %.
    expect(await road('2023-05-01', true)).toBeNull();
    expect(await road('2023-05-01', false)).toBeGreaterThan(0.05);
  });
});
