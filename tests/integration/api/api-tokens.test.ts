// Issue 15 item 6: API tokens could not be revoked (no command, no route), never expired and
// survived password changes. Now: `xueliang user token list|revoke`, an admin API, an optional
// expiry, last use in the list, and a password change revokes the user's tokens unless told not to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, ensureTestUser, TEST_PASSWORD, type TestApp } from '../../helpers/api';
import { runCli } from '../../helpers/cli';

interface TokenInfo {
  id: number;
  username: string;
  label: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
}

// Each test here starts several real `xueliang` processes (a few seconds each alone, up to
// ~20 s on a loaded shared machine), so the default minute is not enough; the work is bounded.
describe('API tokens', { timeout: 240_000 }, () => {
  let db: TestDatabase;
  let t: TestApp;

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = async (token: string) => (await t.app.request('/api/v1/auth/me', { headers: bearer(token) })).status;
  const create = async (name: string, ...flags: string[]) => {
    const r = await runCli(db.url, ['user', 'token', name, '--json', ...flags]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { token: string; id: number; expiresAt: string | null; username: string };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    await ensureTestUser(db, 'engineer', 'script-owner');
    await ensureTestUser(db, 'viewer', 'changer');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('`xueliang user token revoke <id>` stops a token at once; the list shows it revoked and its last use', async () => {
    const made = await create('script-owner', '--label', 'nightly export');
    expect(await me(made.token)).toBe(200);
    const listed = await runCli(db.url, ['user', 'token', 'list', 'script-owner', '--json']);
    const before = (JSON.parse(listed.stdout) as { tokens: TokenInfo[] }).tokens.find((x) => x.id === made.id)!;
    expect(before).toMatchObject({ username: 'script-owner', label: 'nightly export', active: true, revokedAt: null, expiresAt: null });
    expect(before.lastUsedAt).not.toBeNull();
    expect(listed.stdout).not.toContain(made.token);

    const revoked = await runCli(db.url, ['user', 'token', 'revoke', String(made.id), '--json']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(await me(made.token)).toBe(401);
    const after = (JSON.parse((await runCli(db.url, ['user', 'token', 'list', '--json'])).stdout) as { tokens: TokenInfo[] }).tokens.find(
      (x) => x.id === made.id,
    )!;
    expect(after.active).toBe(false);
    expect(after.revokedAt).not.toBeNull();
    const audit = await db.pool.query<{ username: string }>("SELECT username FROM audit_log WHERE action = 'revoke' AND entity_id = $1", [
      String(made.id),
    ]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.username).toMatch(/^cli:(?!unknown)/);
  });

  it('a token with an expiry stops working when it passes', async () => {
    const made = await create('script-owner', '--expires-days', '30');
    expect(Date.parse(made.expiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(await me(made.token)).toBe(200);
    await db.pool.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [made.id]);
    expect(await me(made.token)).toBe(401);
    expect((await runCli(db.url, ['user', 'token', 'x', '--expires-days', '0'])).code).toBe(2);
  });

  it('admins list and revoke tokens over the API; others may not', async () => {
    const made = await create('script-owner', '--label', 'api-revoke');
    const admin = await t.login('admin');
    const list = await t.app.request('/api/v1/tokens?username=script-owner', { headers: admin });
    expect(list.status).toBe(200);
    const tokens = ((await list.json()) as { tokens: TokenInfo[] }).tokens;
    expect(tokens.map((x) => x.id)).toContain(made.id);
    expect(JSON.stringify(tokens)).not.toContain(made.token);
    expect((await t.app.request(`/api/v1/tokens/${made.id}`, { method: 'DELETE', headers: await t.login('engineer') })).status).toBe(403);
    expect(await me(made.token)).toBe(200);
    expect((await t.app.request(`/api/v1/tokens/${made.id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    expect(await me(made.token)).toBe(401);
    expect((await t.app.request('/api/v1/tokens/999999', { method: 'DELETE', headers: admin })).status).toBe(404);
  });

  it("a password change revokes the user's tokens by default, and keeps them when asked", async () => {
    const first = await create('changer');
    const loginRes = await t.json('POST', '/api/v1/auth/login', { username: 'changer', password: TEST_PASSWORD });
    const { csrfToken } = (await loginRes.json()) as { csrfToken: string };
    const session = { Cookie: /xl_session=[^;]+/.exec(loginRes.headers.get('set-cookie')!)![0], 'X-CSRF-Token': csrfToken };
    const changed = await t.json(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'changer-second-pw' },
      session,
    );
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { revokedApiTokens: number }).revokedApiTokens).toBe(1);
    expect(await me(first.token)).toBe(401);

    const second = await create('changer');
    const kept = await t.json(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: 'changer-second-pw', newPassword: 'changer-third-pw', revokeApiTokens: false },
      bearer(second.token),
    );
    expect(kept.status).toBe(200);
    expect(((await kept.json()) as { revokedApiTokens: number }).revokedApiTokens).toBe(0);
    expect(await me(second.token)).toBe(200);

    // The CLI's passwd revokes too, unless --keep-tokens.
    const viaCli = await runCli(db.url, ['user', 'passwd', 'changer', '--json']);
    expect(viaCli.code, viaCli.stderr).toBe(0);
    expect((JSON.parse(viaCli.stdout) as { revokedApiTokens: number }).revokedApiTokens).toBe(1);
    expect(await me(second.token)).toBe(401);
  });
});
