import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { importAreas, importTargets } from '../../../gis-data/targets-import/import-targets';
import { sourceFromBuffer, sourceFromFile } from '../../../gis-data/ledger/source';
import { polygonShp, textDbf, zipFiles } from '../../fixtures/import/make-shapefile';
import { zipOfZeros } from '../../fixtures/import/make-zip';

// WGS 84 / UTM zone 50N, as a GIS department's .prj would carry it.
const UTM50N_PRJ =
  'PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

const fx = (name: string): string => join(import.meta.dirname, '../../fixtures/import', name);
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('admin areas and target layers from GeoJSON', () => {
  it('loads areas with codes, repairs a self-intersecting town and reports it, rejects one without a code', async () => {
    const r = await importAreas(db.pool, sourceFromFile(fx('areas.geojson')), { commit: true });
    expect(r.added).toBe(2);
    expect(r.repaired).toEqual([{ feature: 2, reason: expect.stringMatching(/Self-intersection.*ST_MakeValid/) }]);
    expect(r.rejected).toEqual([{ feature: 3, reason: expect.stringMatching(/code/) }]);
    const rows = (
      await db.pool.query(
        'SELECT a.code, a.level, p.code AS parent, ST_IsValid(a.geom) AS valid FROM admin_areas a LEFT JOIN admin_areas p ON p.id = a.parent_id ORDER BY a.code',
      )
    ).rows;
    expect(rows).toEqual([
      { code: '320106', level: 'county', parent: null, valid: true },
      { code: '320106001', level: 'town', parent: '320106', valid: true },
    ]);
  });
  it('repairs a bow-tie hotspot polygon instead of dropping it, and reports the feature without geometry', async () => {
    const r = await importTargets(db.pool, sourceFromFile(fx('targets-bowtie.geojson')), { class: 'hotspot', commit: true });
    expect(r.added).toBe(2);
    expect(r.repaired.map((x) => x.feature)).toEqual([1]);
    expect(r.rejected).toEqual([{ feature: 3, reason: 'no geometry' }]);
    const rows = (
      await db.pool.query(
        'SELECT name, required_level, priority, ST_IsValid(geom) AS valid, GeometryType(geom) AS t, admin_area_id IS NOT NULL AS in_area FROM targets ORDER BY name',
      )
    ).rows;
    expect(rows).toEqual([
      { name: 'valid hotspot', required_level: 'observe', priority: 2, valid: true, t: 'POLYGON', in_area: true },
      { name: '自相交热点', required_level: 'observe', priority: 1, valid: true, t: 'MULTIPOLYGON', in_area: true },
    ]);
  });
  it('uses --level when given and refuses an unknown level name', async () => {
    await expect(
      importTargets(db.pool, sourceFromFile(fx('targets-bowtie.geojson')), { class: 'crowded_place', level: 'superb' }),
    ).rejects.toThrow(/superb/);
    const r = await importTargets(db.pool, sourceFromFile(fx('targets-bowtie.geojson')), {
      class: 'crowded_place',
      level: 'identify',
      commit: false,
    });
    expect(r.committed).toBe(false);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM targets WHERE class = 'crowded_place'")).rows[0].n).toBe(0);
  });
});

describe('target layers from shapefiles', () => {
  it('reads a zipped shapefile in GBK with a projected .prj, reprojects it and repairs the bow-tie', async () => {
    // Around 118.78 E, 32.04 N in UTM 50N metres: a square and a self-intersecting bow-tie.
    const x0 = 667_900;
    const y0 = 3_546_600;
    const features = [
      {
        ring: [
          [x0, y0],
          [x0, y0 + 100],
          [x0 + 100, y0 + 100],
          [x0 + 100, y0],
          [x0, y0],
        ] as [number, number][],
        props: { name: '学校广场' },
      },
      {
        ring: [
          [x0 + 200, y0],
          [x0 + 300, y0 + 100],
          [x0 + 300, y0],
          [x0 + 200, y0 + 100],
          [x0 + 200, y0],
        ] as [number, number][],
        props: { name: '集贸市场' },
      },
    ];
    const zip = zipFiles({
      'places.shp': polygonShp(features),
      'places.dbf': textDbf(features, gbk),
      'places.prj': Buffer.from(UTM50N_PRJ),
      'places.cpg': Buffer.from('GBK'),
    });
    const r = await importTargets(db.pool, sourceFromBuffer('places.zip', zip), { class: 'crowded_place', commit: true });
    expect(r).toMatchObject({ added: 2, rejected: [] });
    expect(r.repaired.map((x) => x.feature)).toEqual([2]);
    const rows = (
      await db.pool.query(
        "SELECT name, ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat, ST_IsValid(geom) AS valid FROM targets WHERE source = 'import:places.zip' ORDER BY name",
      )
    ).rows;
    expect(rows.map((x) => x.name).sort()).toEqual(['学校广场', '集贸市场'].sort());
    for (const row of rows) {
      expect(row.valid).toBe(true);
      expect(row.lon).toBeGreaterThan(118.7);
      expect(row.lon).toBeLessThan(118.9);
      expect(row.lat).toBeGreaterThan(32.0);
      expect(row.lat).toBeLessThan(32.1);
    }
  });
  it('refuses a zip bomb posing as a zipped shapefile', async () => {
    await expect(
      importTargets(db.pool, sourceFromBuffer('bomb.zip', zipOfZeros('a.shp', 8 * 1024 * 1024)), { class: 'hotspot', commit: true }),
    ).rejects.toThrow(/zip bomb/);
  });
});

