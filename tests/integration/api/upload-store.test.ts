// Regression (issue 15 item 15): an upload that was never committed kept the ledger, ONVIF
// passwords in plain text, in the upload folder for at least an hour (expired uploads were only
// removed when someone uploaded again), and one user could fill the disk with uploads. Now an
// upload is stored encrypted (AES-256-GCM, its key wrapped with the credentials key), expires
// after a short time and is swept by the server itself, is deleted on commit or on request, and
// each user has a quota of pending uploads.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '../../../db/credentials';
import { sweepExpiredUploads } from '../../../api/domain/imports/upload-store';
import { createUser } from '../../../api/domain/users/users';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../helpers/api';
import { deviceId } from '../../helpers/api-fixtures';

const PASSWORD = 'Plain-Onvif-Pass-987';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('uploads at rest', () => {
  let db: TestDatabase;
  let t: TestApp;
  let h: Record<string, string>;
  /** The app's upload folder (XUELIANG_UPLOAD_DIR, then one folder per database). */
  let dir: string;
  beforeAll(async () => {
    process.env.XUELIANG_UPLOAD_DIR = mkdtempSync(join(tmpdir(), 'xl-uploads-'));
    db = await createTestDatabase();
    t = await createTestApp(db);
    dir = t.xl.deps.config.uploads.dir;
    expect(dir.startsWith(process.env.XUELIANG_UPLOAD_DIR)).toBe(true);
    h = await t.login('engineer');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
    delete process.env.XUELIANG_UPLOAD_DIR;
  });

  const ledger = (id = deviceId()) =>
    `device_id,name,type,lon,lat,onvif_url,onvif_user,onvif_password\n${id},Gate,fixed,109.03,32.68,http://10.0.0.9/onvif/device_service,admin,${PASSWORD}\n`;
  const upload = (app: TestApp, headers: Record<string, string>, body: string | Buffer, fileName = 'ledger.csv') =>
    app.app.request(`/api/v1/imports/cameras?fileName=${fileName}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/octet-stream' },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });

  it('no file of a pending upload holds the ONVIF password (or the ledger) in clear, and the upload still dry-runs and commits', async () => {
    const id = deviceId();
    const res = await upload(t, h, ledger(id));
    expect(res.status).toBe(200);
    const { uploadId, report } = (await res.json()) as { uploadId: string; report: { counts: { add: number } } };
    expect(report.counts.add).toBe(1);
    const files = filesUnder(join(dir, uploadId));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(PASSWORD)), f).toBe(false);
      expect(bytes.includes(Buffer.from('device_id,name')), f).toBe(false);
    }
    const rerun = await t.json('POST', `/api/v1/imports/cameras/${uploadId}/dry-run`, {}, h);
    expect(rerun.status).toBe(200);
    const commit = await t.json('POST', `/api/v1/imports/cameras/${uploadId}/commit`, {}, h);
    expect(((await commit.json()) as { report: { committed: boolean } }).report.committed).toBe(true);
    const { rows } = await db.pool.query<{ enc: Buffer }>('SELECT onvif_password_enc AS enc FROM cameras WHERE device_id = $1', [id]);
    expect(decryptSecret(rows[0]!.enc)).toBe(PASSWORD);
    // Committed: the upload is gone at once.
    expect(existsSync(join(dir, uploadId))).toBe(false);
  });

  it('an .xlsx upload is zip-checked and read from the encrypted file (no zip, no plaintext copy on disk)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('ledger');
    ws.addRow(['device_id', 'name', 'type', 'lon', 'lat', 'onvif_password']);
    ws.addRow([deviceId(), 'Gate', 'fixed', 109.03, 32.68, PASSWORD]);
    const res = await upload(t, h, Buffer.from(await wb.xlsx.writeBuffer()), 'ledger.xlsx');
    const json = (await res.json()) as { uploadId: string; report: { counts: { add: number; reject: number } } };
    expect(res.status, JSON.stringify(json)).toBe(200);
    expect(json.report.counts).toMatchObject({ add: 1, reject: 0 });
    for (const f of filesUnder(join(dir, json.uploadId))) expect(readFileSync(f).subarray(0, 2).toString('latin1'), f).not.toBe('PK');
  });

  it('expired uploads are swept, pending ones are not, and an expired upload cannot be committed', async () => {
    const { uploadId } = (await (await upload(t, h, ledger())).json()) as { uploadId: string };
    const policy = t.xl.deps.config.uploads;
    expect(policy.ttlMs).toBeLessThanOrEqual(30 * 60_000);
    sweepExpiredUploads(policy, Date.now());
    expect(existsSync(join(dir, uploadId))).toBe(true);
    sweepExpiredUploads(policy, Date.now() + policy.ttlMs + 1000);
    expect(existsSync(join(dir, uploadId))).toBe(false);
    expect((await t.json('POST', `/api/v1/imports/cameras/${uploadId}/commit`, {}, h)).status).toBe(404);
  });

  it('the server sweeps on its own: with a short expiry an upload disappears without another request', async () => {
    const quick = await createTestApp(db, { uploads: { ttlMs: 300 } });
    const { uploadId } = (await (await upload(quick, await quick.login('engineer'), ledger())).json()) as { uploadId: string };
    const deadline = Date.now() + 15_000;
    while (existsSync(join(dir, uploadId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(dir, uploadId))).toBe(false);
    await quick.close();
  });

  it('two servers on two databases keep their uploads apart (user ids are per database)', async () => {
    const other = await createTestDatabase();
    const app = await createTestApp(other);
    expect(app.xl.deps.config.uploads.dir).not.toBe(dir);
    await app.close();
    await other.drop();
  });

  it('each user has a quota of pending uploads: past it a 429 says what to do; discarding one frees room; others are not affected', async () => {
    const small = await createTestApp(db, { uploads: { quotaFiles: 2 } });
    const mine = await small.login('engineer');
    const first = (await (await upload(small, mine, ledger())).json()) as { uploadId: string };
    expect((await upload(small, mine, ledger())).status).toBe(200);
    const refused = await upload(small, mine, ledger());
    expect(refused.status).toBe(429);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('upload_quota');
    expect(error.message).toMatch(/2 uploads waiting/);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another engineer still may upload.
    await createUser(db.pool, { username: 'eng-b', password: TEST_PASSWORD, role: 'engineer' });
    const login = await small.json('POST', '/api/v1/auth/login', { username: 'eng-b', password: TEST_PASSWORD });
    const other = {
      Cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      'X-CSRF-Token': ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    expect((await upload(small, other, ledger())).status).toBe(200);
    // The other engineer cannot discard my upload; I can, and then there is room again.
    expect((await small.app.request(`/api/v1/imports/uploads/${first.uploadId}`, { method: 'DELETE', headers: other })).status).toBe(403);
    expect((await small.app.request(`/api/v1/imports/uploads/${first.uploadId}`, { method: 'DELETE', headers: mine })).status).toBe(204);
    expect(existsSync(join(dir, first.uploadId))).toBe(false);
    expect((await small.app.request(`/api/v1/imports/uploads/${first.uploadId}`, { method: 'DELETE', headers: mine })).status).toBe(404);
    expect((await upload(small, mine, ledger())).status).toBe(200);
    await small.close();
  });

  it('the byte quota counts what is being uploaded too', async () => {
    const small = await createTestApp(db, { uploads: { quotaBytes: 4096 } });
    const mine = await small.login('admin');
    expect((await upload(small, mine, ledger())).status).toBe(200);
    const big = `${ledger()}${'x,'.repeat(3000)}\n`;
    const res = await upload(small, mine, big);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('upload_quota');
    await small.close();
  });
});
