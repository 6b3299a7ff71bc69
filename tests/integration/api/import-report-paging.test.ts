// Regression (issue 15 item 1): the ledger import kept every rejected row in memory and returned
// all of them in one response (55 MB and 105 MB responses; a 26-million-row file of bad rows ran
// the API to its heap limit). Rejections are stored as they are found and paged; a response
// carries the counts and the first 100; a run stops, with the reason, at the row limit or the
// rejected-row limit, and a stopped run never commits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { deviceId } from '../../helpers/api-fixtures';
import { runCli } from '../../helpers/cli';

interface Rejection {
  row: number;
  code: string;
  deviceId: string | null;
}
interface Report {
  runId: number;
  committed: boolean;
  counts: { rows: number; add: number; reject: number };
  rejections: Rejection[];
  stopped: { reason: string; row: number; message: string } | null;
}
interface Page {
  runId: number;
  total: number;
  rejections: Rejection[];
  nextCursor: string | null;
}

const HEADER = 'device_id,name,type,lon,lat\n';
const good = (n: number) => Array.from({ length: n }, () => `${deviceId()},Gate,fixed,109.03,32.68\n`).join('');
const bad = (n: number) => Array.from({ length: n }, (_, i) => `X${i},Bad,fixed,109.03,32.68\n`).join('');

describe('import reports are stored and paged, and imports have limits', () => {
  let db: TestDatabase;
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    h = await t.login('engineer');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const upload = (app: TestApp, headers: Record<string, string>, csv: string) =>
    app.app.request('/api/v1/imports/cameras?fileName=ledger.csv', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/octet-stream' },
      body: csv,
    });
  const page = async (runId: number, query = '') => {
    const res = await t.app.request(`/api/v1/imports/runs/${runId}/rejections${query}`, { headers: h });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Page;
  };

  it('a dry run with 250 rejected rows answers with the counts and the first 100; the pages hold all 250 in row order', async () => {
    // Rejections found in file order and at the end (duplicates) still page in row order.
    const dupId = deviceId();
    const csv = `${HEADER}${dupId},First,fixed,109.03,32.68\n${bad(249)}${good(3)}${dupId},Again,fixed,109.03,32.68\n`;
    const res = await upload(t, h, csv);
    const { report } = (await res.json()) as { report: Report };
    expect(res.status).toBe(200);
    expect(report.counts).toMatchObject({ rows: 254, add: 4, reject: 250 });
    expect(report.rejections).toHaveLength(100);
    expect(report.rejections[0]).toMatchObject({ row: 3, code: 'bad_device_id' });
    expect(report.stopped).toBeNull();
    const seen: Rejection[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: Page = await page(report.runId, `?limit=60${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(p.total).toBe(250);
      expect(p.rejections.length).toBeLessThanOrEqual(60);
      seen.push(...p.rejections);
      cursor = p.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(5);
    expect(seen.map((r) => r.row)).toEqual([...Array.from({ length: 249 }, (_, i) => i + 3), 255]);
    expect(seen[seen.length - 1]).toMatchObject({ code: 'duplicate_device_id', deviceId: dupId });
    expect(seen.slice(0, 100)).toEqual(report.rejections);
  });

  it('the rejected-row limit stops the dry run with the reason, and a stopped run is never committed', async () => {
    const small = await createTestApp(db, { importLimits: { maxRejections: 50 } });
    const sh = await small.login('engineer');
    const before = (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n;
    const res = await upload(small, sh, `${HEADER}${good(5)}${bad(500)}`);
    const { uploadId, report } = (await res.json()) as { uploadId: string; report: Report };
    expect(report.counts).toMatchObject({ reject: 50, add: 5, rows: 55 });
    expect(report.stopped).toMatchObject({ reason: 'rejection_limit', row: 57 });
    expect(report.stopped!.message).toMatch(/50 rejected rows/);
    const commit = await small.json('POST', `/api/v1/imports/cameras/${uploadId}/commit`, { skipInvalid: true }, sh);
    const committed = ((await commit.json()) as { report: Report }).report;
    expect(committed.committed).toBe(false);
    expect(committed.stopped?.reason).toBe('rejection_limit');
    expect((await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n).toBe(before);
    await small.close();
  });

  it('the row limit stops the run with the reason', async () => {
    const small = await createTestApp(db, { importLimits: { maxRows: 20 } });
    const res = await upload(small, await small.login('engineer'), `${HEADER}${good(30)}`);
    const { report } = (await res.json()) as { report: Report };
    expect(report.counts.rows).toBe(20);
    expect(report.stopped).toMatchObject({ reason: 'row_limit', row: 22 });
    expect(report.stopped!.message).toMatch(/more than 20 rows/);
    await small.close();
  });

  it('paging refuses what it did not hand out: a bad cursor is 400, an unknown run 404, a viewer 403', async () => {
    const { report } = (await (await upload(t, h, `${HEADER}${bad(3)}`)).json()) as { report: Report };
    expect((await t.app.request(`/api/v1/imports/runs/${report.runId}/rejections?cursor=bm9wZQ`, { headers: h })).status).toBe(400);
    expect((await t.app.request('/api/v1/imports/runs/999999/rejections', { headers: h })).status).toBe(404);
    const viewer = await t.login('viewer');
    expect((await t.app.request(`/api/v1/imports/runs/${report.runId}/rejections`, { headers: viewer })).status).toBe(403);
    expect((await page(report.runId)).rejections.map((r) => r.row)).toEqual([2, 3, 4]);
  });

  it('the CLI takes the same limits as flags and lists every stored rejection in --json', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'xl-cli-')), 'bad.csv');
    writeFileSync(file, `${HEADER}${bad(300)}`);
    const r = await runCli(db.url, ['import', 'cameras', file, '--max-rejections', '120', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.rejections).toHaveLength(120);
    expect(report.stopped?.reason).toBe('rejection_limit');
  });
});
