// The Switzerland Overpass file (2,144 man_made=surveillance nodes) through the ledger import.
// Independent check of the numbers (jq over the raw file):
//   jq 'length'                                                   → 2144 elements
//   jq '[.[] | select(.tags["surveillance:type"] // "camera" | IN("camera","ALPR") | not)] | length' → 6 non-cameras
//   (4 webcam, 2 guard), so 2,138 camera rows. With CAM = select(.tags["surveillance:type"] // "camera" | IN("camera","ALPR")):
//   jq '[.[] | CAM and (.tags["camera:direction"] != null or .tags.direction != null)] | length' → 525 with a direction
//   jq '[.[] | CAM and .tags["camera:angle"] != null] | length' → 210 with camera:angle, of which 7 are
//   120, 180 or 360 (a field of view in the wrong tag, not a tilt) and are ignored → 203 tilts
//   (one is written "15°");
//   jq '[.[] | CAM and .tags["camera:type"] == "panning"] | length' → 60 PTZ.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { importCameraLedger } from '../../../gis-data/ledger/import-ledger';
import { sourceFromFile } from '../../../gis-data/ledger/source';

const FILE = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'cameras', 'switzerland-osm-cameras.overpass.json');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('Switzerland OSM cameras', () => {
  it.skipIf(!existsSync(FILE))('dry run then commit (needs ../shared/data/cameras/switzerland-osm-cameras.overpass.json)', async () => {
    const dry = await importCameraLedger(db.pool, sourceFromFile(FILE));
    expect(dry).toMatchObject({
      format: 'osm-json',
      committed: false,
      counts: { rows: 2138, skipped: 6, add: 2138, reject: 0, assumed: 2138 },
    });
    const done = await importCameraLedger(db.pool, sourceFromFile(FILE), { commit: true });
    expect(done.committed).toBe(true);
    const stats = (
      await db.pool.query(`SELECT count(*)::int AS n, count(azimuth_deg)::int AS with_direction, count(tilt_deg)::int AS with_tilt,
      count(*) FILTER (WHERE type = 'ptz')::int AS ptz FROM cameras`)
    ).rows[0];
    expect(stats).toEqual({ n: 2138, with_direction: 525, with_tilt: 203, ptz: 60 });
  });
  it.skipIf(!existsSync(FILE))('against a loaded Chinese area every camera is rejected as outside it', async () => {
    await db.pool.query(`INSERT INTO settings (key, value) VALUES ('dataset', '{"bounds":[118.76,32.03,118.80,32.06]}')
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
    const r = await importCameraLedger(db.pool, sourceFromFile(FILE), { commit: true });
    expect(r.committed).toBe(false);
    expect(r.counts.reject).toBe(2138);
    expect(new Set(r.rejections.map((x) => x.code))).toEqual(new Set(['outside_area']));
  });
});
