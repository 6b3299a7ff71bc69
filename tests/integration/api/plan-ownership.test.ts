// Issue 15 item 10: any planner could edit or delete another planner's plan. Plans carry their
// owner (createdBy) and their created and updated times; a planner changes and deletes only
// their own plans, an admin any; viewers read only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, ensureTestUser, TEST_PASSWORD, type TestApp } from '../../helpers/api';
import { SPOT } from '../../helpers/api-fixtures';

const CAMERA = {
  type: 'fixed',
  lon: SPOT.lon,
  lat: SPOT.lat,
  heightM: 6,
  azimuthDeg: 90,
  hfovDeg: 60,
  resolutionH: 1920,
  resolutionV: 1080,
};

interface Plan {
  id: number;
  name: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  cameraCount: number;
}

describe('plan ownership', () => {
  let db: TestDatabase;
  let t: TestApp;
  let owner: Record<string, string>;
  let other: Record<string, string>;
  let plan: Plan;

  async function loginAs(username: string): Promise<Record<string, string>> {
    const res = await t.json('POST', '/api/v1/auth/login', { username, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { Cookie: /xl_session=[^;]+/.exec(res.headers.get('set-cookie')!)![0], 'X-CSRF-Token': csrfToken };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    await ensureTestUser(db, 'planner', 'planner-a');
    await ensureTestUser(db, 'planner', 'planner-b');
    owner = await loginAs('planner-a');
    other = await loginAs('planner-b');
    const res = await t.json('POST', '/api/v1/plans', { name: 'north gate', cameras: [CAMERA] }, owner);
    expect(res.status).toBe(201);
    plan = (await res.json()) as Plan;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('a plan carries its owner and its created and updated times', () => {
    expect(plan.createdBy).toBe('planner-a');
    expect(Date.parse(plan.createdAt)).not.toBeNaN();
    expect(plan.updatedAt >= plan.createdAt).toBe(true);
  });

  it('another planner can read it but neither replace nor delete it (before: 200 and 204)', async () => {
    expect((await t.app.request(`/api/v1/plans/${plan.id}`, { headers: other })).status).toBe(200);
    const put = await t.json('PUT', `/api/v1/plans/${plan.id}`, { name: 'hijacked', cameras: [] }, other);
    expect(put.status).toBe(403);
    expect(((await put.json()) as { error: { message: string } }).error.message).toContain('planner-a');
    expect((await t.app.request(`/api/v1/plans/${plan.id}`, { method: 'DELETE', headers: other })).status).toBe(403);
    const stored = (await (await t.app.request(`/api/v1/plans/${plan.id}`, { headers: owner })).json()) as Plan;
    expect(stored).toMatchObject({ name: 'north gate', cameraCount: 1 });
    const audit = await db.pool.query("SELECT 1 FROM audit_log WHERE entity = 'plan' AND action IN ('update', 'delete')");
    expect(audit.rowCount).toBe(0);
  });

  it('the owner edits it (updatedAt moves on); a viewer cannot', async () => {
    const put = await t.json('PUT', `/api/v1/plans/${plan.id}`, { name: 'north gate v2', cameras: [CAMERA, CAMERA] }, owner);
    expect(put.status).toBe(200);
    const edited = (await put.json()) as Plan;
    expect(edited).toMatchObject({ name: 'north gate v2', createdBy: 'planner-a', cameraCount: 2, createdAt: plan.createdAt });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(plan.updatedAt));
    const viewer = await t.json('PUT', `/api/v1/plans/${plan.id}`, { name: 'x', cameras: [] }, await t.login('viewer'));
    expect(viewer.status).toBe(403);
  });

  it('an admin may change and delete any plan, including one without an owner', async () => {
    const admin = await t.login('admin');
    expect((await t.json('PUT', `/api/v1/plans/${plan.id}`, { name: 'by the admin', cameras: [CAMERA] }, admin)).status).toBe(200);
    // A plan saved from the command line (xueliang suggest --save) has no owner: only admins change it.
    const { rows } = await db.pool.query<{ id: string }>("INSERT INTO plans (name) VALUES ('from the CLI') RETURNING id");
    const orphan = Number(rows[0]!.id);
    expect((await t.app.request(`/api/v1/plans/${orphan}`, { method: 'DELETE', headers: owner })).status).toBe(403);
    expect((await t.app.request(`/api/v1/plans/${orphan}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    expect((await t.app.request(`/api/v1/plans/${plan.id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
  });

  it('the owner deletes their own plan; a missing plan stays 404', async () => {
    const created = (await (await t.json('POST', '/api/v1/plans', { name: 'short-lived', cameras: [] }, other)).json()) as Plan;
    expect((await t.app.request(`/api/v1/plans/${created.id}`, { method: 'DELETE', headers: other })).status).toBe(204);
    expect((await t.app.request(`/api/v1/plans/${created.id}`, { method: 'DELETE', headers: other })).status).toBe(404);
  });
});
