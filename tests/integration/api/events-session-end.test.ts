// Issue 15 item 16: an open SSE stream kept delivering events after its session ended. Now a
// stream closes (after an `end` event naming why) when its credential ends: logout, password
// change, expiry, the user disabled (also from the command line, another process), a revoked token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, ensureTestUser, TEST_PASSWORD, type TestApp } from '../../helpers/api';
import { runCli } from '../../helpers/cli';

/** An open event stream: frames as they arrive, and whether the server has closed it. */
interface Stream {
  frames: string[];
  closed: Promise<'closed'>;
  cancel(): Promise<void>;
}

function follow(res: Response): Stream {
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let buf = '';
  const closed = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return 'closed' as const;
      buf += decoder.decode(chunk.value, { stream: true });
      let at: number;
      while ((at = buf.indexOf('\n\n')) >= 0) {
        frames.push(buf.slice(0, at));
        buf = buf.slice(at + 2);
      }
    }
  })();
  return { frames, closed, cancel: () => reader.cancel().catch(() => undefined) };
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'still open'>((r) => setTimeout(() => r('still open'), ms))]);

describe('event streams end with their session', () => {
  let db: TestDatabase;
  let t: TestApp;
  const open: Stream[] = [];

  async function session(username: string): Promise<Record<string, string>> {
    await ensureTestUser(db, 'viewer', username);
    const res = await t.json('POST', '/api/v1/auth/login', { username, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { Cookie: /xl_session=[^;]+/.exec(res.headers.get('set-cookie')!)![0], 'X-CSRF-Token': csrfToken };
  }
  async function stream(headers: Record<string, string>): Promise<Stream> {
    const s = follow(await t.app.request('/api/v1/events', { headers }));
    open.push(s);
    await waitFor(() => s.frames.some((f) => f.includes('event: ready')), 10_000, 'the ready event');
    return s;
  }
  const notify = () =>
    db.pool.query('SELECT pg_notify($1, $2)', [
      'camera_status',
      JSON.stringify({
        cameraId: 1,
        deviceId: '61090200001320000001',
        state: 'OK',
        previousState: null,
        since: new Date().toISOString(),
        reason: '',
      }),
    ]);

  beforeAll(async () => {
    db = await createTestDatabase();
    // Re-check credentials every 200 ms here (10 s in production) so the tests need not wait.
    t = await createTestApp(db, { streamRecheckMs: 200 });
  });
  afterAll(async () => {
    for (const s of open) await s.cancel();
    await t.close();
    await db.drop();
  });

  it('a stream whose session holds keeps delivering events (the control)', async () => {
    const s = await stream(await session('steady'));
    await t.xl.deps.events!.ready();
    await notify();
    await waitFor(() => s.frames.some((f) => f.includes('event: status')), 5000, 'a status event');
    expect(await within(s.closed, 600)).toBe('still open');
  });

  it('logout closes the stream opened with that session, at once, and not the other sessions', async () => {
    const headers = await session('leaver');
    const other = await stream(await session('leaver'));
    const s = await stream(headers);
    expect((await t.app.request('/api/v1/auth/logout', { method: 'POST', headers })).status).toBe(204);
    expect(await within(s.closed, 2000)).toBe('closed');
    expect(s.frames.at(-1)).toMatch(/event: end\ndata: \{"reason":"session ended"\}/);
    expect(await within(other.closed, 600)).toBe('still open');
  });

  it('a password change closes the streams of the old sessions', async () => {
    const headers = await session('changer');
    const s = await stream(headers);
    const res = await t.json('POST', '/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'changer-new-pass' }, headers);
    expect(res.status).toBe(200);
    expect(await within(s.closed, 2000)).toBe('closed');
  });

  it('an expired session closes its stream at the next check', async () => {
    const s = await stream(await session('expiring'));
    await db.pool.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = 'expiring')",
    );
    expect(await within(s.closed, 3000)).toBe('closed');
  });

  it('disabling the user from the command line (another process) closes their streams', async () => {
    const s = await stream(await session('disabled-later'));
    const r = await runCli(db.url, ['user', 'disable', 'disabled-later']);
    expect(r.code, r.stderr).toBe(0);
    expect(await within(s.closed, 3000)).toBe('closed');
  });

  it('revoking an API token closes the stream opened with it', async () => {
    await ensureTestUser(db, 'viewer', 'script');
    const made = JSON.parse((await runCli(db.url, ['user', 'token', 'script', '--json'])).stdout) as { token: string; id: number };
    const s = await stream({ Authorization: `Bearer ${made.token}` });
    const admin = await t.login('admin');
    expect((await t.app.request(`/api/v1/tokens/${made.id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    expect(await within(s.closed, 2000)).toBe('closed');
  });
});
