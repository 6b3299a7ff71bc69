// Issue 15 item 8, audit gaps: failed logins and lockouts, logouts, failed password changes and
// refused snapshot reads were not recorded; CLI actions appeared as `cli:unknown`; import commits
// recorded only counts and import_runs.created_by was NULL; admins had no way to read the log.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../helpers/api';
import { deviceId } from '../../helpers/api-fixtures';
import { REPO_ROOT } from '../../helpers/cli';

interface Entry {
  id: number;
  at: string;
  userId: number | null;
  username: string;
  action: string;
  entity: string;
  entityId: string | null;
  after: Record<string, unknown> | null;
  address: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ledger = (ids: string[]) =>
  `device_id,name,type,lon,lat,height_m,azimuth_deg,hfov_deg,resolution_h\n${ids.map((id) => `${id},Gate ${id.slice(-3)},fixed,109.03,32.68,6,90,60,1920`).join('\n')}\n`;

describe('audit log', () => {
  let db: TestDatabase;
  let t: TestApp;
  let dir: string;

  const entries = async (where: string, params: unknown[] = []) =>
    (
      await db.pool.query<{
        username: string;
        user_id: number | null;
        action: string;
        entity: string;
        entity_id: string | null;
        after: Record<string, unknown> | null;
        address: string | null;
      }>(`SELECT username, user_id, action, entity, entity_id, after, address FROM audit_log WHERE ${where} ORDER BY id`, params)
    ).rows;

  /** The real CLI with $USER and $LOGNAME unset, as under a supervisor or cron. */
  const cliWithoutUser = async (args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url };
    delete env.USER;
    delete env.LOGNAME;
    delete env.SUDO_USER;
    return promisify(execFile)(process.execPath, [join(REPO_ROOT, 'bin', 'xueliang.mjs'), ...args], { env, cwd: REPO_ROOT });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db, { trustProxy: true });
    dir = mkdtempSync(join(tmpdir(), 'xl-audit-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
    await db.drop();
  });

  it('records failed logins with the name tried and the address, and the lockout they start', async () => {
    await t.login('viewer');
    for (let i = 0; i < 4; i += 1) {
      const res = await t.json(
        'POST',
        '/api/v1/auth/login',
        { username: 'test-viewer', password: `nope-${i}-nope` },
        { 'X-Forwarded-For': '198.51.100.7' },
      );
      expect(res.status).toBe(401);
    }
    const failed = await entries("action = 'login_failed'");
    expect(failed).toHaveLength(4);
    expect(failed[0]).toMatchObject({ username: 'test-viewer', entity: 'user', entity_id: 'test-viewer', address: '198.51.100.7' });
    const lockouts = await entries("action = 'lockout'");
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]!.after).toMatchObject({ scope: 'user_address', username: 'test-viewer', address: '198.51.100.7', failures: 4 });
  });

  it('records logouts', async () => {
    const headers = await t.login('planner');
    expect((await t.app.request('/api/v1/auth/logout', { method: 'POST', headers })).status).toBe(204);
    expect(await entries("action = 'logout'")).toMatchObject([{ username: 'test-planner', entity: 'session' }]);
  });

  it('records refused snapshot reads with who asked for which camera', async () => {
    const id = deviceId();
    const res = await t.app.request(`/api/v1/cameras/${id}/snapshot`, { headers: await t.login('viewer') });
    expect(res.status).toBe(403);
    expect(await entries("action = 'view_refused'")).toMatchObject([{ username: 'test-viewer', entity: 'camera_snapshot', entity_id: id }]);
  });

  it('names the OS user for command-line actions even when $USER is unset', async () => {
    await cliWithoutUser(['user', 'add', 'from-cli', '--role', 'viewer', '--json']);
    const rows = await entries("action = 'create' AND entity = 'user'");
    expect(rows.map((r) => r.username)).toEqual([`cli:${userInfo().username}`]);
  });

  it('an import commit over HTTP records the file hash, the device ids added and updated, and who (also in import_runs)', async () => {
    const headers = await t.login('engineer');
    const ids = [deviceId(), deviceId()];
    const upload = async (csv: string) => {
      const dry = await t.app.request('/api/v1/imports/cameras?fileName=ledger.csv', {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/octet-stream' },
        body: csv,
      });
      const { uploadId } = (await dry.json()) as { uploadId: string };
      const done = await t.json('POST', `/api/v1/imports/cameras/${uploadId}/commit`, {}, headers);
      expect(done.status).toBe(200);
    };
    const first = ledger(ids);
    await upload(first);
    const more = deviceId();
    // ids[0] again with a new height: an update (a camera the file leaves unchanged is not written, so not audited as updated).
    const second = ledger([ids[0]!, more]).replace(
      `${ids[0]},Gate ${ids[0]!.slice(-3)},fixed,109.03,32.68,6,`,
      `${ids[0]},Gate ${ids[0]!.slice(-3)},fixed,109.03,32.68,7,`,
    );
    expect(second).not.toBe(ledger([ids[0]!, more]));
    await upload(second);
    const imports = await entries("action = 'import' AND entity = 'camera'");
    expect(imports).toHaveLength(2);
    expect(imports[0]!.username).toBe('test-engineer');
    expect(imports[0]!.after).toMatchObject({ fileName: 'ledger.csv', fileSha256: sha256(first), added: ids, updated: [] });
    expect(imports[1]!.after).toMatchObject({ fileSha256: sha256(second), added: [more], updated: [ids[0]] });
    const runs = await db.pool.query<{ created_by: string | null; file_sha256: string | null; committed: boolean }>(
      'SELECT created_by, file_sha256, committed FROM import_runs WHERE committed ORDER BY id',
    );
    expect(runs.rows).toEqual([
      { created_by: 'test-engineer', file_sha256: sha256(first), committed: true },
      { created_by: 'test-engineer', file_sha256: sha256(second), committed: true },
    ]);
  });

  it('an import commit from the command line records the OS user and the file hash', async () => {
    const id = deviceId();
    const csv = ledger([id]);
    const file = join(dir, 'cli-ledger.csv');
    writeFileSync(file, csv);
    await cliWithoutUser(['import', 'cameras', file, '--commit', '--json']);
    const rows = await entries("action = 'import' AND username LIKE 'cli:%'");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.username).toBe(`cli:${userInfo().username}`);
    expect(rows[0]!.after).toMatchObject({ fileName: 'cli-ledger.csv', fileSha256: sha256(csv), added: [id] });
    const run = await db.pool.query<{ created_by: string }>('SELECT created_by FROM import_runs WHERE file_sha256 = $1', [sha256(csv)]);
    expect(run.rows.map((r) => r.created_by)).toContain(`cli:${userInfo().username}`);
  });

  it('GET /api/v1/audit filters by actor, action, target and time, and pages newest first; admins only', async () => {
    const admin = await t.login('admin');
    expect((await t.app.request('/api/v1/audit', { headers: await t.login('engineer') })).status).toBe(403);
    const get = async (qs: string) => {
      const res = await t.app.request(`/api/v1/audit?${qs}`, { headers: admin });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as { items: Entry[]; nextCursor: string | null };
    };
    const failed = await get('action=login_failed,lockout&actor=test-viewer');
    expect(failed.items.map((e) => e.action)).toEqual(['lockout', 'login_failed', 'login_failed', 'login_failed', 'login_failed']);
    const target = await get('entity=user&entityId=test-viewer&action=login_failed');
    expect(target.items).toHaveLength(4);
    // Paging: 2 at a time walks the same entries without gaps or repeats.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await get(
        `action=login_failed&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(failed.items.filter((e) => e.action === 'login_failed').map((e) => e.id));
    const future = await get('from=2999-01-01');
    expect(future.items).toEqual([]);
    const past = await get('to=2000-01-01');
    expect(past.items).toEqual([]);
    const bad = await t.app.request('/api/v1/audit?from=2021-02-29', { headers: admin });
    expect(bad.status).toBe(400);
  });

  it('exports the filtered log as CSV with the exports’ escaping (a hostile name cannot become a formula)', async () => {
    const hostile = "=HYPERLINK('http://evil')";
    await t.json('POST', '/api/v1/auth/login', { username: hostile, password: 'whatever-pass' }, { 'X-Forwarded-For': '203.0.113.9' });
    const res = await t.app.request('/api/v1/audit.csv?action=login_failed', { headers: await t.login('admin') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    // Read the bytes: Response.text() would drop the byte-order mark Excel needs.
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFid,at,username,user_id,action,entity,entity_id,address,before,after\r\n')).toBe(true);
    expect(text).toContain(`'${hostile}`);
    expect(text).not.toMatch(/\r\n=HYPERLINK/);
    expect(text.split('\r\n').filter((l) => l.includes('login_failed'))).toHaveLength(5);
    expect(text).not.toContain(TEST_PASSWORD);
  });
});
