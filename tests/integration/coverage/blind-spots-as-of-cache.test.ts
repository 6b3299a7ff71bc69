// Moving the time slider asks for a date's ranked list and its map tiles at once. Their pieces
// are computed once per date and kept (coverage-engine/pieces-as-of.ts): the tiles must still
// show exactly the list's pieces and reasons, and a camera edit — by anyone, here straight in
// the database as the CLI or an import would — must show at the next request, not after a while.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computePiecesAsOf,
  loadCoverageSettings,
  targetCameras,
  PiecesAsOfCache,
  recomputeCoverage,
  type PieceAsOf,
  type TargetMemo,
} from '../../../coverage-engine';
import { createTestApp, type TestApp } from '../../helpers/api';
import { lonLatToTile } from '../../helpers/api-fixtures';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { loadScene, makeScene } from './synthetic-scene';
import { loadSql } from '../../../db/sql';

let db: TestDatabase;
let t: TestApp;
let headers: Record<string, string>;
const DAY = '2023-06-14';

interface Item {
  targetId: number;
  class: string;
  reason: string | null;
  measure: number;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(9, 2));
  await recomputeCoverage(db.pool);
  t = await createTestApp(db);
  headers = await t.login('viewer');
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

async function list(query: string): Promise<{ total: number; items: Item[] }> {
  const res = await t.app.request(`/api/v1/blind-spots?${query.includes('limit=') ? '' : 'limit=1000&'}${query}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; items: Item[] };
}

/** Every blind-spot feature of the z16 tiles over the scene, asked for all at once as a map view does. */
async function tilePieces(query: string): Promise<Item[]> {
  const { rows } = await db.pool.query<{ x0: number; y0: number; x1: number; y1: number }>(
    'SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Extent(geom) AS e FROM targets) s',
  );
  const { x0, y0, x1, y1 } = rows[0]!;
  const a = lonLatToTile(x0, y1, 16);
  const b = lonLatToTile(x1, y0, 16);
  const urls: string[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) urls.push(`/tiles/blind-spots/16/${x}/${y}.mvt?${query}`);
  const tiles = await Promise.all(urls.map((u) => t.app.request(u, { headers })));
  const out: Item[] = [];
  for (const res of tiles) {
    expect([200, 204]).toContain(res.status);
    if (res.status === 204) continue;
    const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.blind_spots!;
    for (let i = 0; i < layer.length; i++) {
      const p = layer.feature(i).properties;
      out.push({ targetId: Number(p.target_id), class: String(p.class), reason: String(p.reason), measure: Number(p.measure) });
    }
  }
  return out;
}

const key = (p: Item) => `${p.targetId}|${p.measure.toFixed(1)}|${p.reason}`;
const distinct = (items: Item[]) => [...new Set(items.map(key))].sort();

describe('another date on the slider, computed once', () => {
  it('draws on the tiles exactly the pieces and reasons of the ranked list, list and tiles asked together', async () => {
    const [first, tiles] = await Promise.all([list(`asOf=${DAY}`), tilePieces(`asOf=${DAY}`)]);
    expect(first.total).toBeGreaterThan(5);
    expect(first.items.some((i) => i.reason !== 'no_camera')).toBe(true);
    // One date, one entry, shared by the list and every tile.
    expect(t.xl.deps.blindSpotsAsOf.size).toBe(1);
    // A piece cut by a tile edge shows in each tile it crosses, with the whole piece's measure.
    expect(distinct(tiles)).toEqual(distinct(first.items));
    // Asked again (from the cache), the list is the same, and so are its pages.
    expect(await list(`asOf=${DAY}`)).toEqual(first);
    const page = await list(`asOf=${DAY}&limit=3&cursor=3`);
    expect(page.items).toEqual(first.items.slice(3, 6));
    expect(t.xl.deps.blindSpotsAsOf.size).toBe(1);
  });

  it('shows a camera edit made in the database at the next requests (NOTIFY coverage_inputs drops the date)', async () => {
    const before = await list(`asOf=${DAY}&class=road`);
    expect(before.items.some((i) => i.reason !== 'no_camera')).toBe(true);
    // Every camera removed before that day: nothing sees any road then.
    await db.pool.query("UPDATE cameras SET removal_date = '2023-01-01'");
    const { rows } = await db.pool.query<{ m: number }>("SELECT sum(measure)::float8 AS m FROM coverage_target_parts WHERE class = 'road'");
    await expect
      .poll(async () => (await list(`asOf=${DAY}&class=road`)).items.every((i) => i.reason === 'no_camera'), {
        timeout: 10_000,
        interval: 100,
      })
      .toBe(true);
    const after = await list(`asOf=${DAY}&class=road`);
    expect(after.items.reduce((n, i) => n + i.measure, 0)).toBeCloseTo(rows[0]!.m, -1);
    const tiles = (await tilePieces(`asOf=${DAY}`)).filter((p) => p.class === 'road');
    expect(distinct(tiles)).toEqual(distinct(after.items));
  });
});

describe('pieces of targets met on another date', () => {
  it('are exactly the pieces cut afresh, date after date (design and now)', async () => {
    // Each date's pieces through one memo (every target whose cameras were met on an earlier
    // date is not cut again) against the same date cut from nothing.
    const cache = new PiecesAsOfCache({ maxEntries: 1 });
    const s = await loadCoverageSettings(db.pool);
    const dates = ['2019-06-30', '2021-01-01', '2022-06-30', '2023-06-14', '2024-12-31', '2022-06-30'];
    let reused = 0;
    for (const now of [false, true]) {
      for (const asOf of dates) {
        const memo = cache.targets();
        const metBefore = await countKnown(memo, asOf, now);
        reused += metBefore;
        const viaMemo = await computePiecesAsOf(db.pool, { asOf, now }, s, memo);
        const fresh = await computePiecesAsOf(db.pool, { asOf, now }, s);
        expect(viaMemo.pieces.map(flat), `${asOf} now=${now}`).toEqual(fresh.pieces.map(flat));
      }
    }
    // The memo was used (else this test compares two fresh cuts).
    expect(reused).toBeGreaterThan(10);
  });
});

describe("a date's cameras per target", () => {
  it('picked in memory from the shared candidates are exactly what the query per date gives', async () => {
    const sql = loadSql(new URL('../../../coverage-engine/', import.meta.url).href, 'target-cameras-as-of.sql');
    const cache = new PiecesAsOfCache({ maxEntries: 1 });
    const { rows: areas } = await db.pool.query<{ code: string }>(
      'SELECT code FROM admin_areas WHERE code IS NOT NULL ORDER BY id LIMIT 2',
    );
    const { rows: levels } = await db.pool.query<{ level: string }>('SELECT DISTINCT level FROM camera_footprints ORDER BY level LIMIT 2');
    let compared = 0;
    for (const asOf of [undefined, '2019-06-30', '2021-01-01', '2023-06-14', '2024-12-31'])
      for (const now of [false, true])
        for (const level of [undefined, ...levels.map((l) => l.level)])
          for (const area of [undefined, ...areas.map((a) => a.code)]) {
            const q = {
              now,
              ...(asOf === undefined ? {} : { asOf }),
              ...(level === undefined ? {} : { level }),
              ...(area === undefined ? {} : { area }),
            };
            const memo = cache.targets();
            const inMemory = await targetCameras(db.pool, q, memo.shared!.bind(memo));
            const { rows } = await db.pool.query<{ target_id: number; cameras: string }>(sql, [
              asOf ?? null,
              area ?? null,
              now,
              level ?? null,
            ]);
            const byTarget = (r: Array<{ target_id: number; cameras: string }>) => [...r].sort((a, b) => a.target_id - b.target_id);
            expect(byTarget(inMemory), JSON.stringify(q)).toEqual(byTarget(rows));
            compared += rows.filter((r) => /:\d/.test(r.cameras)).length;
          }
    // Some targets had cameras (else the comparison says little).
    expect(compared).toBeGreaterThan(10);
  });
});

const flat = (p: PieceAsOf) => ({ ...p, geomM: p.geomM.toString('hex') });

/** How many targets the memo already holds for that date (the count of its hits). */
async function countKnown(memo: TargetMemo, asOf: string, now: boolean): Promise<number> {
  let hits = 0;
  const probe: TargetMemo = {
    get: (k) => {
      const v = memo.get(k);
      if (v !== undefined) hits += 1;
      return v;
    },
    set: () => {},
    shared: (key, load) => memo.shared(key, load),
  };
  await computePiecesAsOf(db.pool, { asOf, now }, await loadCoverageSettings(db.pool), probe);
  return hits;
}
