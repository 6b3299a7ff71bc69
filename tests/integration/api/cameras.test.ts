import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '../../../db/credentials';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { deviceId, insertCamera, SPOT } from '../../helpers/api-fixtures';

interface CameraJson {
  deviceId: string;
  hasPassword: boolean;
  name: string;
  status: { state: string };
  onvifUrl: string | null;
  adminArea: { code: string } | null;
}

describe('cameras', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    await db.pool.query(
      `INSERT INTO admin_areas (code, name, level, geom) VALUES ('61090201', 'Town A', 'town',
      ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.05))), ('610902', 'County', 'county',
      ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.5)))`,
      [SPOT.lon, SPOT.lat],
    );
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const body = (id: string, extra: Record<string, unknown> = {}) => ({
    deviceId: id,
    name: 'Gate',
    type: 'fixed',
    lon: SPOT.lon,
    lat: SPOT.lat,
    heightM: 6,
    azimuthDeg: 45,
    hfovDeg: 70,
    resolutionH: 1920,
    onvifUrl: 'http://admin:secret-in-url@127.0.0.1:18080/onvif/x/device_service',
    onvifUser: 'admin',
    onvifPassword: 'cam-pass-123',
    ...extra,
  });

  it('an engineer creates a camera: the password is stored encrypted and never returned', async () => {
    const id = deviceId();
    const res = await t.json('POST', '/api/v1/cameras', body(id), await t.login('engineer'));
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain('cam-pass-123');
    expect(text).not.toContain('secret-in-url');
    const cam = JSON.parse(text) as CameraJson;
    expect(cam).toMatchObject({ deviceId: id, hasPassword: true, status: { state: 'UNKNOWN' }, adminArea: { code: '61090201' } });
    const { rows } = await db.pool.query<{ onvif_password_enc: Buffer }>('SELECT onvif_password_enc FROM cameras WHERE device_id = $1', [
      id,
    ]);
    expect(rows[0]!.onvif_password_enc.includes(Buffer.from('cam-pass-123'))).toBe(false);
    expect(decryptSecret(rows[0]!.onvif_password_enc)).toBe('cam-pass-123');
  });

  it('every write is audited with who, before and after, and no secret in it', async () => {
    const id = deviceId();
    const headers = await t.login('engineer');
    await t.json('POST', '/api/v1/cameras', body(id), headers);
    const patched = await t.json('PATCH', `/api/v1/cameras/${id}`, { name: 'Renamed', onvifPassword: 'new-pass-456' }, headers);
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as CameraJson).name).toBe('Renamed');
    expect((await t.app.request(`/api/v1/cameras/${id}`, { method: 'DELETE', headers })).status).toBe(204);
    const { rows } = await db.pool.query<{
      action: string;
      username: string;
      before: { name: string } | null;
      after: { name: string } | null;
    }>("SELECT action, username, before, after FROM audit_log WHERE entity = 'camera' AND entity_id = $1 ORDER BY id", [id]);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows.every((r) => r.username === 'test-engineer')).toBe(true);
    expect(rows[1]!.before!.name).toBe('Gate');
    expect(rows[1]!.after!.name).toBe('Renamed');
    expect(JSON.stringify(rows)).not.toMatch(/cam-pass-123|new-pass-456|secret-in-url/);
  });

  it('a viewer may read but not write cameras', async () => {
    const res = await t.json('POST', '/api/v1/cameras', body(deviceId()), await t.login('viewer'));
    expect(res.status).toBe(403);
  });

  it('rejects an invalid device id with the field named, and a duplicate with 409', async () => {
    const headers = await t.login('engineer');
    const bad = await t.json('POST', '/api/v1/cameras', body('99090200001320000001'), headers);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('deviceId');
    const id = deviceId();
    await t.json('POST', '/api/v1/cameras', body(id), headers);
    expect((await t.json('POST', '/api/v1/cameras', body(id), headers)).status).toBe(409);
  });

  it('lists by bbox and pages with a cursor without repeating or skipping cameras', async () => {
    for (let i = 0; i < 5; i += 1) await insertCamera(db.pool, { lon: 100 + i * 0.001, lat: 30 });
    const headers = await t.login('viewer');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/v1/cameras?bbox=99.9,29.9,100.1,30.1&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = (await (await t.app.request(q, { headers })).json()) as { cameras: CameraJson[]; nextCursor: string | null };
      expect(page.cameras.length).toBeLessThanOrEqual(2);
      seen.push(...page.cameras.map((c) => c.deviceId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const badBbox = await t.app.request('/api/v1/cameras?bbox=1,2,3', { headers });
    expect(badBbox.status).toBe(400);
    expect(((await badBbox.json()) as { error: { field: string } }).error.field).toBe('bbox');
  });

  it("the camera card shows status and availability from the agent's state changes", async () => {
    const cam = await insertCamera(db.pool);
    await db.pool.query(
      `INSERT INTO camera_status_events (camera_id, state, previous_state, at) VALUES
      ($1, 'OK', NULL, now() - interval '40 days'), ($1, 'UNREACHABLE', 'OK', now() - interval '15 days')`,
      [cam.id],
    );
    await db.pool.query(
      "INSERT INTO camera_status (camera_id, state, since, reason, last_poll_at) VALUES ($1, 'UNREACHABLE', now() - interval '15 days', 'timeout', now())",
      [cam.id],
    );
    const res = await t.app.request(`/api/v1/cameras/${cam.deviceId}`, { headers: await t.login('viewer') });
    const card = (await res.json()) as {
      status: { state: string; reason: string };
      availability: { onlineShare: number; workingShare: number };
    };
    expect(card.status).toMatchObject({ state: 'UNREACHABLE', reason: 'timeout' });
    expect(card.availability.onlineShare).toBeCloseTo(0.5, 2);
    expect(card.availability.workingShare).toBeCloseTo(0.5, 2);
  });

  it('an unknown camera is 404 in the error shape', async () => {
    const res = await t.app.request(`/api/v1/cameras/${deviceId()}`, { headers: await t.login('viewer') });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
