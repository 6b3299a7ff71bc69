// Footprints and blind spots are stored in planar metres only (migrations 0063, 0065); their
// tiles select by the tile's box in metres (xl_tile_envelope_m, xl_envelope_m). That box must
// hold every piece the tile shows, at any zoom, and must not fail for tiles far from the city's
// projection zone.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeCoverage } from '../../../coverage-engine';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;
let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(4, 2));
  await recomputeCoverage(db.pool);
  t = await createTestApp(db);
  headers = await t.login('viewer');
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

/** Every tile at zoom z that the footprints' extent meets. */
async function tilesOver(z: number): Promise<Array<{ x: number; y: number }>> {
  const { rows } = await db.pool.query<{ x0: number; y0: number; x1: number; y1: number }>(
    `
    WITH e AS (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom_m)::geometry, xl_metric_srid()), 3857) AS g FROM camera_footprints)
    SELECT floor((ST_XMin(g) + 20037508.342789244) / (40075016.68557849 / 2 ^ $1))::int AS x0,
           floor((20037508.342789244 - ST_YMax(g)) / (40075016.68557849 / 2 ^ $1))::int AS y0,
           floor((ST_XMax(g) + 20037508.342789244) / (40075016.68557849 / 2 ^ $1))::int AS x1,
           floor((20037508.342789244 - ST_YMin(g)) / (40075016.68557849 / 2 ^ $1))::int AS y1
    FROM e`,
    [z],
  );
  const r = rows[0]!;
  const out: Array<{ x: number; y: number }> = [];
  for (let x = r.x0; x <= r.x1; x++) for (let y = r.y0; y <= r.y1; y++) out.push({ x, y });
  return out;
}

describe('footprint tiles from planar footprints', () => {
  it('show exactly the footprints that meet the tile, at every zoom from 12 to 17', async () => {
    let compared = 0;
    for (let z = 12; z <= 17; z++) {
      for (const { x, y } of await tilesOver(z)) {
        const { rows } = await db.pool.query<{ id: number }>(
          `
          SELECT DISTINCT camera_id::int AS id FROM camera_footprints
          WHERE occluded AND level = 'observe' AND ST_Intersects(ST_Transform(geom_m, 3857), ST_TileEnvelope($1, $2, $3))
            AND ST_Area(ST_Intersection(ST_Transform(geom_m, 3857), ST_TileEnvelope($1, $2, $3))) > 1`,
          [z, x, y],
        );
        const expected = rows.map((r) => r.id).sort((a, b) => a - b);
        const res = await t.app.request(`/tiles/footprints/${z}/${x}/${y}.mvt?level=observe`, { headers });
        const layer =
          res.status === 204 ? undefined : new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.footprints;
        const shown = new Set(Array.from({ length: layer?.length ?? 0 }, (_, i) => Number(layer!.feature(i).properties.camera_id)));
        // Every footprint with more than a square metre in the tile is drawn there.
        for (const id of expected) expect(shown.has(id), `camera ${id} in tile ${z}/${x}/${y}`).toBe(true);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('show every stored blind spot that meets the tile (blind spots are planar only too), at zooms 12 to 16', async () => {
    let compared = 0;
    for (let z = 12; z <= 16; z++) {
      for (const { x, y } of await tilesOver(z)) {
        const { rows } = await db.pool.query<{ id: number }>(
          `
          SELECT DISTINCT target_id::int AS id FROM coverage_blind_spots
          WHERE mode = 'design' AND ST_Intersects(ST_Transform(geom_m, 3857), ST_TileEnvelope($1, $2, $3))
            AND ST_Length(ST_Intersection(ST_Transform(geom_m, 3857), ST_TileEnvelope($1, $2, $3))) + ST_Area(ST_Intersection(ST_Transform(geom_m, 3857), ST_TileEnvelope($1, $2, $3))) > 1`,
          [z, x, y],
        );
        const res = await t.app.request(`/tiles/blind-spots/${z}/${x}/${y}.mvt`, { headers });
        const layer =
          res.status === 204 ? undefined : new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.blind_spots;
        const shown = new Set(Array.from({ length: layer?.length ?? 0 }, (_, i) => Number(layer!.feature(i).properties.target_id)));
        for (const r of rows) expect(shown.has(r.id), `target ${r.id} in tile ${z}/${x}/${y}`).toBe(true);
        compared += rows.length;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('gives a box holding all footprints for a world-sized tile, and none for a tile out of the zone', async () => {
    const { rows } = await db.pool.query<{ z0: boolean; z2: boolean; far: boolean; anti: boolean }>(`
      WITH e AS (SELECT ST_SetSRID(ST_Extent(geom_m)::geometry, xl_metric_srid()) AS g FROM camera_footprints)
      SELECT ST_Covers(xl_tile_envelope_m(0, 0, 0, 64.0 / 4096), e.g) AS z0,
             ST_Covers(xl_tile_envelope_m(2, 3, 1, 64.0 / 4096), e.g) AS z2,
             xl_tile_envelope_m(12, 100, 1700, 64.0 / 4096) IS NULL AS far,
             xl_tile_envelope_m(3, 7, 3, 64.0 / 4096) IS NOT NULL AS anti
      FROM e`);
    expect(rows[0]).toEqual({ z0: true, z2: true, far: true, anti: true });
  });
});
