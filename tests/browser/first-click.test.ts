// Issue 14: "the first click on the map is sometimes ignored (5 of 8 fresh sessions); the login
// form comes pre-filled with 'admin'". A new user opens the app, logs in (typing their own name
// into an empty form), and clicks a camera on the map once: the card must open on that click.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { ADMIN_PASSWORD, centralCamera, logIn, NEW_PASSWORD, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

describe('a fresh session', () => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await startAppFixture();
    // Replace the one-time password once, so each fresh session below is a plain login.
    const page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await page.close();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('shows an empty login form: no user name is suggested to whoever walks up to the screen', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(fx.baseUrl);
      await page.locator('input[name=username]').waitFor();
      await expect(page.inputValue('input[name=username]')).resolves.toBe('');
      await expect(page.inputValue('input[name=password]')).resolves.toBe('');
      await expect(page.locator('input[name=username]').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    } finally {
      await browser.close();
    }
  });

  /**
   * A point of the map with nothing of ours drawn within 60 px and no control over it: the click
   * there is a click on the map itself (the point panel), not on a camera or a cluster.
   */
  async function emptyPoint(page: Page): Promise<{ x: number; y: number }> {
    const box = (await page.getByTestId('map').boundingBox())!;
    const taken = await page.evaluate(() => {
      const safe = <T>(f: () => T[]): T[] => {
        try {
          return f();
        } catch {
          return [];
        }
      };
      const hook = window.__xl!;
      return [
        ...safe(() => hook.pickCameras?.() ?? []),
        ...safe(() => (hook.pickClusters?.() ?? []).map((c) => hook.projectLngLat!(c.lngLat))),
      ].map((p) => ({ x: p.x, y: p.y }));
    });
    for (let gy = 0.3; gy <= 0.7; gy += 0.1)
      for (let gx = 0.3; gx <= 0.7; gx += 0.1) {
        const p = { x: box.width * gx, y: box.height * gy };
        if (taken.some((t) => Math.hypot(t.x - p.x, t.y - p.y) < 60)) continue;
        const onCanvas = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName === 'CANVAS', {
          x: box.x + p.x,
          y: box.y + p.y,
        });
        if (onCanvas) return { x: box.x + p.x, y: box.y + p.y };
      }
    throw new Error('no empty point on the map');
  }

  const opens = (page: Page, testId: string) =>
    page
      .getByTestId(testId)
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);

  it('answers the first click of each of two fresh sessions: the map at once, a camera with a quick and with a slow click', async () => {
    expect(ADMIN_PASSWORD).not.toBe(NEW_PASSWORD);
    const missed: string[] = [];
    for (let session = 1; session <= 2; session++) {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.goto(fx.baseUrl);
        await page.fill('input[name=username]', 'admin');
        await page.fill('input[name=password]', NEW_PASSWORD);
        await page.click('button[type=submit]');
        // A person clicks as soon as the map is there, before its layers have settled.
        await page.waitForFunction(() => window.__xl?.mapLoaded === true, undefined, { timeout: 60_000 });
        const p = await emptyPoint(page);
        await page.mouse.click(p.x, p.y);
        if (!(await opens(page, 'point-info'))) missed.push(`session ${session}: the map at once`);
        else await page.getByTestId('point-info').getByRole('button', { name: '关闭' }).click();

        await waitForMap(page);
        const cluster = await page.evaluate(() => window.__xl!.pickClusters!().sort((a, b) => b.count - a.count)[0]!.lngLat);
        const idle = await page.evaluate(() => window.__xl!.mapIdleCount);
        await page.evaluate((ll) => window.__xl!.flyTo!(ll, 16.5), cluster);
        await page.waitForFunction((n) => window.__xl!.mapIdleCount > n, idle, { timeout: 30_000 });
        await page.waitForFunction(() => (window.__xl?.pickCameras?.().length ?? 0) > 0, undefined, { timeout: 30_000 });
        const cam = await centralCamera(page);
        const box = (await page.getByTestId('map').boundingBox())!;
        // One click, as a person makes it: no retry.
        await page.mouse.click(box.x + cam.x, box.y + cam.y);
        if (!(await opens(page, 'camera-card'))) missed.push(`session ${session}: a camera`);
        else {
          await expect(page.getByTestId('card-device-id').textContent()).resolves.toBe(cam.deviceId);
          await page.getByTestId('camera-card').getByRole('button', { name: '关闭' }).click();
        }
        // A slow click (the button held 0.4 s, or a busy page handling the release late) is a click too.
        await page.mouse.move(box.x + cam.x, box.y + cam.y);
        await page.mouse.down();
        await page.waitForTimeout(400);
        await page.mouse.up();
        if (!(await opens(page, 'camera-card'))) missed.push(`session ${session}: a camera, slow click`);
      } finally {
        await browser.close();
      }
    }
    expect(missed).toEqual([]);
  }, 400_000);
});
