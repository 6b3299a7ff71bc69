// The Import workspace: an engineer uploads a small camera ledger (tests/fixtures/imports, one
// row with an invalid device id), reads the dry-run report with the rejection reason in
// Chinese, dry-runs again with another CRS, commits with "skip invalid rows", and finds the new
// cameras drawn on the map and counted by the API.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zh } from '../../web/src/i18n/zh';
import { logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';
import { repoRoot } from './support/web-build';

const LEDGER = join(repoRoot, 'tests', 'fixtures', 'imports', 'browser-ledger.csv');
const NEW_IDS = ['61092101001320900001', '61092101001320900002', '61092101001320900003'];

describe('import workspace', () => {
  let fx: AppFixture;
  let page: Page;
  let camerasBefore: number;
  beforeAll(async () => {
    fx = await startAppFixture();
    camerasBefore = Number((await fx.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM cameras')).rows[0]!.n);
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-panel').waitFor();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const count = async (k: string) =>
    Number((await page.getByTestId(`import-count-${k}`).locator('strong').textContent())!.replace(/[^\d]/g, ''));

  it('dry-runs an uploaded ledger and explains the rejected row in Chinese, writing nothing yet', async () => {
    await page.getByTestId('import-file').setInputFiles(LEDGER);
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-report').waitFor({ timeout: 30_000 });
    expect(await count('rows')).toBe(4);
    expect(await count('add')).toBe(3);
    expect(await count('reject')).toBe(1);
    const rejections = page.getByTestId('import-rejections');
    await expect(rejections.textContent()).resolves.toContain(zh.imports.reject.bad_device_id);
    await expect(rejections.locator('tbody tr').first().locator('td').first().textContent()).resolves.toBe('5');
    // The Chinese headers were recognised (设备编码 → device_id).
    await expect(page.getByTestId('import-mapping').textContent()).resolves.toContain('设备编码');
    const { rows } = await fx.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM cameras');
    expect(Number(rows[0]!.n)).toBe(camerasBefore);
    await screenshot(page, 'import-dry-run');
  });

  it('dry-runs again with another CRS without uploading again, and the report says which CRS it used', async () => {
    await page.getByTestId('import-crs').selectOption('cgcs2000');
    await page.getByTestId('import-rerun').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=import-summary]')?.textContent?.includes('cgcs2000') === true,
      undefined,
      { timeout: 30_000 },
    );
    expect(await count('reject')).toBe(1);
    // Commit stays disabled until invalid rows may be skipped.
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
  });

  it('commits the valid rows with "skip invalid rows" and shows the new cameras on the map and in the count', async () => {
    await page.getByTestId('import-skip-invalid').check();
    await page.getByTestId('import-commit').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=import-summary]')?.textContent?.includes('已提交') === true,
      undefined,
      { timeout: 30_000 },
    );
    await screenshot(page, 'import-committed');
    // In the count: the API's camera list grew by the three valid rows.
    const { rows } = await fx.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM cameras');
    expect(Number(rows[0]!.n)).toBe(camerasBefore + 3);
    const listed = (await (await page.request.get(`${fx.baseUrl}/api/v1/cameras/${NEW_IDS[0]}`)).json()) as {
      deviceId?: string;
      device_id?: string;
    };
    expect(listed.deviceId ?? listed.device_id).toBe(NEW_IDS[0]);
    // On the map: a fresh page draws them from the camera tiles (the old one cached its tiles).
    await page.reload();
    await page.locator('.shell').waitFor({ timeout: 30_000 });
    await waitForMap(page);
    await page.evaluate(() => window.__xl!.flyTo!([109.0016, 32.7004], 17));
    await page.waitForFunction(
      (ids) => {
        const drawn = new Set((window.__xl?.pickCameras?.() ?? []).map((c) => c.deviceId));
        return ids.every((id) => drawn.has(id));
      },
      NEW_IDS,
      { timeout: 30_000 },
    );
    await screenshot(page, 'import-on-map');
  });

  // Regression (issue 15 item 1): the panel showed whatever the response held, and the response
  // held every rejected row. Now the response lists the first 100 and the panel pages the rest.
  it('shows the first 100 rejected rows of a large bad file and pages the rest in on request', async () => {
    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-panel').waitFor();
    const rows = Array.from({ length: 350 }, (_, i) => `BAD${i},Bad row,fixed,109.0016,32.7004`).join('\n');
    await page.getByTestId('import-file').setInputFiles({
      name: 'many-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`device_id,name,type,lon,lat\n${rows}\n`),
    });
    await page.getByTestId('import-upload').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=import-rejections-shown]') !== null, undefined, {
      timeout: 30_000,
    });
    const shownRows = () => page.getByTestId('import-rejections').locator('tbody tr').count();
    expect(await count('reject')).toBe(350);
    expect(await shownRows()).toBe(100);
    await expect(page.getByTestId('import-rejections-shown').textContent()).resolves.toContain('350');
    for (const expected of [200, 300, 350]) {
      await page.getByTestId('import-rejections-more').click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=import-rejections] tbody tr').length === n, expected, {
        timeout: 30_000,
      });
    }
    // All shown, in row order, and nothing left to ask for.
    await expect(page.getByTestId('import-rejections-shown').count()).resolves.toBe(0);
    const lastRow = await page.getByTestId('import-rejections').locator('tbody tr').last().locator('td').first().textContent();
    expect(lastRow).toBe('351');
    await screenshot(page, 'import-rejections-paged');
  });
});
