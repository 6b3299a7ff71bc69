// Exports speak the glossary (issue 17: CSV headers were raw snake_case codes while the UI and
// the report used words), Chinese first and English on request, and an exported ledger still
// imports; the report's font is served by our own server, to logged-in users only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMERA_COLUMNS } from '../../../api/domain/exports/export-records';
import { importCameraLedger } from '../../../gis-data/ledger/import-ledger';
import { sourceFromBuffer } from '../../../gis-data/ledger/source';
import { term } from '../../../vocabulary/glossary';
import { insertCamera, SPOT } from '../../helpers/api-fixtures';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

const header = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')[0]!
    .split(',');

describe('exports in the glossary’s words', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    await db.pool.query(
      `INSERT INTO admin_areas (code, name, level, geom) VALUES ('610902', '汉滨区', 'county',
      ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.5)))`,
      [SPOT.lon, SPOT.lat],
    );
    await insertCamera(db.pool, { name: '兴安路口' });
    await insertCamera(db.pool, { name: 'Gate 2' });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('writes the camera CSV header in Chinese by default and in English with lang=en', async () => {
    const headers = await t.login('engineer');
    const zh = header(await (await t.app.request('/api/v1/exports/cameras.csv', { headers })).text());
    expect(zh).toEqual(['lon', 'lat', ...CAMERA_COLUMNS].map((c) => term('zh', 'column', c)));
    expect(zh).toContain('设备编码');
    const en = header(await (await t.app.request('/api/v1/exports/cameras.csv?lang=en', { headers })).text());
    expect(en).toEqual(['lon', 'lat', ...CAMERA_COLUMNS].map((c) => term('en', 'column', c)));
    for (const h of [...zh, ...en]) expect(h).not.toMatch(/^[a-z]+(_[a-z]+)+$/);
  });

  it('an exported ledger imports again in either language: every ledger column is recognised', async () => {
    const headers = await t.login('engineer');
    for (const lang of ['zh', 'en'] as const) {
      const csv = Buffer.from(await (await t.app.request(`/api/v1/exports/cameras.csv?lang=${lang}`, { headers })).arrayBuffer());
      const report = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', csv), { format: 'csv' });
      const mapped = new Set(Object.values(report.mapping));
      for (const col of ['device_id', 'name', 'type', 'lon', 'lat', 'height_m', 'azimuth_deg', 'hfov_deg', 'resolution_h', 'install_date'])
        expect(mapped.has(col as never), `${lang}: ${col}`).toBe(true);
      expect(report.counts.reject, lang).toBe(0);
      expect(report.counts.rows, lang).toBe(2);
    }
  });

  it('labels the blind-spot CSV and the report CSV from the glossary, and KML data with display names', async () => {
    const headers = await t.login('viewer');
    const spots = header(await (await t.app.request('/api/v1/exports/blind-spots.csv', { headers })).text());
    expect(spots).toContain(term('zh', 'column', 'target_name'));
    const report = header(await (await t.app.request('/api/v1/exports/coverage-report.csv?area=610902&lang=en', { headers })).text());
    expect(report).toContain('Description');
    const kml = await (await t.app.request('/api/v1/exports/cameras.kml', { headers: await t.login('engineer') })).text();
    expect(kml).toContain(`<Data name="device_id"><displayName>${term('zh', 'column', 'device_id')}</displayName>`);
  });

  it('serves the bundled font subsets the report names, and nothing else', async () => {
    const headers = await t.login('viewer');
    const html = await (await t.app.request('/api/v1/exports/coverage-report.html?area=610902', { headers })).text();
    const url = /url\((\/api\/v1\/fonts\/noto-sans-sc\/noto-sans-sc-latin-400-normal\.woff2)\)/.exec(html)![1]!;
    const res = await t.app.request(url, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(0, 4))).toBe('wOF2');
    expect((await t.app.request('/api/v1/fonts/noto-sans-sc/noto-sans-sc-nope-400-normal.woff2', { headers })).status).toBe(404);
    expect((await t.app.request('/api/v1/fonts/noto-sans-sc/..%2Fpackage.json', { headers })).status).toBe(400);
    expect((await t.app.request(url)).status).toBe(401);
  });
});
