// Issue 14, "the engineer's journey", walked in the browser as an engineer does it: log in, read
// the coverage of the county, jump to the 2020-12-31 deadline, read why the worst blind spots are
// blind, and hand the figures over. One truth: each figure is the same in every place it appears
// — the coverage panel, GET /api/v1/coverage, `xueliang coverage --json`, the deadline panel and
// the coverage report (HTML and CSV). And where nobody recorded which cameras worked, the panel
// says 无监测记录 instead of 0 %.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

const CLASSES = ['intersection', 'road', 'hotspot', 'crowded_place'] as const;
type Rates = Record<(typeof CLASSES)[number], number | null>;
type Report = {
  statusFrom: string | null;
  areas: Array<{ areaId: number | null; code: string | null; classes: Record<string, { rate: number | null }> }>;
};

const ratesOf = (r: Report, code: string | null = null): Rates =>
  Object.fromEntries(
    CLASSES.map((c) => [c, r.areas.find((a) => (code === null ? a.areaId === null : a.code === code))!.classes[c]!.rate]),
  ) as Rates;

describe("the engineer's journey", () => {
  let fx: AppFixture;
  let page: Page;
  const api = async (path: string): Promise<Report> => {
    const res = await page.request.get(`${fx.baseUrl}/api/v1${path}`);
    expect(res.status(), path).toBe(200);
    return (await res.json()) as Report;
  };
  const cli = async (...args: string[]): Promise<Report> => {
    const out = await runCli(fx.db.url, ['coverage', '--json', ...args]);
    expect(out.code, out.stderr).toBe(0);
    return JSON.parse(out.stdout) as Report;
  };
  /** The coverage panel's figures once it shows `day` ('today' or YYYY-MM-DD). */
  const panel = async (day: string): Promise<{ design: Rates; now: Rates }> => {
    await page.waitForSelector(`[data-testid=coverage-workspace][data-figures-as-of="${day}"]`, { timeout: 60_000 });
    const read = async (mode: 'design' | 'now') =>
      Object.fromEntries(
        await Promise.all(
          CLASSES.map(async (c) => {
            const v = await page.getByTestId(`rate-${mode}-${c}`).getAttribute('data-rate');
            return [c, v === '' || v === null ? null : Number(v)] as const;
          }),
        ),
      ) as Rates;
    return { design: await read('design'), now: await read('now') };
  };
  const expectSame = (a: Rates, b: Rates, what: string) => {
    for (const c of CLASSES) {
      if (b[c] === null) expect(a[c], `${what} ${c}`).toBeNull();
      else expect(a[c], `${what} ${c}`).toBeCloseTo(b[c]!, 12);
    }
  };

  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('reads the same coverage today in the panel, the API, the CLI and the coverage report (HTML and CSV)', async () => {
    const shown = await panel('today');
    const design = ratesOf(await api('/coverage'));
    const now = ratesOf(await api('/coverage?now=1'));
    expectSame(shown.design, design, 'panel design');
    expectSame(shown.now, now, 'panel now');
    expectSame(ratesOf(await cli()), design, 'CLI design');
    expectSame(ratesOf(await cli('--now')), now, 'CLI now');
    for (const c of CLASSES) expect(now[c]!, c).toBeLessThanOrEqual(design[c]!);

    // The report is the county's (the demo's top area); its figures are the API's for that code.
    const county = (await api('/coverage')).areas.find((a) => a.code !== null && a.areaId !== null)!.code!;
    const countyDesign = ratesOf(await api('/coverage'), county);
    const countyNow = ratesOf(await api('/coverage?now=1'), county);
    const csv = await (await page.request.get(`${fx.baseUrl}/api/v1/exports/coverage-report.csv`)).text();
    const cell = (cls: string, item: string) => {
      const line = csv.split('\r\n').find((l) => l.startsWith(`coverage,${county},`) && l.includes(`,${cls},${item},`));
      return Number(line!.split(',').at(-2));
    };
    for (const c of CLASSES) {
      expect(cell(c, 'rate_design'), `CSV design ${c}`).toBeCloseTo(countyDesign[c]!, 12);
      expect(cell(c, 'rate_now'), `CSV now ${c}`).toBeCloseTo(countyNow[c]!, 12);
    }
    const html = await (await page.request.get(`${fx.baseUrl}/api/v1/exports/coverage-report.html`)).text();
    // The report writes rates as "88.6%" (the glossary's formatRate).
    const pcts = [...html.matchAll(/<td class="n">(\d+\.\d) ?%/g)].map((m) => Number(m[1]));
    for (const c of CLASSES) {
      expect(pcts, `HTML design ${c}`).toContain(Number((countyDesign[c]! * 100).toFixed(1)));
      expect(pcts, `HTML now ${c}`).toContain(Number((countyNow[c]! * 100).toFixed(1)));
    }
  });

  it('jumps to the 2020-12-31 deadline and reads design and now there, the same in every place', async () => {
    await page.getByTestId('jump-deadline').click();
    const shown = await panel('2020-12-31');
    const design = ratesOf(await api('/coverage?asOf=2020-12-31'));
    const now = ratesOf(await api('/coverage?asOf=2020-12-31&now=1'));
    expectSame(shown.design, design, 'panel design');
    expectSame(shown.now, now, 'panel now');
    expectSame(ratesOf(await cli('--as-of', '2020-12-31')), design, 'CLI design');
    expectSame(ratesOf(await cli('--as-of', '2020-12-31', '--now')), now, 'CLI now');
    // The demo has a status history since its first cameras: "now" is known at the deadline.
    for (const c of CLASSES) {
      expect(now[c], c).not.toBeNull();
      expect(now[c]!, c).toBeGreaterThan(0);
    }
    // The map's clusters count the cameras standing that day (the camera tiles of every date,
    // filtered in the browser), as the database does; the whole county is in view.
    await page.waitForFunction(() => window.__xl?.viewportLoadedFor.cameras === '2020-12-31', undefined, { timeout: 60_000 });
    const standing = async (day: string) =>
      (
        await fx.db.pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM cameras WHERE (install_date IS NULL OR install_date <= $1) AND (removal_date IS NULL OR removal_date > $1)',
          [day],
        )
      ).rows[0]!.n;
    const clustered = await page.evaluate(() => window.__xl!.pickClusters!().reduce((n, c) => n + c.count, 0));
    expect(clustered).toBe(await standing('2020-12-31'));
    expect(clustered).toBeLessThan(await standing('2026-01-01'));
    await page.getByTestId('tab-deadline').click();
    for (const c of CLASSES) {
      await expect(page.getByTestId(`deadline-rate-${c}`).getAttribute('data-rate').then(Number)).resolves.toBeCloseTo(design[c]!, 9);
      await expect(page.getByTestId(`deadline-now-${c}`).getAttribute('data-rate').then(Number)).resolves.toBeCloseTo(now[c]!, 9);
    }
    // 在线率, 完好率 and 联网率 beside coverage (issue 18): at the deadline the fleet's record of
    // that day, today the status summary; a figure with no record is "—", never 0 %.
    type Health = { online: number | null; working: number | null; networked: number | null };
    const shownHealth = async (id: string): Promise<Health> => {
      const read = async (k: string) => {
        const row = page.getByTestId(`${id}-${k}`);
        const v = await row.getAttribute('data-rate');
        const text = await row.locator('td').first().textContent();
        if (v === '' || v === null) {
          expect(text, `${id} ${k}`).toBe('—');
          return null;
        }
        expect(text, `${id} ${k}`).toMatch(/%$/);
        return Number(v);
      };
      return { online: await read('online'), working: await read('working'), networked: await read('networked') };
    };
    const rollup = (await (
      await page.request.get(`${fx.baseUrl}/api/v1/status/rollups?level=all&period=day&from=2020-12-31&to=2020-12-31`)
    ).json()) as {
      rows: Array<{
        areaCode: string | null;
        onlineRateTimeWeighted: number | null;
        workingRateTimeWeighted: number | null;
        networkedRate: number | null;
      }>;
    };
    const fleetThen = rollup.rows.find((r) => r.areaCode === null);
    // The demo's generated history writes the deadline day's daily records: figures, not "—".
    expect(fleetThen?.onlineRateTimeWeighted ?? null).not.toBeNull();
    expect(await shownHealth('deadline-health')).toEqual({
      online: fleetThen?.onlineRateTimeWeighted ?? null,
      working: fleetThen?.workingRateTimeWeighted ?? null,
      networked: fleetThen?.networkedRate ?? null,
    });
    const summary = (await (await page.request.get(`${fx.baseUrl}/api/v1/status/summary`)).json()) as {
      onlineRate: number | null;
      workingRate: number | null;
      networkedRate: number | null;
    };
    expect(summary.onlineRate).not.toBeNull();
    expect(await shownHealth('today-health')).toEqual({
      online: summary.onlineRate,
      working: summary.workingRate,
      networked: summary.networkedRate,
    });
    await screenshot(page, 'engineer-deadline-design-and-now');
    await page.getByTestId('tab-coverage').click();
  });

  it('explains the worst blind spots: required and achieved, the building, the score; 20 a page of the total', async () => {
    await page.getByRole('button', { name: '今天' }).click();
    await panel('today');
    const total = (await page.request.get(`${fx.baseUrl}/api/v1/blind-spots?limit=1`).then((r) => r.json())) as { total: number };
    await expect(page.getByTestId('blind-spot-total').textContent()).resolves.toContain(total.total.toLocaleString('zh-CN'));
    const items = page.getByTestId('blind-spot');
    await expect(items.count()).resolves.toBe(20);
    for (let i = 0; i < 20; i++) {
      const why = (await items.nth(i).getByTestId('blind-spot-why').textContent()) ?? '';
      // The level by its glossary name (观察, 识别, …), as everywhere on screen.
      expect(why, `spot ${i + 1}`).toMatch(/要求 \S+ 等级：[\d.]+ 像素\/米/);
      await expect(items.nth(i).getByTestId('blind-spot-score').textContent()).resolves.toMatch(/得分 [\d,]+ = 优先级/);
    }
    const reasons = await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.reason));
    const occluded = reasons.indexOf('occluded');
    if (occluded >= 0) await expect(items.nth(occluded).getByTestId('blind-spot-why').textContent()).resolves.toMatch(/建筑 #\d+/);
    await page.getByTestId('blind-spot-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'blind-spot-explanation');
    await page.getByTestId('blind-spots-next').click();
    await expect(page.locator('[data-testid=blind-spot-list]').getAttribute('start')).resolves.toBe('21');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=blind-spot] [data-testid=blind-spot-why]').length === 20);
    const xlsx = await page.request.get(`${fx.baseUrl}${await page.getByTestId('export-blind-spots-xlsx').getAttribute('href')}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  });

  it("lists another date's blind spots (its own total) once its figures and map are in", async () => {
    await page.getByRole('button', { name: '今天' }).click();
    await panel('today');
    await page.waitForSelector('[data-testid=blind-spot-total]');
    await page.getByTestId('jump-deadline').click();
    await panel('2020-12-31');
    const deadline = (await page.request.get(`${fx.baseUrl}/api/v1/blind-spots?asOf=2020-12-31&limit=1`).then((r) => r.json())) as {
      total: number;
    };
    // The list comes in after the figures (at most 3 s after them when the map is slow to draw).
    await page.waitForSelector('[data-testid=blind-spot-list]:not([aria-busy=true])', { timeout: 30_000 });
    await expect(page.getByTestId('blind-spots-loading').count()).resolves.toBe(0);
    await expect(page.getByTestId('blind-spot-total').textContent()).resolves.toContain(deadline.total.toLocaleString('zh-CN'));
    await page.getByRole('button', { name: '今天' }).click();
    await panel('today');
  });

  it('says 无监测记录 (No monitoring records) where nobody recorded which cameras worked, never 0 %', async () => {
    // As if monitoring had begun on 2021-03-01.
    await fx.db.pool.query("DELETE FROM camera_status_events WHERE at < '2021-03-01T00:00:00+08:00'");
    await fx.db.pool.query("UPDATE camera_status SET since = greatest(since, '2021-03-01T00:00:00+08:00')");
    await page.getByTestId('jump-deadline').click();
    const shown = await panel('2020-12-31');
    for (const c of CLASSES) expect(shown.now[c], c).toBeNull();
    await expect(page.getByTestId('now-unknown').textContent()).resolves.toContain('无监测记录');
    await expect(page.getByTestId('now-unknown').textContent()).resolves.toContain('2021');
    const r = await api('/coverage?asOf=2020-12-31&now=1');
    expect(r.statusFrom).toBe('2021-03-01');
    expectSame(ratesOf(await cli('--as-of', '2020-12-31', '--now')), ratesOf(r), 'CLI now');
    await screenshot(page, 'engineer-no-monitoring-records');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('now-unknown').textContent()).resolves.toContain('No monitoring records');
    await page.getByRole('button', { name: '中文' }).click();
  });
});
