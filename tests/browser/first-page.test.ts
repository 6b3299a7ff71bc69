// Issue 2's first page: after logging in (and replacing the one-time password), the MapLibre
// basemap of the demo county draws from the project's own tiles, the cameras are drawn on it
// (clusters, then icons), the data is labelled as generated, and the camera card opens on click.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralCamera, drawnPixelShare, logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

describe('first page', () => {
  let fx: AppFixture;
  let page: Page;
  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('logs in with the one-time admin password and forces a new one, so a printed password cannot be reused', async () => {
    await logIn(page, fx.baseUrl);
    await expect(page.locator('.shell').isVisible()).resolves.toBe(true);
  });

  it('draws the basemap and the cameras from the project tiles so the map is never blank on an isolated network', async () => {
    await waitForMap(page);
    // Zoomed out to the county, cameras are drawn as counted clusters.
    await page.waitForFunction(() => (window.__xl?.pickClusters?.().length ?? 0) > 0, undefined, { timeout: 30_000 });
    const share = await drawnPixelShare(page);
    expect(share).toBeGreaterThan(0.05);
    const clustered = await page.evaluate(() => window.__xl!.pickClusters!().reduce((s, c) => s + c.count, 0));
    expect(clustered).toBeGreaterThan(0);
    // Each camera of the loaded tiles is counted once (a camera near a tile edge is in two tiles).
    expect(clustered).toBe(await page.evaluate(() => window.__xl!.camerasInTiles));
    await screenshot(page, 'first-page-map');
    // Zoomed in, each camera is its own state icon.
    const biggest = await page.evaluate(() => window.__xl!.pickClusters!().sort((a, b) => b.count - a.count)[0]!.lngLat);
    await page.evaluate((ll) => window.__xl!.flyTo!(ll, 16.5), biggest);
    await page.waitForFunction(() => (window.__xl?.pickCameras?.().length ?? 0) > 0, undefined, { timeout: 30_000 });
  });

  it('labels generated demo data in Chinese by default so nobody mistakes it for a real network', async () => {
    await expect(page.getByTestId('generated-label').textContent()).resolves.toBe('生成的演示数据');
  });

  it('opens the camera card on click with the camera id, so an engineer can identify the device', async () => {
    const cam = await centralCamera(page);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + cam.x, box.y + cam.y);
    await page.getByTestId('camera-card').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('card-device-id').textContent()).resolves.toBe(cam.deviceId);
    await screenshot(page, 'first-page-camera-card');
  });

  it('switches the whole interface to English and back, for users who do not read Chinese', async () => {
    const idle = await page.evaluate(() => window.__xl!.mapIdleCount);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('generated-label').textContent()).resolves.toBe('Generated demo data');
    await expect(page.getByTestId('tab-coverage').textContent()).resolves.toBe('Coverage');
    // The English basemap is a new style: the coverage layers come with it, cameras included.
    await page.waitForFunction((n) => window.__xl!.mapIdleCount > n, idle, { timeout: 30_000 });
    await page.waitForFunction(() => (window.__xl?.pickCameras?.().length ?? 0) > 0, undefined, { timeout: 30_000 });
    await screenshot(page, 'first-page-english');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByTestId('tab-coverage').textContent()).resolves.toBe('覆盖');
  });
});
