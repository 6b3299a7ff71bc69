// The coverage report as a PDF, read with poppler as any reader's machine would (issue 17: the
// report could only be printed from a browser, whose Chinese came out as empty boxes without a
// CJK system font). The server makes an A4 PDF with the bundled Noto Sans SC embedded (a subset),
// Chinese first, with the same figures as GET /coverage, the map of blind spots per county and
// the deadline chart. Runs on the demo county (the browser tests' template database).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatClassMeasure, formatRate, term } from '../../../vocabulary/glossary';
import { REASON_COLOURS } from '../../../api/domain/exports/report-drawing';
import { buildCoverageReport } from '../../../api/domain/exports/coverage-report';
import { createDemoDatabase, type DemoDatabase } from '../../browser/support/demo-database';
import { createTestApp, type TestApp } from '../../helpers/api';

const POPPLER = process.env.XUELIANG_POPPLER_BIN ?? '/usr/bin';
const poppler = (tool: string, args: string[]) => execFileSync(join(POPPLER, tool), args, { encoding: 'utf8' });

/** A binary PPM (P6, what pdftoppm writes by default): RGB bytes, 3 per pixel. */
function readPpm(buf: Buffer): { width: number; height: number; data: Buffer } {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 64).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), data: buf.subarray(header[0].length) };
}

type Rates = { areas: Array<{ code: string | null; classes: Record<string, { rate: number; covered: number; total: number }> }> };

describe('coverage report PDF', () => {
  let db: DemoDatabase;
  let t: TestApp;
  let dir: string;
  let zhPath: string;
  let zhText: string;
  let topCode: string;
  beforeAll(async () => {
    db = await createDemoDatabase();
    t = await createTestApp(db);
    dir = mkdtempSync(join(tmpdir(), 'xl-report-pdf-'));
    topCode = (await db.pool.query<{ code: string }>('SELECT code FROM admin_areas WHERE parent_id IS NULL ORDER BY code LIMIT 1')).rows[0]!
      .code;
    const res = await t.app.request('/api/v1/exports/coverage-report.pdf', { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    zhPath = join(dir, 'report-zh.pdf');
    writeFileSync(zhPath, new Uint8Array(await res.arrayBuffer()));
    zhText = poppler('pdftotext', ['-layout', zhPath, '-']);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('prints on A4', () => {
    const info = poppler('pdfinfo', [zhPath]);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(2);
  });

  it('embeds the bundled Noto Sans SC as a subset, and no font it does not embed', () => {
    const rows = poppler('pdffonts', [zhPath]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // name type encoding emb sub uni object ID
      const cols = row.trim().split(/\s+/);
      expect(cols[0], row).toMatch(/^[A-Z]{6}\+NotoSansSC/);
      expect(cols.slice(-5, -2), row).toEqual(['yes', 'yes', 'yes']);
    }
  });

  it('is Chinese first: the headings and the glossary terms come out of the text layer', () => {
    for (const heading of ['视频监控覆盖报告', '各类目标覆盖率', '在线率与完好率', '盲区分布图', '逐月覆盖率', '盲区排名'])
      expect(zhText, heading).toContain(heading);
    for (const cls of ['intersection', 'road', 'hotspot', 'crowded_place']) expect(zhText).toContain(term('zh', 'targetClass', cls));
    expect(zhText).not.toContain('Video coverage report');
  });

  it('gives the same figures as GET /coverage for the area it reports', async () => {
    const api = (await (await t.app.request(`/api/v1/coverage?area=${topCode}`, { headers: await t.login('viewer') })).json()) as Rates;
    const area = api.areas.find((a) => a.code === topCode) ?? api.areas[0]!;
    const flat = zhText.replace(/\s+/g, ' ');
    for (const [cls, r] of Object.entries(area.classes)) {
      expect(flat, `${cls} rate`).toContain(formatRate('zh', r.rate));
      expect(flat, `${cls} total`).toContain(formatClassMeasure('zh', cls as 'road', r.total));
    }
  });

  it('draws the map of blind spots with the reasons coloured, and the deadline chart', async () => {
    // Every stored design blind spot of the county is on its map.
    const report = await buildCoverageReport(db.pool, undefined, { figures: true, blindSpots: 0 });
    const stored = Number(
      (await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM coverage_blind_spots WHERE mode = 'design'")).rows[0]!.n,
    );
    expect(stored).toBeGreaterThan(100);
    expect(report.figures!.maps.map((m) => m.blindSpots.length).reduce((a, b) => a + b, 0)).toBe(stored);
    // And they are drawn: render the pages and count pixels in the colours of two reasons that
    // no chart line uses (low detail, near blind zone); an empty map has only its legend swatches.
    const base = join(dir, 'page');
    execFileSync(join(POPPLER, 'pdftoppm'), ['-r', '72', zhPath, base]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.ppm'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const colours = ['low_detail', 'near_blind_zone'].map((r) => [1, 3, 5].map((i) => parseInt(REASON_COLOURS[r]!.slice(i, i + 2), 16)));
    let reasonPixels = 0;
    for (const p of pages) {
      const { data, width, height } = readPpm(readFileSync(join(dir, p)));
      for (let i = 0; i < width * height * 3; i += 3)
        if (colours.some(([r, g, b]) => Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 40))
          reasonPixels++;
    }
    // The two legend swatches are 2 × 10 × 8 pixels at 72 dpi: the map must add many times that.
    expect(reasonPixels).toBeGreaterThan(1000);
    expect(zhText).toContain(term('zh', 'blindSpotReason', 'no_camera'));
    expect(zhText).toMatch(/\d+ 公里/); // the scale bar
    // The chart: its axis, the target line's legend and the deadline.
    expect(zhText).toContain('100%');
    expect(zhText).toContain('目标 100%');
    expect(zhText).toMatch(/2020/);
  });

  it('speaks English with lang=en, the same figures in English formatting', async () => {
    const res = await t.app.request('/api/v1/exports/coverage-report.pdf?lang=en', { headers: await t.login('viewer') });
    const path = join(dir, 'report-en.pdf');
    writeFileSync(path, new Uint8Array(await res.arrayBuffer()));
    const text = poppler('pdftotext', ['-layout', path, '-']);
    for (const heading of ['Video coverage report', 'Coverage by target class', 'Online and working rates', 'Map of blind spots'])
      expect(text, heading).toContain(heading);
    expect(text).toContain(term('en', 'targetClass', 'crowded_place'));
    expect(text).not.toContain('各类目标覆盖率');
  });

  it('refuses an unknown area with the field named, and nobody reads it without login', async () => {
    const res = await t.app.request('/api/v1/exports/coverage-report.pdf?area=99999999', { headers: await t.login('viewer') });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('area');
    expect((await t.app.request('/api/v1/exports/coverage-report.pdf')).status).toBe(401);
  });
});
