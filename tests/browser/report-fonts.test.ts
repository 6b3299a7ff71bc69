// The inspector reads the report on any machine (issue 17): on a Debian workstation or a kiosk
// without a CJK system font the coverage report and the ECharts deadline chart drew Chinese as
// empty boxes, although the app bundles Noto Sans SC. Chromium runs here with every CJK system
// font hidden (fontconfig limited to the others), so the tests mean the same on any machine; a
// control check proves the hiding worked (the fallback font draws two different Hanzi alike).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../vocabulary/glossary';
import { ARTIFACTS, logIn, startAppFixture, type AppFixture } from './support/app-fixture';
import { axeViolations } from './support/axe';
import { join } from 'node:path';

/** Whether a font draws '视' and '频' differently (real glyphs) or alike (empty boxes). */
async function drawsHanzi(page: Page, fontFamily: string): Promise<boolean> {
  return page.evaluate(async (family) => {
    await document.fonts.load(`48px ${family}`, '视频');
    const draw = (ch: string) => {
      const c = document.createElement('canvas');
      c.width = 64;
      c.height = 64;
      const ctx = c.getContext('2d')!;
      ctx.font = `48px ${family}`;
      ctx.fillText(ch, 4, 52);
      return Array.from(ctx.getImageData(0, 0, 64, 64).data);
    };
    const a = draw('视');
    const b = draw('频');
    return a.some((v, i) => v !== b[i]);
  }, fontFamily);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('report and chart fonts without CJK system fonts', () => {
  let fx: AppFixture;
  let page: Page;
  beforeAll(async () => {
    fx = await startAppFixture({ withoutCjkSystemFonts: true });
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('has no CJK system font in this browser (the control: the fallback draws boxes)', async () => {
    expect(await drawsHanzi(page, 'sans-serif')).toBe(false);
  });

  it('draws the report’s Chinese with the bundled Noto Sans SC, loaded from our server', async () => {
    const report = await fx.context.newPage();
    const fonts: string[] = [];
    report.on('response', (r) => {
      if (r.url().includes('/api/v1/fonts/')) fonts.push(`${r.status()} ${r.url()}`);
    });
    await report.goto(`${fx.baseUrl}/api/v1/exports/coverage-report.html`);
    const facts = await report.evaluate(async () => {
      await document.fonts.ready;
      const h1 = document.querySelector('h1')!;
      const text = document.body.innerText;
      const loaded = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'Noto Sans SC' && f.status === 'loaded');
      return {
        h1: h1.textContent ?? '',
        family: getComputedStyle(h1).fontFamily,
        loadedFaces: loaded.length,
        checkHeading: document.fonts.check('16px "Noto Sans SC"', h1.textContent ?? ''),
        checkAll: document.fonts.check('16px "Noto Sans SC"', text),
      };
    });
    expect(facts.h1).toContain('视频监控覆盖报告');
    expect(facts.family).toMatch(/^["']?Noto Sans SC/);
    expect(facts.loadedFaces).toBeGreaterThan(1);
    expect(facts.checkHeading).toBe(true);
    expect(facts.checkAll).toBe(true);
    expect(fonts.length).toBeGreaterThan(1);
    for (const f of fonts) expect(f).toMatch(/^200 /);
    expect(await drawsHanzi(report, '"Noto Sans SC"')).toBe(true);
    await report.screenshot({ path: join(ARTIFACTS, 'report-without-cjk-system-fonts-zh.png'), fullPage: true });
    await report.goto(`${fx.baseUrl}/api/v1/exports/coverage-report.html?lang=en`);
    await report.evaluate(() => document.fonts.ready);
    await expect(report.locator('h1').textContent()).resolves.toContain('Video coverage report');
    await report.screenshot({ path: join(ARTIFACTS, 'report-without-cjk-system-fonts-en.png'), fullPage: true });
    await report.close();
  });

  it('the report has no serious or critical accessibility violation', async () => {
    const report = await fx.context.newPage();
    await report.goto(`${fx.baseUrl}/api/v1/exports/coverage-report.html`);
    await report.evaluate(() => document.fonts.ready);
    expect(await axeViolations(report)).toEqual([]);
    await report.close();
  });

  it('the deadline chart draws its Chinese with the bundled font, and its legend stays clear of the axis and the plot', async () => {
    await page.getByTestId('tab-deadline').click();
    const chart = page.getByTestId('deadline-chart');
    await chart.locator('svg text').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => document.querySelector('[data-testid=deadline-chart]')?.getAttribute('data-plot') !== null,
      undefined,
      {
        timeout: 30_000,
      },
    );
    const classNames = Object.values(labels('zh', 'targetClass'));
    const facts = await page.evaluate(async (names) => {
      await document.fonts.ready;
      const el = document.querySelector('[data-testid=deadline-chart]')!;
      const texts = [...el.querySelectorAll('svg text')].map((t) => {
        const r = t.getBoundingClientRect();
        return {
          text: t.textContent ?? '',
          family: getComputedStyle(t).fontFamily,
          box: { x: r.x, y: r.y, width: r.width, height: r.height },
        };
      });
      const [x0, y0, x1, y1] = el.getAttribute('data-plot')!.split(',').map(Number) as [number, number, number, number];
      const host = el.getBoundingClientRect();
      return {
        texts,
        plot: { x: host.x + x0, y: host.y + y0, width: x1 - x0, height: y1 - y0 },
        host: { x: host.x, y: host.y, width: host.width, height: host.height },
        fontsOk: document.fonts.check('12px "Noto Sans SC"', names.join('')),
      };
    }, classNames);
    const legend = facts.texts.filter((t) => classNames.includes(t.text));
    expect(legend.map((t) => t.text).sort()).toEqual([...classNames].sort());
    for (const t of legend) expect(t.family, t.text).toMatch(/Noto Sans SC/);
    expect(facts.fontsOk).toBe(true);
    expect(await drawsHanzi(page, '"Noto Sans SC"')).toBe(true);
    const others = facts.texts.filter((t) => !classNames.includes(t.text) && t.text.trim() !== '');
    expect(others.length).toBeGreaterThan(3); // axis labels, the target and deadline marks
    for (const l of legend) {
      expect(overlap(l.box, facts.plot), `${l.text} over the plot`).toBe(false);
      for (const o of others) expect(overlap(l.box, o.box), `${l.text} over "${o.text}"`).toBe(false);
      expect(l.box.x >= facts.host.x - 1 && l.box.x + l.box.width <= facts.host.x + facts.host.width + 1, `${l.text} inside`).toBe(true);
      expect(l.box.y >= facts.host.y - 1 && l.box.y + l.box.height <= facts.host.y + facts.host.height + 1, `${l.text} inside`).toBe(true);
    }
    await chart.screenshot({ path: join(ARTIFACTS, 'deadline-chart-without-cjk-system-fonts.png') });
  });
});
