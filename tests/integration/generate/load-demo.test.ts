import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '../../../db/credentials';
import { UserFacingError } from '../../../db/errors';
import { isDataLoaded, loadGeneratedCity, type Counts } from '../../../gis-data/loaders/load-generated-city';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { rollups } from '../../../api/domain/status/status-repository';

describe('loading the generated demo county into PostGIS', () => {
  let db: TestDatabase;
  let counts: Counts;
  let loadedBefore: boolean;
  beforeAll(async () => {
    db = await createTestDatabase();
    loadedBefore = await isDataLoaded(db.pool);
    counts = await loadGeneratedCity(db.pool, { scale: 'demo', seed: 1, replace: false });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('reports an empty database as not loaded and a loaded one as loaded, so npm start loads the demo once', async () => {
    expect(loadedBefore).toBe(false);
    expect(await isDataLoaded(db.pool)).toBe(true);
  });

  it('writes exactly the rows it reports, fast enough for a first npm start', async () => {
    const { rows } = await db.pool.query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM cameras)::int AS cameras, (SELECT count(*) FROM targets)::int AS targets,
      (SELECT count(*) FROM buildings)::int AS buildings, (SELECT count(*) FROM roads)::int AS roads,
      (SELECT count(*) FROM admin_areas)::int AS admin_areas, (SELECT count(*) FROM places)::int AS places,
      (SELECT count(*) FROM water)::int AS water,
      (SELECT count(*) FROM camera_status_events)::int AS camera_status_events,
      (SELECT count(*) FROM camera_status_daily)::int AS camera_status_daily`);
    const { settings: _settings, ...tables } = counts.tables;
    expect(rows[0]).toEqual(tables);
    expect(counts.tables.cameras).toBe(2_000);
    expect(counts.timings.totalMs).toBeLessThan(20_000);
  });

  // The deadline view read 在线率/完好率 at 2020-12-31 as "—" on the demo: its generated history had
  // status events but no daily records, which the roll-ups read.
  it("gives the deadline day daily records that agree with the generated events, read by the fleet's roll-up", async () => {
    const [fleet] = await rollups(db.pool, { level: 'all', period: 'day', from: '2020-12-31', to: '2020-12-31' });
    expect(fleet?.onlineRateTimeWeighted).not.toBeNull();
    // The same day integrated straight from the events (the health vocabulary: online = every
    // observed state but the OFFLINE group's; working = OK), clipped to the local day.
    const { rows } = await db.pool.query<{ online: number; working: number }>(`
      WITH day AS (SELECT '2020-12-31T00:00:00+08:00'::timestamptz AS a, '2021-01-01T00:00:00+08:00'::timestamptz AS b),
      spans AS (
        SELECT e.state, greatest(e.at, day.a) AS f,
               least(coalesce(lead(e.at) OVER (PARTITION BY e.camera_id ORDER BY e.at, e.id), day.b), day.b,
                     coalesce((c.removal_date::timestamp AT TIME ZONE 'Asia/Shanghai'), day.b)) AS t
        FROM camera_status_events e JOIN cameras c ON c.id = e.camera_id, day)
      SELECT sum(extract(epoch FROM t - f) * (state NOT IN ('UNREACHABLE', 'NO_RESPONSE', 'PROTOCOL_ERROR'))::int) / sum(extract(epoch FROM t - f)) AS online,
             sum(extract(epoch FROM t - f) * (state = 'OK')::int) / sum(extract(epoch FROM t - f)) AS working
      FROM spans WHERE t > f`);
    expect(fleet!.onlineRateTimeWeighted!).toBeCloseTo(Number(rows[0]!.online), 6);
    expect(fleet!.workingRateTimeWeighted!).toBeCloseTo(Number(rows[0]!.working), 6);
    expect(fleet!.workingRateTimeWeighted!).toBeLessThan(fleet!.onlineRateTimeWeighted!);
  });

  it('stores only valid geometries, so tiles and coverage never trip over a broken polygon', async () => {
    const { rows } = await db.pool.query<{ tbl: string; n: number }>(`
      SELECT 'cameras' AS tbl, count(*)::int AS n FROM cameras WHERE NOT ST_IsValid(geom)
      UNION ALL SELECT 'targets', count(*)::int FROM targets WHERE NOT ST_IsValid(geom)
      UNION ALL SELECT 'buildings', count(*)::int FROM buildings WHERE NOT ST_IsValid(geom)
      UNION ALL SELECT 'roads', count(*)::int FROM roads WHERE NOT ST_IsValid(geom)
      UNION ALL SELECT 'water', count(*)::int FROM water WHERE NOT ST_IsValid(geom)
      UNION ALL SELECT 'admin_areas', count(*)::int FROM admin_areas WHERE NOT ST_IsValid(geom)`);
    expect(rows.filter((r) => r.n > 0)).toEqual([]);
  });

  it('puts every camera inside its town, inside the county and out of the river', async () => {
    const { rows } = await db.pool.query<{ outside_town: number; outside_county: number; in_water: number }>(`SELECT
      (SELECT count(*) FROM cameras c JOIN admin_areas t ON t.id = c.admin_area_id WHERE t.level <> 'town' OR NOT ST_Covers(t.geom, c.geom))::int AS outside_town,
      (SELECT count(*) FROM cameras c WHERE NOT EXISTS (SELECT 1 FROM admin_areas a WHERE a.level = 'county' AND ST_Covers(a.geom, c.geom)))::int AS outside_county,
      (SELECT count(*) FROM cameras c JOIN water w ON ST_Intersects(w.geom, c.geom))::int AS in_water`);
    expect(rows[0]).toEqual({ outside_town: 0, outside_county: 0, in_water: 0 });
  });

  it('mounts no camera inside a building footprint, where it could see nothing', async () => {
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(DISTINCT c.id)::int AS n FROM cameras c JOIN buildings b ON ST_Intersects(b.geom, c.geom)',
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('gives every target a town whose polygon holds it, so coverage rolls up county → town', async () => {
    const { rows } = await db.pool.query<{ missing: number; elsewhere: number }>(`SELECT
      (SELECT count(*) FROM targets WHERE admin_area_id IS NULL)::int AS missing,
      (SELECT count(*) FROM targets t JOIN admin_areas a ON a.id = t.admin_area_id
        WHERE t.class = 'intersection' AND NOT ST_Covers(a.geom, t.geom))::int AS elsewhere`);
    expect(rows[0]).toEqual({ missing: 0, elsewhere: 0 });
  });

  it('writes the dataset settings other parts read (metric SRID, generated dataset, standard)', async () => {
    const { rows } = await db.pool.query<{ key: string; value: unknown }>(
      `SELECT key, value FROM settings WHERE key IN ('metric_srid', 'dataset', 'standard') ORDER BY key`,
    );
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    expect(byKey.metric_srid).toBe(32649);
    expect(byKey.standard).toBe('dori-2015');
    expect(byKey.dataset).toMatchObject({ source: 'generated', generated: true, attribution: null, seed: 1, scale: 'demo' });
    const bounds = (byKey.dataset as { bounds: number[] }).bounds;
    expect(bounds[0]).toBeLessThan(109.0);
    expect(bounds[2]).toBeGreaterThan(109.0);
    const { rows: srid } = await db.pool.query<{ srid: number }>('SELECT xl_metric_srid() AS srid');
    expect(srid[0]?.srid).toBe(32649);
  });

  it('stores the simulator address and an encrypted demo password for every camera', async () => {
    const { rows } = await db.pool.query<{ device_id: string; onvif_url: string; onvif_user: string; onvif_password_enc: Buffer }>(
      `SELECT device_id, onvif_url, onvif_user, onvif_password_enc FROM cameras ORDER BY id LIMIT 3`,
    );
    for (const r of rows) {
      expect(r.onvif_url).toBe(`http://127.0.0.1:18080/onvif/${r.device_id}/device_service`);
      expect(r.onvif_user).toBe('admin');
      expect(decryptSecret(r.onvif_password_enc)).toBe(process.env.XUELIANG_DEMO_CAMERA_PASSWORD ?? 'demo-camera-pass');
    }
  });

  it("stores every camera's resource class, mostly 一类 with some 二类 and 三类", async () => {
    const { rows } = await db.pool.query<{ cls: number | null; n: number }>(
      'SELECT resource_class AS cls, count(*)::int AS n FROM cameras GROUP BY 1 ORDER BY 1',
    );
    expect(rows.map((r) => r.cls)).toEqual([1, 2, 3]);
    expect(rows[0]!.n).toBeGreaterThan(rows[1]!.n + rows[2]!.n);
  });

  it('refuses to overwrite a loaded dataset without replace, and changes nothing', async () => {
    await expect(loadGeneratedCity(db.pool, { scale: 'demo', seed: 2, replace: false })).rejects.toBeInstanceOf(UserFacingError);
    const { rows } = await db.pool.query<{ seed: number }>(`SELECT (value->>'seed')::int AS seed FROM settings WHERE key = 'dataset'`);
    expect(rows[0]?.seed).toBe(1);
  });

  it('replaces the dataset with --replace, renumbering from 1 so a reload is reproducible', async () => {
    const again = await loadGeneratedCity(db.pool, { scale: 'demo', seed: 1, replace: true });
    expect(again.tables).toEqual(counts.tables);
    const { rows } = await db.pool.query<{ min: string; n: number }>('SELECT min(id)::text AS min, count(*)::int AS n FROM cameras');
    expect(rows[0]).toEqual({ min: '1', n: 2_000 });
  });
});
