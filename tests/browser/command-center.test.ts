// Command center: a camera the agent finds unreachable shows up in the alarm list within 5 s
// (written through the agent's own StatusWriter, so NOTIFY → SSE → page is the real path), the
// counts by state are shown, and wall mode keeps the page current without interaction.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusWriter } from '../../camera-agent/status-writer';
import { pollRecord } from '../helpers/poll-record';
import { CAMERA_STATES } from '../../vocabulary/camera-health';
import { logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

const ALARM_DEADLINE_MS = 5000;

const downRecord = (cameraId: number, deviceId: string, at: number) => pollRecord(cameraId, deviceId, 'UNREACHABLE', 'OK', at);

describe('command center', () => {
  let fx: AppFixture;
  let page: Page;
  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
    await page.getByTestId('tab-command').click();
    await page.getByTestId('state-counts').waitFor();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("counts cameras by state as the API reports them, so the wall shows the agent's verdicts", async () => {
    await page.waitForFunction(() => !document.querySelector('[data-testid=state-counts]')?.textContent?.includes('—'), undefined, {
      timeout: 15_000,
    });
    const shownTotal = await page.$$eval('[data-testid=state-counts] li strong', (els) =>
      els.reduce((s, e) => s + Number((e.textContent ?? '0').replace(/[^\d]/g, '')), 0),
    );
    expect(shownTotal).toBeGreaterThan(0);
    await screenshot(page, 'command-center');
  });

  it('shows an alarm within 5 s of a camera going down, so the duty officer sees outages live', async () => {
    const { rows } = await fx.db.pool.query<{ id: string; device_id: string }>(
      'SELECT id, device_id FROM cameras WHERE install_date <= current_date ORDER BY id LIMIT 1',
    );
    const cam = rows[0]!;
    await page.waitForFunction(() => document.querySelector('.live:not(.off)') !== null, undefined, { timeout: 15_000 });
    // Flap window 0: the test is about delivery, not about the agent's debouncing.
    const writer = new StatusWriter(fx.db.pool, { flapWindowMs: 0 });
    writer.add(downRecord(Number(cam.id), cam.device_id, Date.now()));
    await writer.flush();
    expect(writer.stats.failedFlushes).toBe(0);
    const started = Date.now();
    await page.locator(`[data-testid=alarm-list] li[data-device-id="${cam.device_id}"]`).waitFor({ timeout: ALARM_DEADLINE_MS });
    expect(Date.now() - started).toBeLessThan(ALARM_DEADLINE_MS);
    await screenshot(page, 'command-center-alarm');
  });

  it('says in the legend how each state counts, and shows a 在线率 that agrees with the counts beside it', async () => {
    // The bug this pins: PROTOCOL_ERROR was drawn and counted as 离线 but counted online in 在线率.
    const { rows } = await fx.db.pool.query<{ id: string; device_id: string }>(
      `SELECT c.id, c.device_id FROM cameras c LEFT JOIN camera_status s ON s.camera_id = c.id
       WHERE s.camera_id IS NULL AND c.install_date <= current_date ORDER BY c.id DESC LIMIT $1`,
      [CAMERA_STATES.length],
    );
    const writer = new StatusWriter(fx.db.pool, { flapWindowMs: 3_600_000 });
    const at = Date.now();
    CAMERA_STATES.forEach((state, i) => {
      const r = downRecord(Number(rows[i]!.id), rows[i]!.device_id, at);
      writer.add({ ...r, state, reason: state === 'OK' ? 'ok' : 'browser-test', memory: { ...r.memory, state } });
    });
    await writer.flush();
    await page.reload();
    await page.getByTestId('tab-command').click();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=state-counts] li[data-state=OFFLINE] strong')?.textContent?.replace(/[^\d]/g, '')) >= 2,
      undefined,
      { timeout: 15_000 },
    );
    const seen = await page.evaluate(() => ({
      legend: [...document.querySelectorAll<HTMLElement>('.legend li[data-state-group]')].map((li) => ({
        group: li.dataset.stateGroup!,
        countsAs: li.dataset.countsAs!,
        text: li.textContent ?? '',
      })),
      counts: Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-testid=state-counts] li')].map((li) => [
          li.dataset.state!,
          Number(li.querySelector('strong')?.textContent?.replace(/[^\d]/g, '')),
        ]),
      ),
      onlineRate: document.querySelector('[data-testid=fleet-rates] strong')?.textContent ?? '',
    }));
    expect(seen.legend.find((l) => l.group === 'OFFLINE')).toMatchObject({ countsAs: 'offline', text: expect.stringContaining('离线') });
    expect(seen.legend.find((l) => l.group === 'UNKNOWN')).toMatchObject({ countsAs: 'noData' });
    const online = seen.legend
      .filter((l) => l.countsAs === 'working' || l.countsAs === 'online')
      .reduce((n, l) => n + seen.counts[l.group]!, 0);
    const total = Object.values(seen.counts).reduce((n, c) => n + c, 0);
    const observed = total - seen.counts.UNKNOWN!;
    expect(Number(seen.onlineRate.replace(/[^\d.]/g, '')) / 100).toBeCloseTo(online / observed, 3);
    await screenshot(page, 'command-center-state-legend');
  });

  it('enters wall mode and keeps updating without clicks, for the command-center video wall', async () => {
    await page.getByTestId('wall-toggle').click();
    await page.locator('.shell.wall').waitFor();
    const before = await page.locator('[data-testid=alarm-list] li').count();
    const { rows } = await fx.db.pool.query<{ id: string; device_id: string }>(
      'SELECT c.id, c.device_id FROM cameras c LEFT JOIN camera_alarms a ON a.camera_id = c.id AND a.cleared_at IS NULL WHERE a.camera_id IS NULL AND c.install_date <= current_date ORDER BY c.id LIMIT 1',
    );
    const writer = new StatusWriter(fx.db.pool, { flapWindowMs: 0 });
    writer.add(downRecord(Number(rows[0]!.id), rows[0]!.device_id, Date.now()));
    await writer.flush();
    // This one is about staying current unattended, not latency: a looser bound on a busy CI box.
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=alarm-list] li').length > n, before, { timeout: 15_000 });
    await screenshot(page, 'command-center-wall');
  });
});
