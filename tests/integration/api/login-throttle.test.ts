// Issue 15 item 3, "lockout as a weapon": five wrong passwords from anywhere used to lock the
// user for 15 minutes from every address, and 30 failures from one address locked every login
// from it (behind a proxy: everyone). Now failures count per (user name, address) and per
// address with growing delays, a browser that logged in before is counted on its own, the
// state lives in the database and admins see and clear it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, ensureTestUser, TEST_PASSWORD, type TestApp } from '../../helpers/api';
import { runCli } from '../../helpers/cli';

// Delays of minutes: a slow, shared machine must not see one run out between two steps of a
// test (the tests pretend a delay has passed by moving blocked_until, never by waiting).
const POLICY = {
  userAddress: { free: 3, baseDelayMs: 120_000, maxDelayMs: 3_600_000 },
  address: { free: 10, baseDelayMs: 600_000, maxDelayMs: 3_600_000 },
  device: { free: 3, baseDelayMs: 600_000, maxDelayMs: 3_600_000 },
};

// Each test here starts several real `xueliang` processes (a few seconds each alone, up to
// ~20 s on a loaded shared machine), so the default minute is not enough; the work is bounded.
describe('login throttle', { timeout: 240_000 }, () => {
  let db: TestDatabase;
  let t: TestApp;

  const login = (username: string, password: string, address: string, cookie?: string) =>
    t.json(
      'POST',
      '/api/v1/auth/login',
      { username, password },
      { 'X-Forwarded-For': address, ...(cookie === undefined ? {} : { Cookie: cookie }) },
    );
  const fail = async (username: string, address: string, n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i += 1) statuses.push((await login(username, `wrong-guess-${i}`, address)).status);
    return statuses;
  };
  /** Pretends the delays have passed (no sleeping in tests). */
  const letDelaysPass = (username: string) =>
    db.pool.query("UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE username = $1", [username]);

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db, { trustProxy: true, loginThrottle: POLICY });
    for (const name of ['alice', 'bob', 'carol', 'dave']) await ensureTestUser(db, 'viewer', name);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('failures from one address never lock the user out of another address', async () => {
    const statuses = await fail('alice', '10.0.0.1', 8);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4).every((s) => s === 429)).toBe(true);
    // Before: 429 here too (the account was locked for everyone).
    expect((await login('alice', TEST_PASSWORD, '10.0.0.2')).status).toBe(200);
    // The guesser's address stays held back, even with the right password.
    const held = await login('alice', TEST_PASSWORD, '10.0.0.1');
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('the delays grow with each further failure', async () => {
    await fail('bob', '10.0.1.1', 4);
    const first = await login('bob', 'x-wrong-pass', '10.0.1.1');
    expect(first.status).toBe(429);
    const delays: number[] = [Number(first.headers.get('retry-after'))];
    for (let i = 0; i < 2; i += 1) {
      await letDelaysPass('bob');
      expect((await login('bob', `wrong-again-${i}`, '10.0.1.1')).status).toBe(401);
      delays.push(Number((await login('bob', 'x-wrong-pass', '10.0.1.1')).headers.get('retry-after')));
    }
    expect(delays[0]).toBeGreaterThanOrEqual(29);
    expect(delays[1]).toBeGreaterThan(delays[0]! * 1.8);
    expect(delays[2]).toBeGreaterThan(delays[1]! * 1.8);
  });

  it('an address spraying many user names is held back, but not a user whose browser logged in before', async () => {
    const ok = await login('carol', TEST_PASSWORD, '10.0.2.1');
    expect(ok.status).toBe(200);
    const device = /xl_device=[^;]+/.exec(ok.headers.get('set-cookie') ?? '')?.[0];
    expect(device).toBeDefined();
    // Spraying from the same (proxy) address: one guess per name.
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) statuses.push((await login(`sprayed-${i}`, 'Winter2020!', '10.0.2.1')).status);
    expect(statuses.slice(0, 11).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(11).every((s) => s === 429)).toBe(true);
    // A user without the cookie is held back at that address; carol with it is not.
    expect((await login('dave', TEST_PASSWORD, '10.0.2.1')).status).toBe(429);
    expect((await login('carol', TEST_PASSWORD, '10.0.2.1', device)).status).toBe(200);
    // The cookie belongs to carol: it does not help anyone else.
    expect((await login('dave', TEST_PASSWORD, '10.0.2.1', device)).status).toBe(429);
  });

  it('parallel guesses cannot slip past the throttle before the first failure is written', async () => {
    await ensureTestUser(db, 'viewer', 'erin');
    const statuses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login('erin', `parallel-${i}`, '10.0.3.1').then((r) => r.status)),
    );
    // free (3) + the one that starts the delay: four passwords were checked, the rest held back.
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12);
  });

  it('the state survives a restart of the API (it is in the database)', async () => {
    await fail('frank', '10.0.4.1', 4);
    const other = await createTestApp(db, { trustProxy: true, loginThrottle: POLICY });
    try {
      const res = await other.json(
        'POST',
        '/api/v1/auth/login',
        { username: 'frank', password: 'x-x-x-x-x' },
        { 'X-Forwarded-For': '10.0.4.1' },
      );
      expect(res.status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('admins see who is held back; viewers do not', async () => {
    const viewer = await t.app.request('/api/v1/login-throttle', { headers: await t.login('viewer') });
    expect(viewer.status).toBe(403);
    const res = await t.app.request('/api/v1/login-throttle', { headers: await t.login('admin') });
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as {
      entries: { scope: string; username: string | null; address: string | null; failures: number; retryAfterSeconds: number }[];
    };
    const alice = entries.find((e) => e.scope === 'user_address' && e.username === 'alice' && e.address === '10.0.0.1');
    expect(alice).toBeDefined();
    expect(alice!.failures).toBeGreaterThanOrEqual(4);
    expect(alice!.retryAfterSeconds).toBeGreaterThan(0);
    const address = entries.find((e) => e.scope === 'address' && e.address === '10.0.2.1');
    expect(address?.username).toBeNull();
    expect(address!.failures).toBeGreaterThanOrEqual(11);
  });

  it('`xueliang user unlock` frees a user name at every address, `--address` frees an address, and both are audited', async () => {
    const listed = await runCli(db.url, ['user', 'throttle', '--json']);
    expect(listed.code).toBe(0);
    const { entries } = JSON.parse(listed.stdout) as { entries: { scope: string; username: string | null }[] };
    expect(entries.some((e) => e.scope === 'user_address' && e.username === 'alice')).toBe(true);

    const unlocked = await runCli(db.url, ['user', 'unlock', 'alice', '--json']);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect((JSON.parse(unlocked.stdout) as { cleared: unknown[] }).cleared.length).toBeGreaterThan(0);
    expect((await login('alice', TEST_PASSWORD, '10.0.0.1')).status).toBe(200);

    expect((await login('dave', TEST_PASSWORD, '10.0.2.1')).status).toBe(429);
    const byAddress = await runCli(db.url, ['user', 'unlock', '--address', '10.0.2.1']);
    expect(byAddress.code, byAddress.stderr).toBe(0);
    expect((await login('dave', TEST_PASSWORD, '10.0.2.1')).status).toBe(200);

    const { rows } = await db.pool.query<{ username: string; entity_id: string }>(
      "SELECT username, entity_id FROM audit_log WHERE action = 'unlock' ORDER BY id",
    );
    expect(rows.map((r) => r.entity_id)).toEqual(['alice', '10.0.2.1']);
    expect(rows[0]!.username).toMatch(/^cli:/);
    expect(rows[0]!.username).not.toBe('cli:unknown');
  });

  it('an admin can unlock over the API', async () => {
    await ensureTestUser(db, 'viewer', 'gina');
    await fail('gina', '10.0.5.1', 5);
    expect((await login('gina', TEST_PASSWORD, '10.0.5.1')).status).toBe(429);
    const admin = await t.login('admin');
    const res = await t.app.request('/api/v1/login-throttle?username=gina', { method: 'DELETE', headers: admin });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { cleared: { scope: string }[] }).cleared.map((c) => c.scope)).toEqual(['user_address']);
    expect((await login('gina', TEST_PASSWORD, '10.0.5.1')).status).toBe(200);
  });
});
