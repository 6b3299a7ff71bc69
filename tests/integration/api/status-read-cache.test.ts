// The command center's cached reads (summary, roll-ups, alarms; api/domain/status/read-cache.ts
// and api/http/prepared-body.ts): answers are kept ready to send, so they must change as soon as
// what they show changes (a status change from the agent, an acknowledgement, a threshold set
// from another process), a filtered list must never be another filter's answer, and a browser
// gets the stored gzip bytes, or a 304 when its copy is current.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventHub, type HubEvent } from '../../../api/domain/events/event-hub';
import { StatusWriter } from '../../../camera-agent/status-writer';
import { createTestApp, type TestApp } from '../../helpers/api';
import { runCli } from '../../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { pollRecord } from '../../helpers/poll-record';

let db: TestDatabase;
let t: TestApp;
const SQUARE = 'ST_Multi(ST_MakeEnvelope(117, 31, 118, 32, 4326))';
const cams: Record<'a1' | 'a2' | 'b1', { id: number; deviceId: string }> = {} as never;

async function area(code: string, level: string, parent: number | null): Promise<number> {
  const { rows } = await db.pool.query<{ id: number }>(
    `INSERT INTO admin_areas (code, name, level, parent_id, geom) VALUES ($1, $1 || '区', $2, $3, ${SQUARE}) RETURNING id`,
    [code, level, parent],
  );
  return rows[0]!.id;
}

async function camera(deviceId: string, areaId: number): Promise<{ id: number; deviceId: string }> {
  const { rows } = await db.pool.query<{ id: number }>(
    "INSERT INTO cameras (device_id, type, geom, height_m, admin_area_id) VALUES ($1, 'fixed', ST_SetSRID(ST_MakePoint(117.5, 31.5), 4326), 6, $2) RETURNING id",
    [deviceId, areaId],
  );
  await db.pool.query('INSERT INTO camera_poll_state (camera_id, next_due_at) VALUES ($1, now())', [rows[0]!.id]);
  return { id: rows[0]!.id, deviceId };
}

/** Writes states the way the agent does: camera_status, events, alarms, NOTIFY. */
async function report(cam: { id: number; deviceId: string }, state: 'OK' | 'UNREACHABLE', previous: 'OK' | 'UNREACHABLE' | null) {
  const writer = new StatusWriter(db.pool, { flapWindowMs: 0 });
  const now = Date.now();
  // A day's aggregate too, so the roll-ups have rows (the dataset's day: Asia/Shanghai, UTC+8).
  const day = { cameraId: cam.id, day: new Date(now + 8 * 3_600_000).toISOString().slice(0, 10), samples: 1 };
  const ok = state === 'OK' ? 1 : 0;
  const daily = [{ ...day, onlineSamples: ok, workingSamples: ok, observedMs: 60_000, onlineMs: ok * 60_000, workingMs: ok * 60_000 }];
  writer.add(pollRecord(cam.id, cam.deviceId, state, previous, now, { daily }));
  await writer.flush();
}

