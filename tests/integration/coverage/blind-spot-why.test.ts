// Issue 14, "Why a spot is blind": the list showed only a label. Each blind spot now says what is
// required (level, px/m) and what the cameras near it achieve: the best camera's px/m and
// distance, the building that hides it (id, height), the near blind zone, or the camera that is
// down and since when; the rank's score is given, and the list has a total and pages.
// The facts must agree with the reason the engine judged, for every piece of the demo county.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratedCity } from '../../../gis-data/loaders/load-generated-city';
import { recomputeCoverage } from '../../../coverage-engine';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import type { ListedBlindSpot } from '../../../api/domain/blind-spots/list';
import { term } from '../../../vocabulary/glossary';

let db: TestDatabase;
let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadGeneratedCity(db.pool, { scale: 'demo', seed: 1, replace: false, statusUntil: '2026-06-01' });
  await recomputeCoverage(db.pool, { history: false });
  t = await createTestApp(db);
  headers = await t.login('viewer');
}, 240_000);
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

type Page = { total: number; items: ListedBlindSpot[]; nextCursor: number | null };
async function page(query: string): Promise<Page> {
  const res = await t.app.request(`/api/v1/blind-spots?${query}`, { headers });
  expect(res.status, query).toBe(200);
  return (await res.json()) as Page;
}

/** Every piece of a mode, explained, page by page. */
async function all(mode: 'design' | 'now'): Promise<{ total: number; items: ListedBlindSpot[] }> {
  const items: ListedBlindSpot[] = [];
  let cursor: number | null = 0;
  let total = 0;
  while (cursor !== null) {
    const p: Page = await page(`explain=1&limit=500&cursor=${cursor}${mode === 'now' ? '&now=1' : ''}`);
    items.push(...p.items);
    total = p.total;
    cursor = p.nextCursor;
  }
  return { total, items };
}

/** The fact a reason rests on, or a message saying what is missing. */
function disagreement(b: ListedBlindSpot): string | null {
  const w = b.why!;
  const req = w.required.ppm;
  switch (b.reason) {
    case 'occluded':
      return w.occluded === null ? 'occluded without a hiding building' : null;
    case 'near_blind_zone':
      return w.nearZone === null || !(w.nearZone.distanceM < w.nearZone.nearM + 0.1) ? 'near zone without a camera over it' : null;
    case 'low_detail':
      return w.best === null || !(w.best.ppm < req + 0.1) ? `low detail but best ${JSON.stringify(w.best)} vs ${req}` : null;
    case 'camera_down':
      return w.down === null || !(w.down.ppm >= req - 0.1) || w.down.state === 'OK'
        ? `down without a down camera ${JSON.stringify(w.down)}`
        : null;
    case 'no_camera':
      return w.best !== null || w.occluded !== null || w.nearZone !== null ? `no camera but ${JSON.stringify(w)}` : null;
    default:
      return `unknown reason ${b.reason}`;
  }
}

