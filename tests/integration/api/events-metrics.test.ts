import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { insertCamera } from '../../helpers/api-fixtures';
import { EventHub } from '../../../api/domain/events/event-hub';

/** Reads SSE frames from a response until `predicate` matches one or the time runs out. */
async function readUntil(res: Response, predicate: (frame: string) => boolean, timeoutMs: number): Promise<string[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let buf = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (chunk === null || chunk.done) break;
      buf += decoder.decode(chunk.value, { stream: true });
      let at: number;
      while ((at = buf.indexOf('\n\n')) >= 0) {
        frames.push(buf.slice(0, at));
        buf = buf.slice(at + 2);
        if (predicate(frames[frames.length - 1]!)) return frames;
      }
    }
    return frames;
  } finally {
    await reader.cancel().catch(() => {});
  }
}

describe('live events and metrics', () => {
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

  it('a hub closed while still connecting leaves no connection behind (it would keep a stopped server alive)', async () => {
    const hub = new EventHub({ client: { connectionString: db.url, application_name: 'unused' } });
    const connecting = hub.ready();
    await hub.close();
    await connecting;
    const { rows } = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'xueliang-events'",
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('pushes a camera status change to SSE subscribers within 2 s of the NOTIFY', async () => {
    const headers = await t.login('viewer');
    // Browsers ask for gzip; the stream must stay uncompressed or frames would wait in a buffer.
    const res = await t.app.request('/api/v1/events', { headers: { ...headers, 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(res.headers.get('content-encoding')).toBeNull();
    const payload = JSON.stringify({
      cameraId: 1,
      deviceId: '61090200001320000001',
      state: 'UNREACHABLE',
      previousState: 'OK',
      since: new Date().toISOString(),
      reason: 'timeout',
    });
    const reading = readUntil(res, (f) => f.includes('event: status'), 2000);
    // The stream subscribes before its first frame; give LISTEN that moment, then notify.
    await t.xl.deps.events!.ready();
    const sent = Date.now();
    await db.pool.query('SELECT pg_notify($1, $2)', ['camera_status', payload]);
    const frames = await reading;
    const status = frames.find((f) => f.includes('event: status'));
    expect(status, `frames: ${frames.join(' | ')}`).toBeDefined();
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(status).toContain('"state":"UNREACHABLE"');
    expect(status).toMatch(/^id: \S+/m);
  });

  it('resumes from Last-Event-ID, and says reset when the id is unknown', async () => {
    const hub = t.xl.deps.events!;
    hub.publish('status', '{"n":1}');
    hub.publish('status', '{"n":2}');
    hub.publish('status', '{"n":3}');
    expect(hub.since('bogus-1').map((e) => e.event)).toEqual(['reset']);
    const headers = await t.login('viewer');
    // An id from another process (a restart) cannot be resumed: the client must reload.
    const probe = await t.app.request('/api/v1/events', { headers: { ...headers, 'Last-Event-ID': 'zzzz-0' } });
    const probeFrames = await readUntil(probe, (f) => f.includes('event: reset'), 1500);
    expect(probeFrames.some((f) => f.includes('event: reset'))).toBe(true);
    const ids = (hub as unknown as { buffer: { id: string; data: string }[] }).buffer;
    const one = ids.find((e) => e.data === '{"n":1}')!;
    const res = await t.app.request('/api/v1/events', { headers: { ...headers, 'Last-Event-ID': one.id } });
    const frames = await readUntil(res, (f) => f.includes('"n":3'), 1500);
    const replayed = frames.filter((f) => f.includes('event: status')).map((f) => /data: (.*)/.exec(f)![1]);
    expect(replayed).toEqual(['{"n":2}', '{"n":3}']);
  });

  it('metrics count requests per route pattern and cameras by state, for Prometheus', async () => {
    const cam = await insertCamera(db.pool);
    await insertCamera(db.pool);
    await db.pool.query("INSERT INTO camera_status (camera_id, state, since, last_poll_at) VALUES ($1, 'OK', now(), now())", [cam.id]);
    const headers = await t.token('viewer');
    await t.app.request(`/api/v1/cameras/${cam.deviceId}`, { headers });
    const res = await t.app.request('/metrics', { headers });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('xueliang_cameras{state="OK"} 1');
    expect(text).toContain('xueliang_cameras{state="UNKNOWN"} 1');
    expect(text).toMatch(/xueliang_http_requests_total\{method="GET",route="\/api\/v1\/cameras\/:deviceId",status="200"\} 1/);
    expect(text).toMatch(
      /xueliang_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/cameras\/:deviceId",le="\+Inf"\} 1/,
    );
    expect((await t.app.request('/metrics')).status).toBe(401);
  });
});
