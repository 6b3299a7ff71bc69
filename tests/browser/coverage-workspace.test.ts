// Coverage workspace and deadline panel: the engineer reads the same figures the API gives,
// moves the timeline to the 2020 deadline and sees the figures change, clicks a camera for its
// card, and the deadline chart draws.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, openCentralCameraCard, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';
import type { Schemas } from '../../web/src/api/client';
import { apiClassRate } from './support/coverage-api';

const RATE = '[data-testid=rate-design-intersection]';

async function shownRate(page: Page): Promise<number> {
  await page.locator(RATE).waitFor({ timeout: 30_000 });
  return Number(await page.locator(RATE).getAttribute('data-rate'));
}

describe('coverage workspace', () => {
  let fx: AppFixture;
  let page: Page;
  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('shows the intersection coverage rate the API computes, so the page and reports never disagree', async () => {
    const shown = await shownRate(page);
    const api = await page.evaluate(async () => (await fetch('/api/v1/coverage')).json() as Promise<Schemas['CoverageReport']>);
    const expected = apiClassRate(api, 'intersection');
    expect(expected).not.toBeNull();
    expect(shown).toBeCloseTo(expected!, 6);
    await screenshot(page, 'coverage-workspace');
  });

  it('shows the network as of the 2020-12-31 deadline when the timeline moves there, so progress toward the target is visible', async () => {
    const today = await shownRate(page);
    await page.getByTestId('jump-deadline').click();
    await page.waitForFunction(
      ([sel, before]) => {
        const v = document.querySelector(sel as string)?.getAttribute('data-rate');
        return v !== null && v !== undefined && v !== '' && Number(v) !== before;
      },
      [RATE, today] as const,
      { timeout: 30_000 },
    );
    const atDeadline = await shownRate(page);
    const api = await page.evaluate(
      async () => (await fetch('/api/v1/coverage?asOf=2020-12-31')).json() as Promise<Schemas['CoverageReport']>,
    );
    expect(atDeadline).toBeCloseTo(apiClassRate(api, 'intersection')!, 6);
    expect(atDeadline).toBeLessThan(today);
    await expect(page.getByTestId('as-of-date').textContent()).resolves.toContain('2020');
    await screenshot(page, 'coverage-at-deadline');
  });

  it('opens a camera card from the map, with the state the agent decided', async () => {
    const cluster = await page.evaluate(() => window.__xl!.pickClusters!().sort((a, b) => b.count - a.count)[0]);
    if (cluster !== undefined) await page.evaluate((ll) => window.__xl!.flyTo!(ll, 16.5), cluster.lngLat);
    await page.waitForFunction(() => (window.__xl?.pickCameras?.().length ?? 0) > 0, undefined, { timeout: 30_000 });
    const cam = await openCentralCameraCard(page);
    await expect(page.getByTestId('card-device-id').textContent()).resolves.toBe(cam.deviceId);
    await expect(page.getByTestId('card-state').textContent()).resolves.not.toBe('');
    await screenshot(page, 'coverage-camera-card');
  });

  it('draws the month-by-month deadline chart and states when 100 % would be reached', async () => {
    await page.getByTestId('tab-deadline').click();
    await page.getByTestId('deadline-chart').locator('svg').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-testid^=deadline-rate-]').first().waitFor({ timeout: 30_000 });
    const timeline = await page.evaluate(async () => (await fetch('/api/v1/coverage/timeline')).json());
    const apiDeadline = (timeline as { deadline: { classes: Record<string, { rate: number }> } }).deadline.classes.intersection!.rate;
    const shown = Number(await page.getByTestId('deadline-rate-intersection').getAttribute('data-rate'));
    expect(shown).toBeCloseTo(apiDeadline, 6);
    await expect(page.getByTestId('projected').textContent()).resolves.not.toBe('');
    await screenshot(page, 'deadline-panel');
  });
});
