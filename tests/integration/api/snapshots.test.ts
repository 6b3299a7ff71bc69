// The camera card's last snapshot over HTTP: JPEG with its time, never cached, 404 in the error
// shape when there is none, visible only with view_snapshots (engineer, admin) and audited per view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotWriter } from '../../../camera-agent/snapshot-writer';
import { frames } from '../../../camera-agent/simulator/frames';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
let t: TestApp;
const WITH = '61090200001320000101';
const WITHOUT = '61090200001320000102';
const TAKEN = Date.parse('2026-11-27T01:02:03.000Z');
const jpeg = frames().black;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const ids: number[] = [];
  for (const d of [WITH, WITHOUT]) {
    ids.push(
      Number(
        (
          await db.pool.query<{ id: string }>(
            "INSERT INTO cameras (device_id, type, geom, height_m) VALUES ($1, 'fixed', ST_SetSRID(ST_MakePoint(109, 32.7), 4326), 6) RETURNING id",
            [d],
          )
        ).rows[0]!.id,
      ),
    );
  }
  const w = new SnapshotWriter(db.pool, { agentId: 'test' });
  w.add({ cameraId: ids[0]!, takenAt: TAKEN, jpeg, width: 320, height: 180, pictureReason: 'black-picture' });
  await w.flush();
  expect(w.stats.stored).toBe(1);
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

const auditViews = async () =>
  (
    await db.pool.query<{ username: string; entity_id: string }>(
      "SELECT username, entity_id FROM audit_log WHERE action = 'view' AND entity = 'camera_snapshot' ORDER BY id",
    )
  ).rows;

describe('GET /cameras/{deviceId}/snapshot', () => {
  it('serves the stored JPEG to an engineer with its time and verdict, uncached', async () => {
    const res = await t.app.request(`/api/v1/cameras/${WITH}/snapshot`, { headers: await t.login('engineer') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-snapshot-taken-at')).toBe(new Date(TAKEN).toISOString());
    expect(res.headers.get('last-modified')).toBe(new Date(TAKEN).toUTCString());
    expect(res.headers.get('x-snapshot-verdict')).toBe('black-picture');
    expect(Buffer.from(await res.arrayBuffer()).equals(jpeg)).toBe(true);
  });

  it('audits every view with who and which camera, because pictures of public places are sensitive', async () => {
    const before = (await auditViews()).length;
    const headers = await t.login('admin');
    for (let i = 0; i < 2; i++) await (await t.app.request(`/api/v1/cameras/${WITH}/snapshot`, { headers })).arrayBuffer();
    const views = await auditViews();
    expect(views.length).toBe(before + 2);
    expect(views.at(-1)?.entity_id).toBe(WITH);
    expect(views.at(-1)?.username).toMatch(/admin/);
  });

  it('refuses a viewer and a planner (no view_snapshots) with 403: no view is audited, each refusal is', async () => {
    const before = (await auditViews()).length;
    for (const role of ['viewer', 'planner'] as const) {
      const res = await t.app.request(`/api/v1/cameras/${WITH}/snapshot`, { headers: await t.login(role) });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
      const meta = await t.app.request(`/api/v1/cameras/${WITH}/snapshot/meta`, { headers: await t.login(role) });
      expect(meta.status).toBe(403);
    }
    expect((await auditViews()).length).toBe(before);
    const { rows } = await db.pool.query<{ username: string }>(
      "SELECT username FROM audit_log WHERE action = 'view_refused' AND entity = 'camera_snapshot' AND entity_id = $1 ORDER BY id",
      [WITH],
    );
    expect(rows.map((r) => r.username)).toEqual(['test-viewer', 'test-planner']);
  });

  it('answers 404 in the error shape for a camera without a snapshot, so the card shows its placeholder', async () => {
    const headers = await t.login('engineer');
    for (const path of [`/api/v1/cameras/${WITHOUT}/snapshot`, `/api/v1/cameras/${WITHOUT}/snapshot/meta`]) {
      const res = await t.app.request(path, { headers });
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain(WITHOUT);
    }
  });

  it("gives the picture's facts as JSON without counting as a view", async () => {
    const before = (await auditViews()).length;
    const res = await t.app.request(`/api/v1/cameras/${WITH}/snapshot/meta`, { headers: await t.login('engineer') });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toMatchObject({
      deviceId: WITH,
      takenAt: new Date(TAKEN).toISOString(),
      bytes: jpeg.length,
      width: 320,
      height: 180,
      verdict: 'black-picture',
    });
    expect((await auditViews()).length).toBe(before);
  });

  it('keeps only a newer picture when an older one arrives late (one row per camera)', async () => {
    const id = (await db.pool.query<{ id: string }>('SELECT id FROM cameras WHERE device_id = $1', [WITH])).rows[0]!.id;
    const w = new SnapshotWriter(db.pool);
    w.add({ cameraId: Number(id), takenAt: TAKEN - 60_000, jpeg: frames().scene[0]!, width: 320, height: 180, pictureReason: '' });
    await w.flush();
    const rows = (
      await db.pool.query<{ taken_at: Date; picture_reason: string }>(
        'SELECT taken_at, picture_reason FROM camera_snapshots WHERE camera_id = $1',
        [id],
      )
    ).rows;
    expect(rows).toEqual([{ taken_at: new Date(TAKEN), picture_reason: 'black-picture' }]);
  });
});
