// Issue 14, "Projection": importing targets and cameras into a database without an OSM import
// left the metric projection at EPSG:3857, so at Nanjing's 32° N every length came out 1.18×
// and every area 1.39× too large, and the rates fell (a camera's range in metres was laid out
// in Mercator units). The first import of any kind into an empty dataset now sets the UTM zone
// of its data, as the OSM import does, and no figure is computed in 3857.
//
// Real data: the Nanjing Xinjiekou extract (../shared/data). Database A imports the OSM file
// (which always set the zone); its targets go out as GeoJSON files and, with one camera ledger,
// into an empty database B through `import targets` and `import cameras`. The geodesic reference
// is PostGIS geography (lengths and areas on the WGS-84 ellipsoid, GeographicLib's algorithms),
// independent of any planar projection.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { importOsm } from '../../../gis-data/osm/import-osm';
import { importCameraLedger } from '../../../gis-data/ledger/import-ledger';
import { importAreas, importTargets } from '../../../gis-data/targets-import/import-targets';
import { sourceFromBuffer, sourceFromFile } from '../../../gis-data/ledger/source';
import { recomputeCoverage } from '../../../coverage-engine/recompute';
import { queryRates } from '../../../coverage-engine/rates';
import { loadCoverageSettings } from '../../../coverage-engine/settings';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const NANJING = join(repoRoot, '..', 'shared', 'data', 'osm', 'nanjing-xinjiekou.osm');
const CLASSES = ['road', 'intersection', 'crowded_place'] as const;

