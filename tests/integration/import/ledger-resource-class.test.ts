// Resource class (一类/二类/三类) and owner from the ledger: Chinese and English headers, the
// class kept when a later ledger leaves it empty, an unknown class a per-row error naming the
// row and the column (the rest of the file is not lost with --skip-invalid).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCameraLedger } from '../../../gis-data/ledger/import-ledger';
import { sourceFromBuffer } from '../../../gis-data/ledger/source';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { term } from '../../../vocabulary/glossary';

let db: TestDatabase;
let t: TestApp;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(
    `INSERT INTO settings (key, value) VALUES ('dataset', '{"name":"test","source":"osm","generated":false,"bounds":[118.76,32.03,118.80,32.06],"attribution":null,"seed":null}')`,
  );
  t = await createTestApp(db);
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

const file = (name: string, lines: string[]) => sourceFromBuffer(name, Buffer.from(lines.join('\n')));
const classes = async () =>
  (
    await db.pool.query<{ device_id: string; resource_class: number | null; owner_unit: string | null }>(
      'SELECT device_id, resource_class, owner_unit FROM cameras ORDER BY device_id',
    )
  ).rows.map((r) => [r.device_id.slice(-2), r.resource_class, r.owner_unit]);

describe('resource class in the ledger', () => {
  it('imports 资源类别 and 建设单位 (Chinese headers)', async () => {
    const r = await importCameraLedger(
      db.pool,
      file('zh.csv', [
        '设备编码,点位名称,经度,纬度,资源类别,建设单位',
        '32010600001320000061,一,118.78,32.041,一类,市公安局',
        '32010600001320000062,二,118.78,32.042,二类,市交通运输局',
        '32010600001320000063,三,118.78,32.043,三类,万达广场物业',
        '32010600001320000064,空,118.78,32.044,,',
      ]),
      { commit: true },
    );
    expect(r.counts).toMatchObject({ add: 4, reject: 0 });
    expect(r.mapping['资源类别']).toBe('resource_class');
    expect(await classes()).toEqual([
      ['61', 1, '市公安局'],
      ['62', 2, '市交通运输局'],
      ['63', 3, '万达广场物业'],
      ['64', null, null],
    ]);
  });

  it('reads English headers, and keeps a stored class when a later ledger leaves it empty', async () => {
    const r = await importCameraLedger(
      db.pool,
      file('en.csv', [
        'device_id,name,lon,lat,resource_class,owner',
        '32010600001320000061,one,118.78,32.041,,',
        '32010600001320000064,four,118.78,32.044,class 3,Estate',
      ]),
      { commit: true },
    );
    expect(r.counts).toMatchObject({ update: 2, reject: 0 });
    expect(r.mapping['resource_class']).toBe('resource_class');
    expect((await classes()).filter(([id]) => id === '61' || id === '64')).toEqual([
      ['61', 1, '市公安局'],
      ['64', 3, 'Estate'],
    ]);
  });

  it('rejects an unknown class row by row, naming the value and the column', async () => {
    const r = await importCameraLedger(
      db.pool,
      file('bad.csv', [
        '设备编码,点位名称,经度,纬度,资源类别',
        '32010600001320000065,好,118.78,32.045,二类',
        '32010600001320000066,坏,118.78,32.046,四类',
      ]),
      { commit: true, skipInvalid: true },
    );
    expect(r.counts).toMatchObject({ add: 1, reject: 1 });
    expect(r.rejections).toEqual([
      expect.objectContaining({ row: 3, deviceId: '32010600001320000066', code: 'bad_value', field: 'resource_class' }),
    ]);
    expect(r.rejections[0]!.message).toContain('四类');
    expect((await classes()).map(([id]) => id)).not.toContain('66');
  });

  it('shows the class on the camera (API), lets an engineer change it, and exports it', async () => {
    const headers = await t.login('engineer');
    const get = async (id: string) =>
      (await (await t.app.request(`/api/v1/cameras/${id}`, { headers })).json()) as { resourceClass: number | null; ownerUnit: string };
    expect(await get('32010600001320000062')).toMatchObject({ resourceClass: 2, ownerUnit: '市交通运输局' });
    const patch = await t.json('PATCH', '/api/v1/cameras/32010600001320000062', { resourceClass: 3 }, headers);
    expect(patch.status, await patch.clone().text()).toBe(200);
    expect((await get('32010600001320000062')).resourceClass).toBe(3);
    const bad = await t.json('PATCH', '/api/v1/cameras/32010600001320000062', { resourceClass: 4 }, headers);
    expect(bad.status).toBe(400);
    const csv = await (await t.app.request('/api/v1/exports/cameras.csv', { headers })).text();
    const [head, ...lines] = csv.trim().split(/\r?\n/);
    const cells = (l: string) => l.split(',').map((c) => c.replace(/^\uFEFF/, '').replace(/^"|"$/g, ''));
    // The header row is the glossary's label (Chinese unless lang=en), the column code in GeoJSON.
    const col = cells(head!).indexOf(term('zh', 'column', 'resource_class'));
    expect(col).toBeGreaterThan(-1);
    const line = lines.find((l) => l.includes('32010600001320000061'))!;
    expect(cells(line)[col]).toBe('1');
  });
});
