import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../db/cluster';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { deviceId } from '../../helpers/api-fixtures';

const SWISS = join(REPO_ROOT, '..', 'shared', 'data', 'cameras', 'switzerland-osm-cameras.overpass.json');

interface Report {
  committed: boolean;
  counts: { rows: number; add: number; update: number; reject: number };
  rejections: { row: number; code: string; field: string | null }[];
  unmappedHeaders: string[];
}
interface DryRun {
  uploadId: string;
  report: Report;
}

describe('imports over HTTP (dry run, then commit)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    headers = await t.login('engineer');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const upload = (path: string, body: string | Buffer, h = headers) =>
    t.app.request(path, {
      method: 'POST',
      headers: { ...h, 'Content-Type': 'application/octet-stream' },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const count = async () => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n;

  it('a dry run explains each rejected row and writes nothing; a commit with rejections writes nothing either', async () => {
    const good = deviceId();
    const csv = `device_id,name,type,lon,lat,height_m,azimuth_deg,hfov_deg,resolution_h\n${good},Gate,fixed,109.03,32.68,6,90,60,1920\n12345,Bad id,fixed,109.03,32.68,6,90,60,1920\n${deviceId()},Bad azimuth,fixed,109.03,32.68,6,400,60,1920\n`;
    const before = await count();
    const res = await upload('/api/v1/imports/cameras?fileName=ledger.csv', csv);
    expect(res.status).toBe(200);
    const dry = (await res.json()) as DryRun;
    expect(dry.report.counts).toMatchObject({ rows: 3, add: 1, reject: 2 });
    expect(dry.report.rejections.map((r) => [r.row, r.code])).toEqual([
      [3, 'bad_device_id'],
      [4, 'azimuth_out_of_range'],
    ]);
    expect(await count()).toBe(before);
    const refused = await t.json('POST', `/api/v1/imports/cameras/${dry.uploadId}/commit`, {}, headers);
    expect(((await refused.json()) as { report: Report }).report.committed).toBe(false);
    expect(await count()).toBe(before);
    const done = await t.json('POST', `/api/v1/imports/cameras/${dry.uploadId}/commit`, { skipInvalid: true }, headers);
    expect(((await done.json()) as { report: Report }).report.committed).toBe(true);
    expect(await count()).toBe(before + 1);
    const audit = await db.pool.query("SELECT username FROM audit_log WHERE action = 'import' AND entity = 'camera'");
    expect(audit.rows).toEqual([{ username: 'test-engineer' }]);
  });

  it('the column-mapping step lets a ledger with unknown headers be read without editing the file', async () => {
    const csv = `编号X,name,type,lon,lat,height_m,azimuth_deg,hfov_deg,resolution_h\n${deviceId()},Gate,fixed,109.03,32.68,6,90,60,1920\n`;
    const dry = (await (await upload('/api/v1/imports/cameras?fileName=odd.csv', csv)).json()) as DryRun;
    expect(dry.report.unmappedHeaders).toContain('编号X');
    const again = await t.json('POST', `/api/v1/imports/cameras/${dry.uploadId}/dry-run`, { mapping: { 编号X: 'device_id' } }, headers);
    const report = ((await again.json()) as DryRun).report;
    expect(report.counts).toMatchObject({ rows: 1, add: 1, reject: 0 });
  });

  it('a multipart form upload (curl -F file=@ledger.csv) works like a raw body, the part naming the file', async () => {
    const csv = `device_id,name,type,lon,lat,height_m,azimuth_deg,hfov_deg,resolution_h\n${deviceId()},Gate,fixed,109.03,32.68,6,90,60,1920\n`;
    const form = new FormData();
    form.append('note', 'ignored field');
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'ledger.csv');
    const res = await t.app.request('/api/v1/imports/cameras', { method: 'POST', headers, body: form });
    expect(res.status).toBe(200);
    expect(((await res.json()) as DryRun).report.counts).toMatchObject({ rows: 1, add: 1, reject: 0 });
    const wrong = new FormData();
    wrong.append('upload', new Blob([csv]), 'ledger.csv');
    const missing = await t.app.request('/api/v1/imports/cameras', { method: 'POST', headers, body: wrong });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe('file');
    const small = await createTestApp(db, { uploadLimitBytes: 1000 });
    const big = new FormData();
    big.append('file', new Blob(['x'.repeat(5000)]), 'big.csv');
    expect(
      (await small.app.request('/api/v1/imports/cameras', { method: 'POST', headers: await small.login('engineer'), body: big })).status,
    ).toBe(413);
    await small.close();
  });

  it('an upload over the limit is 413, whether declared or only discovered while streaming', async () => {
    const small = await createTestApp(db, { uploadLimitBytes: 1000 });
    const h = await small.login('engineer');
    const big = 'x'.repeat(5000);
    const declared = await small.app.request('/api/v1/imports/cameras?fileName=big.csv', {
      method: 'POST',
      headers: { ...h, 'Content-Length': '5000' },
      body: big,
    });
    expect(declared.status).toBe(413);
    const streamed = await small.app.request('/api/v1/imports/cameras?fileName=big.csv', {
      method: 'POST',
      headers: h,
      body: new ReadableStream({
        start(ctl) {
          for (let i = 0; i < 5; i += 1) ctl.enqueue(new TextEncoder().encode(big));
          ctl.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    await small.close();
  });

  it("a viewer cannot import, and one engineer cannot commit another's upload", async () => {
    expect((await upload('/api/v1/imports/cameras?fileName=a.csv', 'device_id\n', await t.login('viewer'))).status).toBe(403);
    const dry = (await (
      await upload('/api/v1/imports/cameras?fileName=a.csv', `device_id,lon,lat\n${deviceId()},109,32\n`)
    ).json()) as DryRun;
    const other = await t.login('admin');
    expect((await t.json('POST', `/api/v1/imports/cameras/${dry.uploadId}/commit`, {}, other)).status).not.toBe(403); // admin may
    const { createUser } = await import('../../../api/domain/users/users');
    await createUser(db.pool, { username: 'eng2', password: 'eng2-password-1', role: 'engineer' });
    const login = await t.json('POST', '/api/v1/auth/login', { username: 'eng2', password: 'eng2-password-1' });
    const h2 = {
      Cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      'X-CSRF-Token': ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    const dry2 = (await (
      await upload('/api/v1/imports/cameras?fileName=b.csv', `device_id,lon,lat\n${deviceId()},109,32\n`)
    ).json()) as DryRun;
    expect((await t.json('POST', `/api/v1/imports/cameras/${dry2.uploadId}/commit`, {}, h2)).status).toBe(403);
  });

  it.skipIf(!existsSync(SWISS))('imports the Switzerland OSM camera file (shared data present) through dry run and commit', async () => {
    const body = readFileSync(SWISS);
    const dry = (await (await upload('/api/v1/imports/cameras?fileName=switzerland-osm-cameras.overpass.json', body)).json()) as DryRun;
    expect(dry.report.counts.rows).toBeGreaterThan(1000);
    expect(dry.report.counts.add).toBeGreaterThan(1000);
    const before = await count();
    const done = (await (
      await t.json('POST', `/api/v1/imports/cameras/${dry.uploadId}/commit`, { skipInvalid: true }, headers)
    ).json()) as { report: Report };
    expect(done.report.committed).toBe(true);
    expect(await count()).toBe(before + done.report.counts.add);
  });
});