async function setting(db: TestDatabase, key: string): Promise<unknown> {
  return (await db.pool.query('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value;
}

/** One GeoJSON file per target class, as a GIS department would hand them over. */
async function exportTargets(db: TestDatabase, dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const cls of CLASSES) {
    const { rows } = await db.pool.query<{ fc: unknown }>(
      `SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object(
         'type', 'Feature', 'geometry', ST_AsGeoJSON(geom, 12)::json,
         'properties', json_build_object('id', source_ref, 'name', name, 'kind', kind)) ORDER BY id)) AS fc
       FROM targets WHERE class = $1`,
      [cls],
    );
    out[cls] = join(dir, `${cls}.geojson`);
    writeFileSync(out[cls], JSON.stringify(rows[0]!.fc));
  }
  return out;
}

/** A ledger of 60 fixed cameras at the first intersections, two looking each way along x and y. */
async function ledgerCsv(db: TestDatabase): Promise<Buffer> {
  const { rows } = await db.pool.query<{ lon: number; lat: number }>(
    "SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM targets WHERE class = 'intersection' ORDER BY source_ref LIMIT 30",
  );
  const lines = ['device_id,name,type,lon,lat,height_m,azimuth_deg,tilt_deg,hfov_deg,vfov_deg,resolution_h,resolution_v'];
  rows.forEach((r, i) => {
    for (const [k, az] of [0, 135].entries()) {
      const serial = String(i * 2 + k + 1).padStart(6, '0');
      lines.push(`32010600001320${serial},cam ${i}-${k},fixed,${r.lon},${r.lat},6,${az},12,70,42,1920,1080`);
    }
  });
  return Buffer.from(`${lines.join('\n')}\n`);
}

const rel = (a: number, b: number) => Math.abs(a - b) / b;

describe.skipIf(!existsSync(NANJING))('metric projection of imported data (needs ../shared/data/osm/nanjing-xinjiekou.osm)', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let dir: string;
  let files: Record<string, string>;
  let ledger: Buffer;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    dir = mkdtempSync(join(tmpdir(), 'xl-proj-'));
    await importOsm(a.pool, sourceFromFile(NANJING));
    files = await exportTargets(a, dir);
    ledger = await ledgerCsv(a);
    // A's reference figures: the same cameras, and no buildings, since B has none to hide behind.
    await a.pool.query('DELETE FROM buildings');
    const r = await importCameraLedger(a.pool, sourceFromBuffer('cameras.csv', ledger), { commit: true });
    expect(r.committed).toBe(true);
    await recomputeCoverage(a.pool, { history: false });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets the UTM zone of the data on the first import into an empty dataset, not EPSG:3857', async () => {
    expect(await setting(b, 'metric_srid')).toBeUndefined();
    const r = await importTargets(b.pool, sourceFromFile(files.road!), { class: 'road', commit: true });
    const afterFirst = await setting(b, 'metric_srid');
    for (const cls of ['intersection', 'crowded_place'] as const)
      await importTargets(b.pool, sourceFromFile(files[cls]!), { class: cls, commit: true });
    const cams = await importCameraLedger(b.pool, sourceFromBuffer('cameras.csv', ledger), { commit: true });
    expect(r.added).toBeGreaterThan(10);
    expect(cams.counts.add).toBe(60);
    expect(afterFirst).toBe(32650);
    expect(await setting(b, 'metric_srid')).toBe(32650);
  });

  it('a dry run sets nothing: the zone comes with the first committed data', async () => {
    const c = await createTestDatabase();
    try {
      await importTargets(c.pool, sourceFromFile(files.road!), { class: 'road' });
      await importCameraLedger(c.pool, sourceFromBuffer('cameras.csv', ledger));
      expect(await setting(c, 'metric_srid')).toBeUndefined();
      await importCameraLedger(c.pool, sourceFromBuffer('cameras.csv', ledger), { commit: true });
      expect(await setting(c, 'metric_srid')).toBe(32650);
    } finally {
      await c.drop();
    }
  });

  it('measures road lengths, place and intersection areas and footprints within 0.1 % of the geodesic ones', async () => {
    await recomputeCoverage(b.pool, { history: false });
    const { rows } = await b.pool.query<{ class: string; planar: number; geodesic: number }>(
      `SELECT class,
              sum(CASE WHEN ST_Dimension(geom_m) = 1 THEN ST_Length(geom_m) ELSE ST_Area(geom_m) END) AS planar,
              sum(CASE WHEN ST_Dimension(geom_m) = 1 THEN ST_Length(ST_Transform(geom_m, 4326)::geography)
                       ELSE ST_Area(ST_Transform(geom_m, 4326)::geography) END) AS geodesic
       FROM coverage_target_parts GROUP BY class ORDER BY class`,
    );
    expect(rows.map((r) => r.class)).toEqual(['crowded_place', 'intersection', 'road']);
    for (const r of rows) expect(rel(r.planar, r.geodesic), r.class).toBeLessThan(0.001);
    // The targets as imported (EPSG:4326) measured on the ellipsoid, against the engine's totals.
    const s = await loadCoverageSettings(b.pool);
    const city = (await queryRates(b.pool, s, { mode: 'design' })).find((x) => x.areaId === null)!.classes;
    const truth = (
      await b.pool.query<{ class: string; m: number }>(
        `SELECT class, sum(CASE WHEN class = 'road' THEN ST_Length(geom::geography) ELSE ST_Area(geom::geography) END) AS m
         FROM targets WHERE class IN ('road', 'crowded_place') GROUP BY class`,
      )
    ).rows;
    for (const t of truth) expect(rel(city[t.class as 'road']!.total, t.m), t.class).toBeLessThan(0.001);
    // An intersection's disc is 20 m in radius on the ground.
    const disc = (await b.pool.query<{ m2: number }>("SELECT avg(measure) AS m2 FROM coverage_target_parts WHERE class = 'intersection'"))
      .rows[0]!.m2;
    expect(rel(disc, Math.PI * 20 * 20)).toBeLessThan(0.01);
    const fp = (
      await b.pool.query<{ planar: number; geodesic: number; n: number }>(
        'SELECT sum(ST_Area(geom_m)) AS planar, sum(ST_Area(ST_Transform(geom_m, 4326)::geography)) AS geodesic, count(*)::int AS n FROM camera_footprints',
      )
    ).rows[0]!;
    expect(fp.n).toBeGreaterThan(0);
    expect(rel(fp.planar, fp.geodesic)).toBeLessThan(0.001);
  });

  it('gives the same rates as the OSM import of the same data (not off by cos φ)', async () => {
    const rates = async (db: TestDatabase) =>
      (await queryRates(db.pool, await loadCoverageSettings(db.pool), { mode: 'design' })).find((x) => x.areaId === null)!.classes;
    const [ra, rb] = await Promise.all([rates(a), rates(b)]);
    for (const cls of CLASSES) {
      expect(rb[cls]!.rate, cls).toBeCloseTo(ra[cls]!.rate, 5);
      expect(rb[cls]!.covered, cls).toBeCloseTo(ra[cls]!.covered, 0);
    }
    // Covered ground per class, intersections' discs included (none is seen to 90 % by two cameras).
    const seen = async (db: TestDatabase) =>
      (
        await db.pool.query<{ class: string; m: number }>(
          `SELECT p.class, sum(r.covered) AS m FROM coverage_results r JOIN coverage_target_parts p ON p.id = r.part_id
           WHERE r.mode = 'design' GROUP BY p.class ORDER BY p.class`,
        )
      ).rows;
    const [sa, sb] = await Promise.all([seen(a), seen(b)]);
    expect(sb.map((r) => r.class)).toEqual(['crowded_place', 'intersection', 'road']);
    sb.forEach((r, i) => {
      expect(r.m, r.class).toBeGreaterThan(0);
      expect(rel(r.m, sa[i]!.m), r.class).toBeLessThan(1e-6);
    });
  });

  it('never computes in EPSG:3857: a recompute over data loaded without any loader sets the zone from the data first', async () => {
    const c = await createTestDatabase();
    try {
      await c.pool.query(
        `INSERT INTO targets (class, required_level, priority, source, geom)
         SELECT 'road', 'detect', 1, 'sql', ST_SetSRID(ST_MakeLine(ST_MakePoint(118.77, 32.04), ST_MakePoint(118.78, 32.04)), 4326)`,
      );
      await recomputeCoverage(c.pool, { history: false });
      expect(await setting(c, 'metric_srid')).toBe(32650);
      const m = (await c.pool.query<{ m: number }>('SELECT sum(measure) AS m FROM coverage_target_parts')).rows[0]!.m;
      const g = (await c.pool.query<{ m: number }>('SELECT ST_Length(geom::geography) AS m FROM targets')).rows[0]!.m;
      expect(rel(m, g)).toBeLessThan(0.001);
    } finally {
      await c.drop();
    }
  });

  it('an admin-area import into an empty dataset sets the zone too', async () => {
    const c = await createTestDatabase();
    try {
      const fc = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '320106', name: '鼓楼区', level: 'county' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [118.7, 32.0],
                  [118.8, 32.0],
                  [118.8, 32.1],
                  [118.7, 32.1],
                  [118.7, 32.0],
                ],
              ],
            },
          },
        ],
      };
      await importAreas(c.pool, sourceFromBuffer('areas.geojson', Buffer.from(JSON.stringify(fc))), { commit: true });
      expect(await setting(c, 'metric_srid')).toBe(32650);
    } finally {
      await c.drop();
    }
  });

  it('migration 0130 gives a dataset loaded without a zone its UTM zone and drops the coverage it measured in 3857', async () => {
    const c = await createTestDatabase();
    try {
      // The schema 0130 met: a table made later that references the parts (0170's memo) was not there.
      await c.pool.query('DROP TABLE coverage_subset_memo');
      // The state the old importers left: targets, no metric_srid, parts stored in Mercator metres.
      await c.pool.query(
        `INSERT INTO targets (class, required_level, priority, source, geom)
         SELECT 'road', 'detect', 1, 'sql', ST_SetSRID(ST_MakeLine(ST_MakePoint(118.77, 32.04), ST_MakePoint(118.78, 32.04)), 4326)`,
      );
      await c.pool.query(
        `INSERT INTO coverage_target_parts (target_id, part_no, class, required_level, measure, geom_m)
         SELECT id, 1, 'road', 'detect', ST_Length(ST_Transform(geom, 3857)), ST_Transform(geom, 3857) FROM targets`,
      );
      await c.pool.query(readFileSync(join(repoRoot, 'migrations', '0130_update_settings_metric_srid.sql'), 'utf8'));
      expect(await setting(c, 'metric_srid')).toBe(32650);
      expect((await c.pool.query('SELECT count(*)::int AS n FROM coverage_target_parts')).rows[0].n).toBe(0);
      // A dataset that has its zone is left alone, stored coverage included.
      await recomputeCoverage(c.pool, { history: false });
      const parts = (await c.pool.query('SELECT count(*)::int AS n FROM coverage_target_parts')).rows[0].n;
      await c.pool.query(readFileSync(join(repoRoot, 'migrations', '0130_update_settings_metric_srid.sql'), 'utf8'));
      expect((await c.pool.query('SELECT count(*)::int AS n FROM coverage_target_parts')).rows[0].n).toBe(parts);
    } finally {
      await c.drop();
    }
  });
});
