// The bug this pins: the "当前覆盖" (coverage now) panel was read once when the workspace opened
// and never again, with no time on it, so a camera that went down left it showing coverage the
// city no longer had. Now it reloads when the server announces re-evaluated coverage now (SSE
// `coverage`, sent after each status change the agent writes) and says when its figures were
// computed, from the API's computedAt, in local time. Status is written through the agent's own
// StatusWriter, so NOTIFY → coverage-now refresh → SSE → page is the real path.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusWriter } from '../../camera-agent/status-writer';
import { pollRecord } from '../helpers/poll-record';
import type { CameraState } from '../../vocabulary/camera-health';
import { logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

const REFRESH_DEADLINE_MS = 15_000;

/** What the panel shows: its computedAt and the rate per class (data-rate, unrounded). */
async function panel(page: Page): Promise<{ computedAt: string; text: string; rates: Record<string, number> }> {
  return page.evaluate(() => {
    const p = document.querySelector('[data-testid=coverage-now-computed]');
    const rates: Record<string, number> = {};
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid=coverage-now] [data-testid^=rate-now-]'))
      rates[el.dataset.testid!.slice('rate-now-'.length)] = Number(el.dataset.rate);
    return { computedAt: p?.getAttribute('data-computed-at') ?? '', text: p?.textContent ?? '', rates };
  });
}

/** Waits until the panel shows figures computed after `after` (ms). */
async function waitComputedAfter(page: Page, after: number): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const iso = document.querySelector('[data-testid=coverage-now-computed]')?.getAttribute('data-computed-at') ?? '';
      return iso !== '' && Date.parse(iso) >= t;
    },
    after,
    { timeout: REFRESH_DEADLINE_MS },
  );
}

describe('coverage now panel', () => {
  let fx: AppFixture;
  let page: Page;
  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
    await page.getByTestId('coverage-now-computed').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=coverage-now] .live:not(.off)') !== null, undefined, {
      timeout: 15_000,
    });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('says when its figures were computed, in local time, and refreshes when a camera comes up and goes down', async () => {
    const first = await panel(page);
    // The template's city pass: a time from the API, shown as the browser's local time.
    expect(first.computedAt).not.toBe('');
    const localTime = (iso: string) => page.evaluate((s) => new Date(s).toLocaleTimeString('zh-CN', { hour12: false }), iso);
    expect(first.text).toContain(await localTime(first.computedAt));

    // The camera that alone covers the most target parts (design), so its state moves the rates.
    const { rows } = await fx.db.pool.query<{ id: string; device_id: string }>(
      `SELECT c.id, c.device_id FROM coverage_results r JOIN cameras c ON c.id = r.camera_ids[1]
       WHERE r.mode = 'design' AND cardinality(r.camera_ids) = 1 AND r.covered > 0
       GROUP BY c.id, c.device_id ORDER BY count(*) DESC, c.id LIMIT 1`,
    );
    const cam = rows[0]!;
    const writer = new StatusWriter(fx.db.pool, { flapWindowMs: 0 });
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

    // The demo county's generated history may have left the camera working: take it down first,
    // so that its coming up must raise the figures.
    const { rows: before } = await fx.db.pool.query<{ state: CameraState; working: boolean }>(
      'SELECT state, working FROM camera_status WHERE camera_id = $1',
      [cam.id],
    );
    const offAt = Date.now();
    writer.add(pollRecord(Number(cam.id), cam.device_id, 'UNREACHABLE', before[0]?.state ?? null, offAt));
    await writer.flush();
    await waitComputedAfter(page, offAt - 1000);
    // It was working: wait for the figures to fall too (the time may come from a refresh that
    // began before the change). It was not: the figures stay as they were.
    if (before[0]?.working === true)
      await page.waitForFunction(
        (firstSum) =>
          [...document.querySelectorAll<HTMLElement>('[data-testid=coverage-now] [data-testid^=rate-now-]')].reduce(
            (a, el) => a + Number(el.dataset.rate),
            0,
          ) < firstSum,
        sum(first.rates),
        { timeout: REFRESH_DEADLINE_MS },
      );
    const off = await panel(page);

    const upAt = Date.now();
    writer.add(pollRecord(Number(cam.id), cam.device_id, 'OK', 'UNREACHABLE', upAt));
    await writer.flush();
    await waitComputedAfter(page, upAt - 1000);
    await page.waitForFunction(
      (offSum) =>
        [...document.querySelectorAll<HTMLElement>('[data-testid=coverage-now] [data-testid^=rate-now-]')].reduce(
          (a, el) => a + Number(el.dataset.rate),
          0,
        ) > offSum,
      sum(off.rates),
      { timeout: REFRESH_DEADLINE_MS },
    );
    const up = await panel(page);
    expect(sum(up.rates)).toBeGreaterThan(sum(off.rates));

    const downAt = Date.now();
    writer.add(pollRecord(Number(cam.id), cam.device_id, 'UNREACHABLE', 'OK', downAt));
    await writer.flush();
    expect(writer.stats.failedFlushes).toBe(0);
    await waitComputedAfter(page, downAt - 1000);
    // Wait for the figures too: the time may come from a refresh that began before the change.
    await page.waitForFunction(
      (upRates) =>
        [...document.querySelectorAll<HTMLElement>('[data-testid=coverage-now] [data-testid^=rate-now-]')].some(
          (el) => Number(el.dataset.rate) < (upRates[el.dataset.testid!.slice('rate-now-'.length)] ?? 0),
        ),
      up.rates,
      { timeout: REFRESH_DEADLINE_MS },
    );
    const down = await panel(page);
    expect(Date.parse(down.computedAt)).toBeGreaterThan(Date.parse(up.computedAt));
    expect(down.text).toContain(await localTime(down.computedAt));
    // What the panel shows is what the API now says.
    const api = await page.evaluate(async () => {
      const r = await fetch('/api/v1/coverage?now=1', { credentials: 'same-origin' });
      return (await r.json()) as { computedAt: string; areas: Array<{ areaId: number | null; classes: Record<string, { rate: number }> }> };
    });
    expect(down.computedAt).toBe(api.computedAt);
    const city = api.areas.find((a) => a.areaId === null)!;
    for (const [cls, rate] of Object.entries(down.rates)) expect(rate).toBeCloseTo(city.classes[cls]!.rate, 12);
    await screenshot(page, 'coverage-now-refreshed');
  });
});
