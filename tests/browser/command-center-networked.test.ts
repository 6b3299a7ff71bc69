// 联网率 (GB/T 28181 networking, issue 18) in the command center beside 在线率/完好率: the fleet
// figure, each county's row and the wall tiles. While no device has ever registered it is
// unknown and says so ("无数据"), never 0 %; once devices register it is the API's figure, judged
// against the area's own 联网率 threshold (built-in 100 %, set per area like the other two).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setThresholds } from '../../api/domain/status/thresholds';
import { logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

const SLOW = 30_000;

describe('command center: 联网率', () => {
  let fx: AppFixture;
  let page: Page;
  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
    await page.getByTestId('tab-command').click();
    await page.getByTestId('fleet-networked-rate').waitFor({ timeout: SLOW });
  });
  afterAll(async () => {
    await fx?.close();
  });

  /** Reopens the command center until `ok` holds (the summary is cached for a few seconds). */
  async function reopenUntil(ok: () => Promise<boolean>): Promise<void> {
    await expect
      .poll(
        async () => {
          await page.getByTestId('tab-coverage').click();
          await page.getByTestId('tab-command').click();
          await page.getByTestId('fleet-networked-rate').waitFor({ timeout: SLOW });
          await page
            .locator('[data-testid=area-rates] [data-testid=rate-cell][data-kind=networked-now]')
            .first()
            .waitFor({ timeout: SLOW });
          return ok();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe(true);
  }

  it('says 无数据 while no GB/T 28181 device has registered, never 0 %, in the fleet, the county rows and the wall', async () => {
    const fleet = page.getByTestId('fleet-networked-rate');
    await expect(fleet.textContent()).resolves.toContain('无数据');
    expect(await fleet.textContent()).not.toMatch(/\d\s*%/);
    const cell = page.locator('[data-testid=area-rates] [data-testid=rate-cell][data-kind=networked-now]').first();
    await cell.waitFor({ timeout: SLOW });
    expect(await cell.getAttribute('data-rate')).toBe('');
    expect(await cell.textContent()).toContain('—');
    expect(await cell.textContent()).not.toMatch(/0(\.0)?\s*%[^≥]*≥/);
    await page.getByTestId('wall-toggle').click();
    const wall = page.getByTestId('wall-networked').first();
    await wall.waitFor({ timeout: SLOW });
    expect(await wall.textContent()).toContain('联网率');
    expect(await wall.textContent()).toContain('无数据');
    await page.getByTestId('wall-toggle').click();
    await page.getByTestId('state-counts').waitFor({ timeout: SLOW });
  });

  it("shows the API's 联网率 once devices register, judged against the area's own threshold", async () => {
    // Half the cameras in service register themselves, alive now.
    await fx.db.pool.query(
      `INSERT INTO gb_devices (device_id, kind, camera_id, transport, remote_address, remote_port, registered, registered_at,
         expires_at, last_keepalive_at, last_alive_at, keepalive_interval_s, online, since)
       SELECT c.device_id, 'camera', c.id, 'UDP', '127.0.0.1', 5060, true, now(), now() + interval '1 hour', now(), now(), 60, true, now()
       FROM cameras c WHERE c.device_id ~ '^[0-9]{20}$' AND c.id % 2 = 0`,
    );
    await reopenUntil(async () => (await page.getByTestId('fleet-networked-rate').getAttribute('data-rate')) !== '');
    const api = await page.evaluate(async () => {
      const r = await fetch('/api/v1/status/summary', { credentials: 'same-origin' });
      return (await r.json()) as { networkedRate: number; counties: Array<{ areaCode: string | null; networkedRate: number | null }> };
    });
    expect(api.networkedRate).toBeGreaterThan(0.3);
    expect(api.networkedRate).toBeLessThan(0.7);
    const fleet = page.getByTestId('fleet-networked-rate');
    expect(Number(await fleet.getAttribute('data-rate'))).toBeCloseTo(api.networkedRate, 12);
    // Below the built-in 100 %: said with ▼ and in words, not by colour alone.
    expect(await fleet.getAttribute('data-below')).toBe('true');
    expect(await fleet.textContent()).toMatch(/▼/);

    const county = api.counties.find((c) => c.areaCode !== null)!;
    const row = page.locator(`[data-testid=area-rates] tr[data-area-code="${county.areaCode}"]`);
    const cell = row.locator('[data-testid=rate-cell][data-kind=networked-now]');
    expect(Number(await cell.getAttribute('data-rate'))).toBeCloseTo(county.networkedRate!, 12);
    expect(await cell.getAttribute('data-threshold')).toBe('1');
    expect(await cell.getAttribute('data-below')).toBe('true');

    // The county's own 联网率 threshold, as an admin sets it (API/CLI): now it meets it.
    await setThresholds(fx.db.pool, county.areaCode!, { networked: 0.3 }, { id: null, username: 'browser-test' });
    await reopenUntil(
      async () =>
        (await page
          .locator(`[data-testid=area-rates] tr[data-area-code="${county.areaCode}"] [data-testid=rate-cell][data-kind=networked-now]`)
          .getAttribute('data-threshold')) === '0.3',
    );
    expect(await cell.getAttribute('data-below')).toBe('false');
    expect(await cell.textContent()).toMatch(/✓/);
    expect(await cell.locator('[data-testid=rate-threshold]').textContent()).toMatch(/≥\s*30(\.0)?\s*%/);
    await expect(row.locator('[data-testid=threshold-source]').getAttribute('data-networked-from')).resolves.toBe(county.areaCode);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'command-center-networked');
    await page.getByTestId('wall-toggle').click();
    const wall = page.locator(`[data-testid=wall-tiles] li[data-area-code="${county.areaCode}"] [data-testid=wall-networked]`);
    await wall.waitFor({ timeout: SLOW });
    expect(await wall.textContent()).toMatch(/联网率\s*\d+(\.\d)?\s*%/);
    await screenshot(page, 'command-center-networked-wall');
    await page.getByTestId('wall-toggle').click();
  });
});
