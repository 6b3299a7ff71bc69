// The ledger's GB/T 28181 password (国标密码): imported encrypted like the ONVIF one, kept when a
// later ledger has none, never in the report or the API, and used by the SIP server's digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '../../../db/credentials';
import { importCameraLedger } from '../../../gis-data/ledger/import-ledger';
import { sourceFromBuffer } from '../../../gis-data/ledger/source';
import { CameraRegistry } from '../../../camera-agent/gb28181/registry';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

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
  await t.close();
  await db.drop();
});

const csv = (rows: string[]): ReturnType<typeof sourceFromBuffer> =>
  sourceFromBuffer('gb.csv', Buffer.from(['设备编码,点位名称,经度,纬度,密码,国标密码', ...rows].join('\n')));

describe('gb_password ledger column', () => {
  it('imports 国标密码 encrypted, apart from the ONVIF 密码, and never reports it', async () => {
    const r = await importCameraLedger(db.pool, csv(['32010600001320000051,东北角,118.78,32.042,onvif-51,gb-51<&>中']), { commit: true });
    expect(r.counts).toMatchObject({ add: 1, reject: 0 });
    expect(r.mapping['国标密码']).toBe('gb_password');
    expect(JSON.stringify(r)).not.toContain('gb-51');
    const row = (
      await db.pool.query('SELECT onvif_password_enc, gb_password_enc FROM cameras WHERE device_id = $1', ['32010600001320000051'])
    ).rows[0];
    expect(decryptSecret(row.gb_password_enc)).toBe('gb-51<&>中');
    expect(decryptSecret(row.onvif_password_enc)).toBe('onvif-51');
    expect(row.gb_password_enc.toString('latin1')).not.toContain('gb-51');
    const registry = new CameraRegistry();
    await registry.load(db.pool);
    expect(registry.password('32010600001320000051', 'platform')).toBe('gb-51<&>中');
  });

  it('keeps the stored password when a later ledger has none', async () => {
    await importCameraLedger(db.pool, csv(['32010600001320000051,东北角改名,118.78,32.042,,']), { commit: true });
    const row = (await db.pool.query('SELECT name, gb_password_enc FROM cameras WHERE device_id = $1', ['32010600001320000051'])).rows[0];
    expect(row.name).toBe('东北角改名');
    expect(decryptSecret(row.gb_password_enc)).toBe('gb-51<&>中');
  });

  it('is never returned by the camera API', async () => {
    const res = await t.app.request('/api/v1/cameras/32010600001320000051', { headers: await t.login('engineer') });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/gb-51|gb_password|gbPassword/);
  });
});

describe('registry refresh', () => {
  it('re-reads the registry only when a camera, code or password changed (it used to rebuild 40,000 rows every 30 s)', async () => {
    const registry = new CameraRegistry();
    expect(await registry.load(db.pool)).toBe(true);
    expect(await registry.load(db.pool)).toBe(false);
    expect(registry.reads).toBe(1);
    // A new password from a later ledger.
    await importCameraLedger(db.pool, csv(['32010600001320000051,东北角改名,118.78,32.042,,gb-51-new']), { commit: true });
    expect(await registry.load(db.pool)).toBe(true);
    expect(registry.password('32010600001320000051', 'platform')).toBe('gb-51-new');
    // A new camera.
    await importCameraLedger(db.pool, csv(['32010600001320000052,西南角,118.77,32.041,,']), { commit: true });
    expect(await registry.load(db.pool)).toBe(true);
    expect(registry.cameraId('32010600001320000052')).not.toBeNull();
    // A camera taken out of service.
    await db.pool.query("UPDATE cameras SET removal_date = now()::date WHERE device_id = '32010600001320000052'");
    expect(await registry.load(db.pool)).toBe(true);
    expect(registry.cameraId('32010600001320000052')).toBeNull();
    expect(await registry.load(db.pool)).toBe(false);
    expect(registry.reads).toBe(4);
  });
});