/** A FeatureCollection of the given features (each a GeoJSON object or a raw JSON text). */
function collection(features: unknown[]): Buffer {
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
}
const square = (lon: number, lat: number, props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: props,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + 0.001, lat],
        [lon + 0.001, lat + 0.001],
        [lon, lat + 0.001],
        [lon, lat],
      ],
    ],
  },
});

describe('limits of one vector import (issue 15 item 1)', () => {
  // Before: target and area files were read whole and every rejected feature was listed, with no
  // limit on features or rejections; these options did not exist.
  it('stops before the feature past --max-rows, says so, and writes nothing even when asked to commit', async () => {
    const file = collection([1, 2, 3].map((i) => square(118.7 + i / 100, 32, { name: `limit ${i}` })));
    const r = await importTargets(db.pool, sourceFromBuffer('limit-rows.geojson', file), { class: 'road', commit: true, maxRows: 2 });
    expect(r.stopped).toMatchObject({ reason: 'row_limit', row: 3 });
    expect(r.stopped?.message).toMatch(/more than 2 features/);
    expect(r.committed).toBe(false);
    expect(r.counts).toEqual({ features: 2, repaired: 0, rejected: 0 });
    expect((await db.pool.query("SELECT count(*)::int AS n FROM targets WHERE source = 'import:limit-rows.geojson'")).rows[0].n).toBe(0);
  });
  it('stops exactly at --max-rejections, counting what it read, and lists the rejected features', async () => {
    const file = collection([{}, { type: 'Feature', geometry: null }, square(118.75, 32.01), {}, {}, square(118.76, 32.01)]);
    const r = await importTargets(db.pool, sourceFromBuffer('limit-rej.geojson', file), { class: 'road', maxRejections: 3 });
    expect(r.stopped).toMatchObject({ reason: 'rejection_limit', row: 5 });
    expect(r.counts).toEqual({ features: 4, repaired: 0, rejected: 3 });
    expect(r.rejected.map((x) => x.feature)).toEqual([1, 2, 4]);
    expect(r.added).toBe(1);
    // The same file under the default limits runs to its end.
    const all = await importTargets(db.pool, sourceFromBuffer('limit-rej.geojson', file), { class: 'road' });
    expect(all.stopped).toBeNull();
    expect(all.counts).toEqual({ features: 6, repaired: 0, rejected: 4 });
  });
  it('counts every rejection but lists only the first 1,000', async () => {
    const file = collection(Array.from({ length: 1500 }, () => ({ type: 'Feature', geometry: null })));
    const r = await importTargets(db.pool, sourceFromBuffer('many.geojson', file), { class: 'road' });
    expect(r.counts).toEqual({ features: 1500, repaired: 0, rejected: 1500 });
    expect(r.rejected).toHaveLength(1000);
    expect(r.rejected.at(-1)).toEqual({ feature: 1000, reason: 'no geometry' });
  });
  it('links a town to its county when the town comes first in the file (features are no longer sorted in memory)', async () => {
    const file = collection([
      square(119.1, 32.1, { code: '320199001', name: '先到街道', level: 'town', parent_code: '320199' }),
      square(119.1, 32.1, { code: '320199', name: '后到区', level: 'county' }),
    ]);
    const r = await importAreas(db.pool, sourceFromBuffer('town-first.geojson', file), { commit: true });
    expect(r).toMatchObject({ added: 2, committed: true, rejected: [] });
    const row = (
      await db.pool.query("SELECT p.code AS parent FROM admin_areas a JOIN admin_areas p ON p.id = a.parent_id WHERE a.code = '320199001'")
    ).rows;
    expect(row).toEqual([{ parent: '320199' }]);
  });
  it('refuses JSON that goes on after the document, naming the file and where, and writes nothing', async () => {
    const text = Buffer.concat([collection([square(119.2, 32.2, { name: 'trailing' })]), Buffer.from(' {"features":[]}')]);
    await expect(importTargets(db.pool, sourceFromBuffer('trailing.geojson', text), { class: 'hotspot', commit: true })).rejects.toThrow(
      /trailing\.geojson: text after the end of the JSON document/,
    );
    expect((await db.pool.query("SELECT count(*)::int AS n FROM targets WHERE source = 'import:trailing.geojson'")).rows[0].n).toBe(0);
  });
  it('refuses a .shp record that declares more than 16 MiB before the shapefile reader allocates it', async () => {
    const features = [
      {
        ring: [
          [118.7, 32],
          [118.71, 32],
          [118.71, 32.01],
          [118.7, 32],
        ] as [number, number][],
        props: { name: 'big' },
      },
    ];
    const shp = polygonShp(features);
    shp.writeInt32BE(0x7fffffff, 104); // the first record's content length, in 16-bit words
    const zip = zipFiles({ 'big.shp': shp, 'big.dbf': textDbf(features) });
    await expect(importTargets(db.pool, sourceFromBuffer('big.zip', zip), { class: 'hotspot' })).rejects.toThrow(
      /big\.zip: a \.shp record at byte 100 declares \d+ bytes \(limit 16777216\)/,
    );
  });
});

/** GBK bytes of a string (Node has a GBK decoder but no encoder; the two test names suffice). */
function gbk(s: string): Buffer {
  const table: Record<string, number[]> = {
    学: [0xd1, 0xa7],
    校: [0xd0, 0xa3],
    广: [0xb9, 0xe3],
    场: [0xb3, 0xa1],
    集: [0xbc, 0xaf],
    贸: [0xc3, 0xb3],
    市: [0xca, 0xd0],
  };
  return Buffer.from([...s].flatMap((ch) => table[ch] ?? [...Buffer.from(ch)]));
}
