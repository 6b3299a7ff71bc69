// Planning: a planner drops a proposed camera next to a blind spot, sees the local coverage
// gain, drags the camera and sees the gain change while the server confirms on release.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

const METRES_PER_DEGREE_LAT = 111_320;

async function gainOf(page: Page): Promise<string> {
  const el = page.getByTestId('plan-gain');
  return `${await el.getAttribute('data-targets')}|${await el.getAttribute('data-road-km')}|${await el.getAttribute('data-area-m2')}`;
}

describe('planning', () => {
  let fx: AppFixture;
  let page: Page;
  let spot: [number, number];
  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
    const { rows } = await fx.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
         SELECT ST_PointOnSurface(geom) AS p FROM coverage_blind_spots
         WHERE mode = 'design' AND class = 'road' ORDER BY measure DESC LIMIT 1) s`);
    spot = [rows[0]!.lon, rows[0]!.lat];
    await page.getByTestId('tab-planning').click();
    await page.evaluate((ll) => window.__xl!.flyTo!(ll, 17), spot);
    await page.waitForFunction(() => (window.__xl?.blindSpotTiles ?? 0) > 0, undefined, { timeout: 30_000 });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('adds a proposed camera by clicking and shows a local coverage gain next to a blind spot', async () => {
    await page.getByTestId('plan-add').click();
    // 15 m south of the blind spot, looking north (the default azimuth).
    const at = await page.evaluate((ll) => window.__xl!.projectLngLat!(ll), [spot[0], spot[1] - 15 / METRES_PER_DEGREE_LAT] as [number, number]);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.getByTestId('plan-heightM').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=plan-gain]');
      return el !== null && (Number(el.getAttribute('data-road-km')) > 0 || Number(el.getAttribute('data-targets')) > 0 || Number(el.getAttribute('data-area-m2')) > 0);
    }, undefined, { timeout: 15_000 });
    await screenshot(page, 'planning-added');
  });

  it('changes the gain while the camera is dragged, then has the server confirm the plan on release', async () => {
    const before = await gainOf(page);
    const at = await page.evaluate((ll) => window.__xl!.projectLngLat!(ll), [spot[0], spot[1] - 15 / METRES_PER_DEGREE_LAT] as [number, number]);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + at.x + i * 25, box.y + at.y + i * 25);
    await page.waitForFunction((b) => {
      const el = document.querySelector('[data-testid=plan-gain]')!;
      return `${el.getAttribute('data-targets')}|${el.getAttribute('data-road-km')}|${el.getAttribute('data-area-m2')}` !== b;
    }, before, { timeout: 10_000 });
    await page.mouse.up();
    expect(await gainOf(page)).not.toBe(before);
    await page.getByTestId('plan-server').waitFor({ timeout: 30_000 });
    await screenshot(page, 'planning-dragged');
  });
});
