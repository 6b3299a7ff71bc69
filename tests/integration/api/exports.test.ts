import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setThresholds } from '../../../api/domain/status/thresholds';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { insertCamera, SPOT } from '../../helpers/api-fixtures';
import { FORMULA_NAMES } from '../../helpers/hostile-files';
import { formatRate } from '../../../vocabulary/glossary';

describe('exports', () => {
  let db: TestDatabase;
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    headers = await t.login('engineer');
    await db.pool.query(
      `INSERT INTO admin_areas (code, name, level, geom) VALUES ('610902', '汉滨区 <County>', 'county',
      ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.5)))`,
      [SPOT.lon, SPOT.lat],
    );
    for (const name of FORMULA_NAMES) await insertCamera(db.pool, { name });
    const cam = await insertCamera(db.pool, { name: 'Gate <b>&</b>' });
    await db.pool.query(
      "UPDATE cameras SET admin_area_id = (SELECT id FROM admin_areas WHERE code = '610902'), onvif_password_enc = '\\x00'",
    );
    await db.pool.query("INSERT INTO camera_status (camera_id, state, since, last_poll_at) VALUES ($1, 'OK', now(), now())", [cam.id]);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('CSV opens in Excel with Chinese intact (BOM) and formula cells cannot run', async () => {
    const res = await t.app.request('/api/v1/exports/cameras.csv', { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/cameras\.csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const cells = text
      .split('\r\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => l.split(',').slice(3, 4)[0]!.replace(/^"|"$/g, ''));
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(text).toContain("'=cmd|");
    expect(text).toContain('汉滨区');
  });

  it('GeoJSON is a FeatureCollection of points with the ledger fields and no credentials', async () => {
    const res = await t.app.request('/api/v1/exports/cameras.geojson', { headers });
    const fc = (await res.json()) as { type: string; features: { geometry: { type: string }; properties: Record<string, unknown> }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(FORMULA_NAMES.length + 1);
    expect(fc.features[0]!.geometry.type).toBe('Point');
    expect(Object.keys(fc.features[0]!.properties).some((k) => /pass|onvif/i.test(k))).toBe(false);
  });

  it('KML escapes names, so a camera name cannot inject markup', async () => {
    const text = await (await t.app.request('/api/v1/exports/cameras.kml', { headers })).text();
    expect(text).toContain('Gate &lt;b&gt;&amp;&lt;/b&gt;');
    expect(text).not.toContain('<b>');
    expect(text.match(/<Placemark>/g)).toHaveLength(FORMULA_NAMES.length + 1);
  });

  it('the coverage report names the area, shows 在线率/完好率 against thresholds, and is safe to open', async () => {
    const res = await t.app.request('/api/v1/exports/coverage-report.html?area=610902', { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('汉滨区 &lt;County&gt;');
    expect(html).toContain('在线率');
    // 1 of 5 cameras polled, and working: the 4 never polled are no data (their own count), not offline.
    expect(html).toContain(formatRate('zh', 1));
    expect(html).toContain('5（未轮询 4；已轮询 1 台中在线 1，完好 1）');
    const raw = new Uint8Array(await (await t.app.request('/api/v1/exports/coverage-report.csv?area=610902', { headers })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(raw);
    expect(csv).toContain('working_rate');
    // The CSV carries the never-polled count beside the rates too (they are over the 1 polled).
    expect(csv).toMatch(/,cameras,now,5,\r?\n/);
    expect(csv).toMatch(/,cameras,polled,1,\r?\n/);
    expect(csv).toMatch(/,cameras,never_polled,4,\r?\n/);
    expect((await t.app.request('/api/v1/exports/coverage-report.html?area=999999', { headers })).status).toBe(404);
    // The county's own thresholds, as the command center judges it, not the city default.
    await setThresholds(db.pool, '610902', { online: 0.9, working: 0.85 }, { id: null, username: 'test' });
    const own = new TextDecoder().decode(
      await (await t.app.request('/api/v1/exports/coverage-report.csv?area=610902', { headers })).arrayBuffer(),
    );
    expect(own).toMatch(/online_rate,now,[\d.]+,0\.9\r?\n/);
    expect(own).toMatch(/working_rate,now,[\d.]+,0\.85\r?\n/);
  });

  it('blind spots export works before and after coverage is computed (an empty collection, not an error)', async () => {
    const res = await t.app.request('/api/v1/exports/blind-spots.geojson', { headers });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { type: string }).type).toBe('FeatureCollection');
  });

  it('viewers cannot export the camera ledger', async () => {
    expect((await t.app.request('/api/v1/exports/cameras.geojson', { headers: await t.login('viewer') })).status).toBe(403);
  });
});
