import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureInitialAdmin } from '../../../api/domain/users/initial-admin';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, ensureTestUser, TEST_PASSWORD, type TestApp } from '../../helpers/api';

describe('auth', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db, { loginThrottle: { userAddress: { free: 2, baseDelayMs: 60_000, maxDelayMs: 600_000 } } });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('first run creates admin with a one-time password that must be changed, and only once', async () => {
    const first = await ensureInitialAdmin(db.pool);
    expect(first?.username).toBe('admin');
    expect(first!.password.length).toBeGreaterThanOrEqual(16);
    expect(await ensureInitialAdmin(db.pool)).toBeNull();
    const res = await t.json('POST', '/api/v1/auth/login', { username: 'admin', password: first!.password });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { mustChangePassword: boolean }; csrfToken: string };
    expect(body.user.mustChangePassword).toBe(true);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/xl_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const headers = { Cookie: cookie.split(';')[0]!, 'X-CSRF-Token': body.csrfToken };
    // Anything but the auth routes is refused until the one-time password is replaced.
    const blocked = await t.app.request('/api/v1/openapi-not-public', { headers });
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('password_change_required');
    const changed = await t.json(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: first!.password, newPassword: 'a-new-admin-pass' },
      headers,
    );
    expect(changed.status).toBe(200);
    // The old session ended with the password change.
    expect((await t.app.request('/api/v1/auth/me', { headers })).status).toBe(401);
  });

  it('a wrong password is 401 without saying whether the user exists', async () => {
    await ensureTestUser(db, 'viewer');
    const wrong = await t.json('POST', '/api/v1/auth/login', { username: 'test-viewer', password: 'nope-nope-nope' });
    const unknown = await t.json('POST', '/api/v1/auth/login', { username: 'nobody-here', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('rate-limits failed logins per user and address, so a password cannot be guessed online', async () => {
    await ensureTestUser(db, 'planner');
    for (let i = 0; i < 3; i += 1) {
      expect((await t.json('POST', '/api/v1/auth/login', { username: 'test-planner', password: `guess-${i}-xxxx` })).status).toBe(401);
    }
    const limited = await t.json('POST', '/api/v1/auth/login', { username: 'test-planner', password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a cookie-authenticated write without the CSRF header is refused', async () => {
    const headers = await t.login('engineer');
    const res = await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { Cookie: headers.Cookie! } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf');
  });

  it('me returns the user and CSRF token; logout ends the session', async () => {
    await ensureTestUser(db, 'admin', 'test-admin');
    const headers = await t.login('admin');
    const me = await t.app.request('/api/v1/auth/me', { headers });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      user: { username: 'test-admin', role: 'admin', mustChangePassword: false },
      csrfToken: headers['X-CSRF-Token'],
    });
    expect((await t.app.request('/api/v1/auth/logout', { method: 'POST', headers })).status).toBe(204);
    expect((await t.app.request('/api/v1/auth/me', { headers })).status).toBe(401);
  });

  it('a bearer API token authenticates scripts without a CSRF header', async () => {
    const headers = await t.token('viewer');
    const me = await t.app.request('/api/v1/auth/me', { headers });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { csrfToken: unknown }).csrfToken).toBeNull();
    expect((await t.app.request('/api/v1/auth/me', { headers: { Authorization: 'Bearer xlt_forged' } })).status).toBe(401);
  });

  it('errors have one JSON shape naming the field at fault', async () => {
    const res = await t.json('POST', '/api/v1/auth/login', { username: 'x' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field?: string; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.field).toBe('password');
  });

  it('healthz answers without a session; the OpenAPI document and page are public', async () => {
    expect((await t.app.request('/healthz')).status).toBe(200);
    const doc = await t.app.request('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
    const page = await t.app.request('/api/v1/docs');
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect((await t.app.request('/api/v1/docs/swagger-ui-bundle.js')).status).toBe(200);
  });
});
