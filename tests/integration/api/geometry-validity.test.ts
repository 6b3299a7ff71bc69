// Issue 14, "Exports are valid": 2 of the demo county's 1,020 exported blind-spot polygons were
// invalid by GEOS (self-intersections made by rounding to 7 decimals in GeoJSON), and some
// stored "coverage now" pieces were invalid before any rounding. Every exported and every tiled
// geometry must be valid by GEOS, the library GDAL/OGR, QGIS and PostGIS all read with: here
// PostGIS's ST_IsValid on exactly what a reader gets (the GeoJSON and KML as sent, the MVT
// geometry decoded from the tile bytes in its integer tile coordinates).
import { DOMParser } from '@xmldom/xmldom';
import { kml as kmlToGeoJson } from '@tmcw/togeojson';
import { classifyRings, VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratedCity } from '../../../gis-data/loaders/load-generated-city';
import { recomputeCoverage } from '../../../coverage-engine/recompute';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { lonLatToTile } from '../../helpers/api-fixtures';

type Geometry = { type: string; coordinates?: unknown; geometries?: Geometry[] };

let db: TestDatabase;
let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadGeneratedCity(db.pool, { scale: 'demo', seed: 1, replace: false });
  // Half the cameras working, so "coverage now" has many pieces only down cameras saw.
  await db.pool.query(
    `INSERT INTO camera_status (camera_id, state, since, last_poll_at)
     SELECT id, CASE WHEN id % 2 = 0 THEN 'OK' ELSE 'UNREACHABLE' END, now(), now() FROM cameras
     ON CONFLICT (camera_id) DO UPDATE SET state = excluded.state, since = excluded.since, last_poll_at = excluded.last_poll_at`,
  );
  await recomputeCoverage(db.pool, { history: false });
  t = await createTestApp(db);
  headers = await t.login('engineer');
}, 180_000);
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

/** The polygons among `geometries` that GEOS finds invalid, with its reason. */
async function invalidPolygons(geometries: Geometry[]): Promise<string[]> {
  const polys = geometries.filter((g) => g.type === 'Polygon' || g.type === 'MultiPolygon').map((g) => JSON.stringify(g));
  expect(polys.length).toBeGreaterThan(0);
  const { rows } = await db.pool.query<{ reason: string }>(
    'SELECT ST_IsValidReason(ST_GeomFromGeoJSON(g)) AS reason FROM unnest($1::text[]) g WHERE NOT ST_IsValid(ST_GeomFromGeoJSON(g))',
    [polys],
  );
  return rows.map((r) => r.reason);
}

describe('exported blind spots are valid geometry', () => {
  it.each(['design', 'now'])('GeoJSON export (%s): every polygon is valid by GEOS', async (mode) => {
    const res = await t.app.request(`/api/v1/exports/blind-spots.geojson?mode=${mode}`, { headers });
    expect(res.status).toBe(200);
    const fc = (await res.json()) as { features: { geometry: Geometry }[] };
    expect(fc.features.length).toBeGreaterThan(500);
    expect(await invalidPolygons(fc.features.map((f) => f.geometry))).toEqual([]);
  });

  it('KML export: every polygon, as a KML reader turns it into GeoJSON, is valid', async () => {
    const res = await t.app.request('/api/v1/exports/blind-spots.kml', { headers });
    expect(res.status).toBe(200);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/xml');
    const fc = kmlToGeoJson(doc as unknown as Document);
    expect(await invalidPolygons(fc.features.map((f) => f.geometry as Geometry).filter((g) => g !== null))).toEqual([]);
  });

  it('the ranked list of today and of a past date returns valid geometry too', async () => {
    for (const q of ['now=1&limit=1000', 'asOf=2020-12-31&now=1&limit=1000']) {
      const res = await t.app.request(`/api/v1/blind-spots?${q}`, { headers });
      expect(res.status, q).toBe(200);
      const body = (await res.json()) as { items: { geometry: Geometry }[] };
      expect(await invalidPolygons(body.items.map((i) => i.geometry)), q).toEqual([]);
    }
  });
});

describe('tiled geometry is valid', () => {
  /** Every tile of the county at zoom z that has something, decoded to polygons in tile coordinates. */
  async function tilePolygons(layer: string, z: number, query = ''): Promise<string[]> {
    const e = (
      await db.pool.query<{ w: number; s: number; e: number; n: number }>(
        'SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(geom)::geometry AS x FROM targets) q',
      )
    ).rows[0]!;
    const a = lonLatToTile(e.w, e.n, z);
    const b = lonLatToTile(e.e, e.s, z);
    const wkts: string[] = [];
    for (let x = a.x; x <= b.x; x++)
      for (let y = a.y; y <= b.y; y++) {
        const res = await t.app.request(`/tiles/${layer}/${z}/${x}/${y}.mvt${query}`, { headers });
        if (res.status === 204) continue;
        expect(res.status).toBe(200);
        const vt = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
        for (const l of Object.values(vt.layers))
          for (let i = 0; i < l.length; i++) {
            const f = l.feature(i);
            if (f.type !== 3) continue;
            for (const poly of classifyRings(f.loadGeometry()))
              wkts.push(`POLYGON(${poly.map((r) => `(${r.map((p) => `${p.x} ${p.y}`).join(',')})`).join(',')})`);
          }
      }
    return wkts;
  }

  it.each([
    ['blind-spots', 13, ''],
    ['blind-spots', 13, '?now=1'],
    ['blind-spots', 13, '?asOf=2020-12-31&now=1'],
    ['footprints', 13, ''],
    ['targets', 13, ''],
    ['boundaries', 12, ''],
    ['buildings', 14, ''],
  ])(
    '%s tiles at z%i%s: every polygon is valid by GEOS',
    async (layer, z, query) => {
      const wkts = await tilePolygons(layer, z, query);
      expect(wkts.length).toBeGreaterThan(0);
      const { rows } = await db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM unnest($1::text[]) w WHERE NOT ST_IsValid(ST_GeomFromText(w))',
        [wkts],
      );
      expect(rows[0]!.n).toBe(0);
    },
    60_000,
  );
});
