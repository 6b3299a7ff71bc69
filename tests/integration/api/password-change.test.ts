// Issue 15 item 9: the current-password check of POST /auth/password was not rate-limited (40
// guesses in 0.8 s with a stolen session) and its failures were not audited. Now wrong current
// passwords are throttled like logins (growing delays, refused while held back, even when the
// password is right) and each failure is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../helpers/api';

describe('POST /auth/password', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db, { loginThrottle: { password: { free: 3, baseDelayMs: 60_000, maxDelayMs: 600_000 } } });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('40 quick guesses of the current password: four are checked, the rest held back, even the right one', async () => {
    const headers = await t.login('engineer');
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.json('POST', '/api/v1/auth/password', { currentPassword: `guess-${i}-guess`, newPassword: 'a-brand-new-pass' }, headers),
      ),
    ).then((rs) => rs.map((r) => r.status));
    expect(statuses.filter((s) => s === 400)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(36);
    const right = await t.json(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-pass' },
      headers,
    );
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(30);
  });

  it('each wrong current password is audited, and so is the delay it started', async () => {
    // The guesses ran concurrently: their audit rows commit in any order, so they are read by count.
    const { rows } = await db.pool.query<{ action: string; username: string; failures: number | null }>(
      "SELECT action, username, (after->>'failures')::int AS failures FROM audit_log WHERE action IN ('password_failed', 'lockout') ORDER BY action, (after->>'failures')::int, id",
    );
    expect(rows.filter((r) => r.action === 'password_failed').map((r) => r.failures)).toEqual([1, 2, 3, 4]);
    expect(rows.filter((r) => r.action === 'lockout')).toHaveLength(1);
    expect(new Set(rows.map((r) => r.username))).toEqual(new Set(['test-engineer']));
  });

  it("another user's password changes are not held back by it", async () => {
    const headers = await t.login('planner');
    const res = await t.json('POST', '/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'planner-new-pass' }, headers);
    expect(res.status).toBe(200);
  });
});