async function get<T>(path: string): Promise<T> {
  const res = await t.app.request(path, { headers: await t.login('viewer') });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** Asks until `ok` holds (NOTIFY reaches the server's LISTEN connection a moment after the commit). */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, withinMs = 3000): Promise<T> {
  const until = Date.now() + withinMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Summary = { byState: Record<string, number>; thresholds: { online: number } };
type AlarmPage = { alarms: { id: number; deviceId: string; acknowledgedBy: string | null }[]; total: number };

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const city = await area('610900', 'city', null);
  const a = await area('610901', 'county', city);
  const b = await area('610902', 'county', city);
  cams.a1 = await camera('61090100001320000001', a);
  cams.a2 = await camera('61090100001320000002', a);
  cams.b1 = await camera('61090200001320000003', b);
  for (const c of Object.values(cams)) await report(c, 'OK', null);
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

describe('cached command-center reads', () => {
  it('a cached summary changes as soon as the agent reports a status change, well before the 5 s refresh', async () => {
    const before = await get<Summary>('/api/v1/status/summary');
    expect(before.byState.UNREACHABLE).toBe(0);
    expect((await get<Summary>('/api/v1/status/summary')).byState.UNREACHABLE).toBe(0);
    const changedAt = Date.now();
    await report(cams.a1, 'UNREACHABLE', 'OK');
    const after = await eventually(
      () => get<Summary>('/api/v1/status/summary'),
      (s) => s.byState.UNREACHABLE === 1,
    );
    expect(after.byState.UNREACHABLE).toBe(1);
    expect(Date.now() - changedAt).toBeLessThan(5000);
  });

  it('an acknowledgement shows in the very next alarm list', async () => {
    const open = await eventually(
      () => get<AlarmPage>('/api/v1/alarms'),
      (p) => p.alarms.some((a) => a.deviceId === cams.a1.deviceId),
    );
    const alarm = open.alarms.find((a) => a.deviceId === cams.a1.deviceId)!;
    expect(alarm.acknowledgedBy).toBeNull();
    const ack = await t.json('POST', `/api/v1/alarms/${alarm.id}/ack`, { note: 'crew sent' }, await t.login('engineer'));
    expect(ack.status).toBe(200);
    const next = await get<AlarmPage>('/api/v1/alarms');
    expect(next.alarms.find((a) => a.id === alarm.id)!.acknowledgedBy).toBe('test-engineer');
  });

  it("a list filtered to one county never gets another county's cached answer", async () => {
    await report(cams.b1, 'UNREACHABLE', 'OK');
    const countyB = await eventually(
      () => get<AlarmPage>('/api/v1/alarms?area=610902'),
      (p) => p.total === 1,
    );
    expect(countyB.alarms.map((a) => a.deviceId)).toEqual([cams.b1.deviceId]);
    for (let i = 0; i < 2; i++) {
      // The second round is served from the cache: still each county's own alarms.
      expect((await get<AlarmPage>('/api/v1/alarms?area=610901')).alarms.map((a) => a.deviceId)).toEqual([cams.a1.deviceId]);
      expect((await get<AlarmPage>('/api/v1/alarms?area=610902')).alarms.map((a) => a.deviceId)).toEqual([cams.b1.deviceId]);
      expect((await get<AlarmPage>('/api/v1/alarms')).total).toBe(2);
    }
  });

  it('a threshold set from the command line (another process) replaces the cached summary at once', async () => {
    expect((await get<Summary>('/api/v1/status/summary')).thresholds.online).toBe(0.95);
    expect((await get<Summary>('/api/v1/status/summary')).thresholds.online).toBe(0.95);
    const set = await runCli(db.url, ['thresholds', 'set', '--area', '610900', '--online', '90', '--json']);
    expect(set.code, set.stderr).toBe(0);
    const after = await eventually(
      () => get<Summary>('/api/v1/status/summary'),
      (s) => s.thresholds.online === 0.9,
      2000,
    );
    expect(after.thresholds.online).toBe(0.9);
  });

  it('sends a browser the stored gzip bytes, a 304 when its copy is current, and a new tag after a change', async () => {
    const headers = await t.login('viewer');
    // app.fetch: the raw response (the contract check reads bodies as JSON and knows no 304).
    const fetchRaw = async (h: Record<string, string>): Promise<Response> =>
      await t.app.fetch(new Request('http://localhost/api/v1/status/summary', { headers: { ...headers, ...h } }));
    const plain = await fetchRaw({});
    expect(plain.headers.get('content-encoding')).toBeNull();
    const plainBytes = await plain.text();
    // Large enough to be sent compressed (1 KB and up).
    expect(plainBytes.length).toBeGreaterThan(1024);
    const plainJson = JSON.parse(plainBytes) as Summary;
    const zipped = await fetchRaw({ 'Accept-Encoding': 'gzip, deflate, br' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(zipped.headers.get('cache-control')).toBe('private, no-cache');
    expect(JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8'))).toEqual(plainJson);
    const tag = zipped.headers.get('etag')!;
    expect(tag).toMatch(/^"[^"]+"$/);
    expect(tag).not.toBe(plain.headers.get('etag'));

    const again = await fetchRaw({ 'Accept-Encoding': 'gzip', 'If-None-Match': tag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await fetchRaw({ 'If-None-Match': plain.headers.get('etag')! })).status).toBe(304);

    await report(cams.a2, 'UNREACHABLE', 'OK');
    const changed = await eventually(
      () => fetchRaw({ 'If-None-Match': tag }),
      (r) => r.status === 200,
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(plain.headers.get('etag'));
  });

  it('answers a repeated read from the stored bytes: the figures are not serialised again', async () => {
    await get('/api/v1/status/rollups?level=county&period=month');
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const body = await get<{ rows: unknown[] }>('/api/v1/status/rollups?level=county&period=month');
      expect(body.rows.length).toBeGreaterThan(0);
      const serialisedRows = stringify.mock.calls.filter(([v]) => typeof v === 'object' && v !== null && 'rows' in v);
      expect(serialisedRows).toEqual([]);
    } finally {
      stringify.mockRestore();
    }
  });

  it('gives the threshold announcement to the server itself only, never to an SSE client', async () => {
    const hub = new EventHub({ client: db.pool.options });
    const heard: HubEvent[] = [];
    const sent: HubEvent[] = [];
    const stopListening = hub.listen((e) => heard.push(e));
    const unsubscribe = hub.subscribe((e) => sent.push(e));
    try {
      await hub.ready();
      await db.pool.query("SELECT pg_notify('status_thresholds', '610901')");
      await eventually(
        async () => heard.length,
        (n) => n > 0,
      );
      expect(heard.map((e) => [e.event, e.data])).toEqual([['thresholds', '610901']]);
      expect(sent).toEqual([]);
      expect(hub.since(`${heard[0]!.id.split('-')[0]}-0`)).toEqual([]);
    } finally {
      stopListening();
      unsubscribe();
      await hub.close();
    }
  });
});