describe('the ranked list explains each blind spot', () => {
  it('has a total and pages: 20 at a time, in rank order, the pages adding up to the total', async () => {
    const first = await page('limit=20');
    expect(first.items).toHaveLength(20);
    expect(first.total).toBeGreaterThan(500);
    expect(first.nextCursor).toBe(20);
    const second = await page('limit=20&cursor=20');
    expect(second.items[0]!.score).toBeLessThanOrEqual(first.items[19]!.score);
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(40);
  });

  it('gives the score as priority × size (a metre of road weighing like 10 m²), the order of the list', async () => {
    const { items } = await page('limit=200');
    // measure is rounded to the cm (m²) in the list; the score is the engine's, from the exact one.
    for (const b of items) expect(b.score, String(b.id)).toBeCloseTo(b.priority * (b.unit === 'm' ? b.measure * 10 : b.measure), 0);
    for (let i = 1; i < items.length; i++) expect(items[i]!.score).toBeLessThanOrEqual(items[i - 1]!.score);
  });

  it.each(['design', 'now'] as const)(
    'gives every %s piece the facts its reason rests on',
    async (mode) => {
      const { total, items } = await all(mode);
      expect(items).toHaveLength(total);
      const wrong = items.map((b) => ({ id: b.id, reason: b.reason, problem: disagreement(b) })).filter((x) => x.problem !== null);
      expect(wrong.slice(0, 5)).toEqual([]);
      // Each reason occurs, so each kind of fact was really checked.
      const reasons = new Set(items.map((b) => b.reason));
      for (const r of mode === 'now'
        ? (['occluded', 'low_detail', 'camera_down', 'no_camera'] as const)
        : (['occluded', 'low_detail', 'near_blind_zone', 'no_camera'] as const))
        expect(reasons.has(r), r).toBe(true);
      for (const b of items) {
        expect(b.why!.required.level).toBe(b.level);
        expect(b.why!.required.ppm).toBeGreaterThan(10);
      }
    },
    180_000,
  );

  it('names the hiding building with its height, and the down camera with its state and since when', async () => {
    const { items } = await page('explain=1&now=1&limit=1000');
    const occ = items.find((b) => b.reason === 'occluded')!.why!.occluded!;
    const b = (await db.pool.query<{ height_m: number | null }>('SELECT height_m FROM buildings WHERE id = $1', [occ.buildingId])).rows[0];
    expect(b).toBeDefined();
    if (b!.height_m !== null) expect(occ.buildingHeightM).toBeCloseTo(b!.height_m, 0);
    const down = items.find((x) => x.reason === 'camera_down')!.why!.down!;
    const s = (
      await db.pool.query<{ state: string; since: Date }>('SELECT state, since FROM camera_status WHERE camera_id = $1', [down.cameraId])
    ).rows[0]!;
    expect(down.state).toBe(s.state);
    expect(s.state).not.toBe('OK');
    expect(Date.parse(down.since!)).toBe(s.since.getTime() - (s.since.getTime() % 1000));
  });

  it('exports the whole ranked list to Excel (xlsx) and CSV, with the score and the facts as columns', async () => {
    const list = await all('design');
    const res = await t.app.request('/api/v1/exports/blind-spots.xlsx?explain=1', { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    // The sheet's header row is the glossary's labels, as the CSV's (Chinese unless lang=en).
    const label = (code: string) => term('zh', 'column', code);
    expect(header).toEqual(
      expect.arrayContaining(['rank', 'score', 'reason', 'required_ppm', 'best_ppm', 'building_id', 'down_since'].map(label)),
    );
    expect(sheet.rowCount).toBe(list.total + 1);
    const col = (name: string) => header.indexOf(label(name)) + 1;
    for (const [i, b] of list.items.slice(0, 50).entries()) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(col('id')).value).toBe(b.id);
      expect(row.getCell(col('reason')).value).toBe(b.reason);
      expect(row.getCell(col('score')).value).toBe(b.score);
      expect(row.getCell(col('required_ppm')).value).toBe(b.why!.required.ppm);
      expect(row.getCell(col('best_ppm')).value ?? null).toBe(b.why!.best?.ppm ?? null);
      expect(row.getCell(col('building_id')).value ?? null).toBe(b.why!.occluded?.buildingId ?? null);
    }
    const csv = await (await t.app.request('/api/v1/exports/blind-spots.csv?explain=1', { headers })).text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(list.total + 1);
    expect(lines[0]).toContain(label('score'));
    expect(lines[0]).toContain(label('building_height_m'));
    const en = await (await t.app.request('/api/v1/exports/blind-spots.xlsx?explain=1&lang=en&class=road', { headers })).arrayBuffer();
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(Buffer.from(en) as unknown as ArrayBuffer);
    expect((enBook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(
      expect.arrayContaining([term('en', 'column', 'score'), term('en', 'column', 'required_ppm')]),
    );
  }, 120_000);
});
