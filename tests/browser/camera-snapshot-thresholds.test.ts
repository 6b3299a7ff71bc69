// The camera card shows the camera's last snapshot (a real JPEG the agent's snapshot writer
// stored, loaded with a non-zero natural size, with its age and the agent's verdict), and the
// command center judges a county's 在线率/完好率 against that county's OWN thresholds.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '../../vocabulary/dataset-time';
import { frames } from '../../camera-agent/simulator/frames';
import { SnapshotWriter } from '../../camera-agent/snapshot-writer';
import { StatusWriter } from '../../camera-agent/status-writer';
import { pollRecord } from '../helpers/poll-record';
import { setThresholds } from '../../api/domain/status/thresholds';
import { createUser } from '../../api/domain/users/users';
import { centralCamera, logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

/** Flies to `lngLat`, waits for the map to settle, then clicks the central camera until its card opens. */
async function openCentralCard(page: Page, lngLat: [number, number] | undefined): Promise<string> {
  const idle = await page.evaluate(() => window.__xl!.mapIdleCount);
  if (lngLat !== undefined) {
    await page.evaluate((ll) => window.__xl!.flyTo!(ll, 16.5), lngLat);
    await page.waitForFunction((n) => window.__xl!.mapIdleCount > n, idle, { timeout: 30_000 });
  }
  await page.waitForFunction(() => (window.__xl?.pickCameras?.().length ?? 0) > 0, undefined, { timeout: 30_000 });
  const box = (await page.getByTestId('map').boundingBox())!;
  for (let attempt = 1; ; attempt++) {
    const cam = await centralCamera(page);
    await page.mouse.click(box.x + cam.x, box.y + cam.y);
    try {
      await page.getByTestId('camera-card').waitFor({ timeout: 5_000 });
      return (await page.getByTestId('card-device-id').textContent()) ?? '';
    } catch (err) {
      // A click while tiles were still arriving can miss: pick again from what is drawn now.
      if (attempt === 3) throw err;
    }
  }
}

describe('camera snapshot and county thresholds', () => {
  let fx: AppFixture;
  let page: Page;
  let snapshotDevice = '';
  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('opens a camera card and sees its last snapshot, its age and the frozen-picture note', async () => {
    const cluster = await page.evaluate(() => window.__xl!.pickClusters!().sort((a, b) => b.count - a.count)[0]);
    // The card asks for the snapshot when it opens: store it first for the camera about to be clicked.
    const writer = new SnapshotWriter(fx.db.pool, { agentId: 'browser-test' });
    const { rows } = await fx.db.pool.query<{ id: string }>('SELECT id FROM cameras');
    const takenAt = Date.now() - 2 * 60_000;
    for (const r of rows)
      writer.add({ cameraId: Number(r.id), takenAt, jpeg: frames().scene[3]!, width: 320, height: 180, pictureReason: 'frozen-picture' });
    await writer.flush();
    expect(writer.stats.stored).toBe(rows.length);
    snapshotDevice = await openCentralCard(page, cluster?.lngLat);
    expect(snapshotDevice).toMatch(/^\d{20}$/);
    const img = page.getByTestId('snapshot-image');
    await img.waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLImageElement>('[data-testid=snapshot-image]');
        return el !== null && el.complete && el.naturalWidth > 0;
      },
      undefined,
      { timeout: 15_000 },
    );
    const size = await img.evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, h: el.naturalHeight }));
    expect(size).toEqual({ w: 320, h: 180 });
    // Stored two minutes ago (three if opening the card was slow); the page's language decides the words.
    expect(await page.getByTestId('snapshot-age').textContent()).toMatch(/[23]\s*(分钟|minutes)/);
    expect(await page.getByTestId('snapshot-verdict').textContent()).toMatch(/冻结|frozen/);
    // The view was audited (admin holds view_snapshots).
    const audit = await fx.db.pool.query(
      "SELECT 1 FROM audit_log WHERE action = 'view' AND entity = 'camera_snapshot' AND entity_id = $1",
      [snapshotDevice],
    );
    expect(audit.rows.length).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'camera-card-snapshot');
  });

  it("shows a county's rates against its own thresholds, below ones marked with ▼", async () => {
    const { rows: areas } = await fx.db.pool.query<{ code: string; id: number }>(
      "SELECT code, id FROM admin_areas WHERE level = 'county' ORDER BY code LIMIT 1",
    );
    const county = areas[0]!;
    const { rows: cams } = await fx.db.pool.query<{ id: string; device_id: string }>(
      `SELECT c.id, c.device_id FROM cameras c JOIN admin_areas a ON a.id = c.admin_area_id
       WHERE (a.id = $1 OR a.parent_id = $1) AND c.install_date <= current_date ORDER BY c.id LIMIT 4`,
      [county.id],
    );
    expect(cams.length).toBeGreaterThan(0);
    // Today: every camera online 90 % of the observed time and working 85 %.
    const now = Date.now();
    const day = dayIn('Asia/Shanghai', now);
    const writer = new StatusWriter(fx.db.pool, { flapWindowMs: 300_000 });
    for (const c of cams) {
      const cameraId = Number(c.id);
      writer.add(
        pollRecord(cameraId, c.device_id, 'OK', null, now, {
          changed: false,
          clockOffsetMs: 0,
          latencyMs: 2,
          memory: { failures: 0 },
          daily: [
            {
              cameraId,
              day,
              samples: 20,
              onlineSamples: 18,
              workingSamples: 17,
              observedMs: 1_200_000,
              onlineMs: 1_080_000,
              workingMs: 1_020_000,
            },
          ],
        }),
      );
    }
    await writer.flush();
    expect(writer.stats.failedFlushes).toBe(0);
    // The county is held to 95 % online (it misses) and 80 % working (it passes).
    await setThresholds(fx.db.pool, county.code, { online: 0.95, working: 0.8 }, { id: null, username: 'browser-test' });

    await page.getByTestId('tab-command').click();
    const row = page.locator(`[data-testid=area-rates] tr[data-area-code="${county.code}"]`);
    await row.waitFor({ timeout: 15_000 });
    // Each cell by what it shows (the table also has 在线率 now and 联网率 columns).
    const onlineToday = row.locator('[data-testid=rate-cell][data-kind=online-today]');
    const workingToday = row.locator('[data-testid=rate-cell][data-kind=working-today]');
    const source = row.locator('[data-testid=threshold-source]');
    // Online today: 90 % against its own 95 % → below, with the ▼ shape.
    await expect(onlineToday.getAttribute('data-below')).resolves.toBe('true');
    expect(await onlineToday.textContent()).toMatch(/90(\.0)?\s*%.*▼/);
    expect(await onlineToday.locator('[data-testid=rate-threshold]').textContent()).toMatch(/≥\s*95(\.0)?\s*%/);
    await expect(source.getAttribute('data-online-from')).resolves.toBe(county.code);
    await expect(source.getAttribute('data-working-from')).resolves.toBe(county.code);
    // Working today: 85 % against its own 80 % → not below, marked ✓.
    await expect(workingToday.getAttribute('data-below')).resolves.toBe('false');
    expect(await workingToday.textContent()).toMatch(/85(\.0)?\s*%.*✓/);
    expect(await workingToday.locator('[data-testid=rate-threshold]').textContent()).toMatch(/≥\s*80(\.0)?\s*%/);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'command-center-county-thresholds');
    // The same comparison in English, in words as well as the ▼ shape.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(source.textContent()).resolves.toContain('set here');
    expect(await onlineToday.textContent()).toContain('below threshold 95%');
    expect(await workingToday.textContent()).toContain('meets threshold 80%');
    await screenshot(page, 'command-center-county-thresholds-en');
  });

  it('shows a viewer (no view_snapshots) a lock placeholder instead of the picture, and audits no view', async () => {
    expect(snapshotDevice).not.toBe('');
    const views = async () =>
      (await fx.db.pool.query("SELECT 1 FROM audit_log WHERE action = 'view' AND entity = 'camera_snapshot'")).rows.length;
    const before = await views();
    await createUser(fx.db.pool, { username: 'wall-viewer', password: 'viewer-password-123', role: 'viewer' });
    await page.getByRole('button', { name: /退出登录|Log out/ }).click();
    await page.locator('input[name=username]').waitFor({ timeout: 15_000 });
    // A fresh page: the map and its test hook start clean for the new user.
    await page.close();
    page = await fx.context.newPage();
    await page.goto(fx.baseUrl);
    await page.fill('input[name=username]', 'wall-viewer');
    await page.fill('input[name=password]', 'viewer-password-123');
    await page.click('button[type=submit]');
    await waitForMap(page);
    // Any camera will do: every camera has a picture stored (test 1), and a viewer may see none.
    const ll = (
      await fx.db.pool.query<{ lon: number; lat: number }>(
        'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras WHERE device_id = $1',
        [snapshotDevice],
      )
    ).rows[0]!;
    await openCentralCard(page, [ll.lon, ll.lat]);
    const placeholder = page.getByTestId('snapshot-placeholder');
    await placeholder.waitFor({ timeout: 15_000 });
    await expect(placeholder.getAttribute('data-reason')).resolves.toBe('forbidden');
    expect(await page.getByTestId('snapshot-image').count()).toBe(0);
    expect(await views()).toBe(before);
    await screenshot(page, 'camera-card-snapshot-forbidden');
  });
});
