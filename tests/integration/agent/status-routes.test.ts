// The HTTP edge of camera health: summary, roll-ups, alarms + acknowledgement (engineer and up),
// and the availability strips, served from what the agent stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusWriter } from '../../../camera-agent/status-writer';
import { pollRecord } from '../../helpers/poll-record';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
let t: TestApp;
let cameraId: number;
const DEVICE = '34010201001320000009';

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  cameraId = (
    await db.pool.query<{ id: number }>(
      "INSERT INTO cameras (device_id, type, geom, height_m) VALUES ($1, 'fixed', ST_SetSRID(ST_MakePoint(117.5, 31.5), 4326), 6) RETURNING id",
      [DEVICE],
    )
  ).rows[0]!.id;
  await db.pool.query('INSERT INTO camera_poll_state (camera_id, next_due_at) VALUES ($1, now())', [cameraId]);
  const writer = new StatusWriter(db.pool, { flapWindowMs: 5 * 60_000 });
  const now = Date.now();
  writer.add(
    pollRecord(cameraId, DEVICE, 'UNREACHABLE', null, now, {
      reason: 'connect-refused',
      since: now - 20 * 60_000,
      latencyMs: 3,
      memory: { failures: 3 },
      daily: [
        {
          cameraId,
          day: new Date(now + 8 * 3_600_000).toISOString().slice(0, 10),
          samples: 2,
          onlineSamples: 1,
          workingSamples: 1,
          observedMs: 120_000,
          onlineMs: 60_000,
          workingMs: 60_000,
        },
      ],
    }),
  );
  await writer.flush();
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

describe('status routes', () => {
  it("GET /status/summary counts states and gives today's 在线率", async () => {
    const res = await t.app.request('/api/v1/status/summary', { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { byState: Record<string, number>; today: { onlineRateTimeWeighted: number } };
    expect(body.byState.UNREACHABLE).toBe(1);
    expect(body.today.onlineRateTimeWeighted).toBe(0.5);
  });

  it('GET /alarms lists the alarm raised after the flap window; a viewer may not acknowledge, an engineer may', async () => {
    const list = (await (await t.app.request('/api/v1/alarms', { headers: await t.login('viewer') })).json()) as {
      alarms: Array<{ id: number; deviceId: string }>;
    };
    expect(list.alarms.map((a) => a.deviceId)).toEqual([DEVICE]);
    const id = list.alarms[0]!.id;
    expect((await t.json('POST', `/api/v1/alarms/${id}/ack`, { note: 'x' }, await t.login('viewer'))).status).toBe(403);
    const ack = await t.json('POST', `/api/v1/alarms/${id}/ack`, { note: 'crew sent' }, await t.login('engineer'));
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({ acknowledgedBy: 'test-engineer', ackNote: 'crew sent' });
    expect((await t.json('POST', '/api/v1/alarms/999999/ack', {}, await t.login('engineer'))).status).toBe(404);
  });

  it('GET /cameras/{deviceId}/availability returns 24 hourly cells, and 404 for an unknown camera', async () => {
    const ok = await t.app.request(`/api/v1/cameras/${DEVICE}/availability`, { headers: await t.login('viewer') });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { last24h: unknown[] }).last24h).toHaveLength(24);
    expect((await t.app.request('/api/v1/cameras/00000000000000000000/availability', { headers: await t.login('viewer') })).status).toBe(
      404,
    );
  });

  it('GET /status/rollups rejects an inverted range with the field named', async () => {
    const res = await t.app.request('/api/v1/status/rollups?from=2026-12-01&to=2026-11-01', { headers: await t.login('viewer') });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('from');
  });
});
