import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { insertCamera } from '../../helpers/api-fixtures';

describe('GET /dataset', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('answers on an empty database, so the web app can say "nothing loaded" instead of failing', async () => {
    const res = await t.app.request('/api/v1/dataset', { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: null, bounds: null, center: null, firstInstallDate: null });
  });

  it('opens the map at the centre of the bounds and starts the time slider at the first install', async () => {
    await db.pool.query(
      `INSERT INTO settings (key, value) VALUES ('dataset', '{"name":"Demo","source":"generated","generated":true,"bounds":[108,32,110,34],"attribution":null,"seed":1}')`,
    );
    await insertCamera(db.pool, { installDate: '2016-03-01' });
    const body = (await (await t.app.request('/api/v1/dataset', { headers: await t.login('viewer') })).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'Demo', generated: true, center: [109, 33], firstInstallDate: '2016-03-01' });
  });
});
