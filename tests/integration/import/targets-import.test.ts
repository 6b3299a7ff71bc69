import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { importAreas, importTargets } from '../../../gis-data/targets-import/import-targets';
import { sourceFromFile } from '../../../gis-data/ledger/source';

const fx = (name: string): string => join(import.meta.dirname, '../../fixtures/import', name);
let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db.drop(); });

describe('admin areas and target layers from GeoJSON', () => {
  it('loads areas with codes, repairs a self-intersecting town and reports it, rejects one without a code', async () => {
    const r = await importAreas(db.pool, sourceFromFile(fx('areas.geojson')), { commit: true });
    expect(r.added).toBe(2);
    expect(r.repaired).toEqual([{ feature: 2, reason: expect.stringMatching(/Self-intersection.*ST_MakeValid/) }]);
    expect(r.rejected).toEqual([{ feature: 3, reason: expect.stringMatching(/code/) }]);
    const rows = (await db.pool.query('SELECT a.code, a.level, p.code AS parent, ST_IsValid(a.geom) AS valid FROM admin_areas a LEFT JOIN admin_areas p ON p.id = a.parent_id ORDER BY a.code')).rows;
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
    const rows = (await db.pool.query("SELECT name, required_level, priority, ST_IsValid(geom) AS valid, GeometryType(geom) AS t, admin_area_id IS NOT NULL AS in_area FROM targets ORDER BY name")).rows;
    expect(rows).toEqual([
      { name: 'valid hotspot', required_level: 'observe', priority: 2, valid: true, t: 'POLYGON', in_area: true },
      { name: '自相交热点', required_level: 'observe', priority: 1, valid: true, t: 'MULTIPOLYGON', in_area: true },
    ]);
  });
  it('uses --level when given and refuses an unknown level name', async () => {
    await expect(importTargets(db.pool, sourceFromFile(fx('targets-bowtie.geojson')), { class: 'crowded_place', level: 'superb' })).rejects.toThrow(/superb/);
    const r = await importTargets(db.pool, sourceFromFile(fx('targets-bowtie.geojson')), { class: 'crowded_place', level: 'identify', commit: false });
    expect(r.committed).toBe(false);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM targets WHERE class = 'crowded_place'")).rows[0].n).toBe(0);
  });
});
