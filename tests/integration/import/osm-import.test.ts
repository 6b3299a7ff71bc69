// OSM import on the shared real files. The expected counts were checked independently of this
// code, with osmium-tool and PostGIS (2026-11-27):
//   osmium tags-filter <file> nwr/building nwr/highway -o b.osm
//   osmium export -f geojsonseq -x print_record_separator=false b.osm -o b.geojsonseq   (osmium builds the areas)
//   load each line into PostGIS, then, with the bounds this importer reports:
//     buildings = count(*) WHERE building AND ST_Intersects(ST_PointOnSurface(ST_MakeValid(geom)), bounds)
//     main road km = sum(ST_Length(ST_Intersection(geom, bounds)::geography)) for motorway…tertiary lines
//   Nanjing: 1,230 buildings, 23.4 km main road, 16.1 km target road (motorway/trunk/primary/secondary).
//   Monaco: 4,593 buildings, 40.8 km main road: osmium drops the 4 primary ways that the extract cut
//   (w4246253, w788199639, w788588451, w788622810, 2.3 km inside the bounds), which this importer
//   keeps, split at the missing nodes, so it reports 43.1 km.
//   Intersections: an independent Python script over `osmium cat -f opl` (arms per node ≥ 3 from ≥ 2
//   ways of the graph classes, union-find merge at 20 m by haversine, centroid inside the bounds)
//   gives 260 for Nanjing and 495 for Monaco; this importer gives 494 for Monaco because one pair of
//   junction nodes lies 20.0 m apart and merges under its local flat-earth distance.
//   Cameras: `osmium tags-filter monaco-2025.osm.pbf n/man_made=surveillance` → 16 nodes; 3 carry
//   camera:direction (`osmium cat -f opl | grep -c camera:direction`).
// The data README's "about 270 intersections / about 900" used another definition; see docs/cli.md.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { importOsm } from '../../../gis-data/osm/import-osm';
import { sourceFromFile } from '../../../gis-data/ledger/source';
import { parseDeviceId } from '../../../gis-data/device-id';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const NANJING = join(repoRoot, '..', 'shared', 'data', 'osm', 'nanjing-xinjiekou.osm');
const MONACO = join(repoRoot, '..', 'shared', 'data', 'osm', 'monaco-2025.osm.pbf');
const JUNCTIONS = join(import.meta.dirname, '../../fixtures/import/junctions.osm');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function setting(key: string): Promise<unknown> {
  return (await db.pool.query('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value;
}

describe('import osm on a small fixture', () => {
  it('loads junctions, the school and the camera with a valid derived device id', async () => {
    const r = await importOsm(db.pool, sourceFromFile(JUNCTIONS), { adminCode: '32010600' });
    expect(r.boundsSource).toBe('file');
    expect(r.counts).toMatchObject({ cameras: 1, admin_areas: 1, targets: { intersection: 3, crowded_place: 1, road: 3 } });
    const cam = (await db.pool.query('SELECT device_id, name, type, azimuth_deg, provenance FROM cameras')).rows[0];
    expect(parseDeviceId(cam.device_id).ok).toBe(true);
    expect(cam.device_id.startsWith('32010600')).toBe(true);
    expect(cam).toMatchObject({ type: 'dome', azimuth_deg: 225 });
    expect(cam.name).toContain('node/50');
    expect(cam.provenance).toMatchObject({ hfov_deg: 'assumed', osm: { id: 'node/50' } });
    const area = (await db.pool.query('SELECT code, level FROM admin_areas')).rows[0];
    expect(area).toEqual({ code: '320106', level: 'county' });
  });
  it('refuses to replace a loaded area without --replace, and replaces it with it', async () => {
    await expect(importOsm(db.pool, sourceFromFile(JUNCTIONS))).rejects.toThrow(/--replace/);
    const r = await importOsm(db.pool, sourceFromFile(JUNCTIONS), { replace: true });
    expect(r.counts.cameras).toBe(1);
  });
});

describe('import osm on the shared real extracts', () => {
  it.skipIf(!existsSync(NANJING))(
    'Nanjing Xinjiekou (needs ../shared/data/osm/nanjing-xinjiekou.osm): counts match the osmium check',
    async () => {
      const r = await importOsm(db.pool, sourceFromFile(NANJING), { replace: true });
      expect(r.boundsSource).toBe('standalone-nodes');
      // The data README's core area is 118.7633,32.0358 – 118.7960,32.0519.
      r.bounds.forEach((v, i) => expect(v).toBeCloseTo([118.7633, 32.0358, 118.796, 32.0519][i]!, 3));
      expect(r.stats).toMatchObject({ buildings: 1230, mainRoadKm: 23.4, targetRoadKm: 16.1, intersections: 260, cameras: 0 });
      expect(r.metricSrid).toBe(32650);
      expect(await setting('metric_srid')).toBe(32650);
      expect(await setting('dataset')).toMatchObject({
        name: 'nanjing-xinjiekou.osm',
        source: 'osm',
        generated: false,
        attribution: '© OpenStreetMap contributors',
      });
      const crowded = (await db.pool.query("SELECT kind, count(*)::int AS n FROM targets WHERE class = 'crowded_place' GROUP BY 1")).rows;
      expect(crowded.map((c) => c.kind)).toEqual(expect.arrayContaining(['school', 'hospital', 'subway_entrance']));
    },
  );

  it.skipIf(!existsSync(MONACO))(
    'Monaco PBF (needs ../shared/data/osm/monaco-2025.osm.pbf): 16 cameras, 3 with a direction, counts match the osmium check',
    async () => {
      const r = await importOsm(db.pool, sourceFromFile(MONACO), { replace: true });
      expect(r.stats).toMatchObject({ buildings: 4593, mainRoadKm: 43.1, intersections: 494, cameras: 16, camerasWithDirection: 3 });
      expect(r.metricSrid).toBe(32632);
      const ids = (await db.pool.query('SELECT device_id FROM cameras')).rows.map((x) => x.device_id as string);
      expect(new Set(ids).size).toBe(16);
      expect(ids.every((id) => parseDeviceId(id).ok)).toBe(true);
      const invalid = (await db.pool.query('SELECT count(*)::int AS n FROM buildings WHERE NOT ST_IsValid(geom)')).rows[0].n;
      expect(invalid).toBe(0);
    },
  );
});
