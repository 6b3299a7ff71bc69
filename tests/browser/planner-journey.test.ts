// The planner's journey (issue 14): suggest → save → evaluate, in the browser. The figures a
// planner reads must be the coverage panel's: the plan's "before" is GET /coverage's rate, and
// the saved plan's "after" is the suggestion's "after" (the same figure in both places). Before
// this UI the suggest button asked for 5 cameras with no form, no way to stop it, no gap, and the
// plan's evaluation table read fields the API no longer sends.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

interface CoverageResponse {
  areas: Array<{ code: string | null; level: string; classes: Record<string, { rate: number } | undefined> }>;
}

async function rowFigures(page: Page, testId: string): Promise<Record<string, { before: number; after: number }>> {
  return page.getByTestId(testId).evaluate((table) => {
    const out: Record<string, { before: number; after: number }> = {};
    for (const tr of table.querySelectorAll('tbody tr')) {
      const cls = tr.getAttribute('data-class')!;
      out[cls] = { before: Number(tr.getAttribute('data-before')), after: Number(tr.getAttribute('data-after')) };
    }
    return out;
  });
}

describe("the planner's journey", () => {
  let fx: AppFixture;
  let page: Page;
  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
    await page.getByTestId('tab-planning').click();
    await page.getByTestId('suggest-panel').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('a running suggestion shows its progress against the chosen search time, disables the button, and Cancel stops it', async () => {
    await page.getByTestId('suggest-count').fill('3');
    // A quick answer by default; the planner may search longer, and the request carries the choice.
    expect(await page.getByTestId('suggest-time-limit').inputValue()).toBe('3');
    await page.getByTestId('suggest-time-limit').selectOption('10');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/suggest') && r.method() === 'POST');
    await page.getByTestId('suggest-run').click();
    expect((await sent).postDataJSON()).toMatchObject({ cameras: 3, timeLimitSec: 10 });
    await page.getByTestId('suggest-progress').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('suggest-progress').textContent()).toMatch(/上限 10 秒|limit 10 s/);
    expect(await page.getByTestId('suggest-run').isDisabled()).toBe(true);
    await page.getByTestId('suggest-cancel').click();
    await page.getByTestId('suggest-note').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('suggest-note').textContent()).toMatch(/取消|cancelled/i);
    expect(await page.getByTestId('suggest-run').isDisabled()).toBe(false);
    expect(await page.getByTestId('suggest-answer').count()).toBe(0);
  });

  it('answers with ranked sites, their model, cost and gain, and the certified gap in words', async () => {
    await page.getByTestId('suggest-time-limit').selectOption('3');
    await page.getByTestId('suggest-run').click();
    await page.getByTestId('suggest-answer').waitFor({ timeout: 60_000 });
    const sites = page.getByTestId('suggest-site');
    expect(await sites.count()).toBeGreaterThan(0);
    expect(await sites.count()).toBeLessThanOrEqual(3);
    expect(await page.getByTestId('suggest-gap').textContent()).toMatch(/最优解|best possible/);
    // Every site names its model and cost; at least one adds intersections (the class asked for).
    const text = (await page.getByTestId('suggest-sites').textContent()) ?? '';
    expect(text).toMatch(/路口|intersections/);
    await screenshot(page, 'planner-suggested');
  });

  it("the saved plan's before is GET /coverage and its after is the suggestion's after", async () => {
    const suggested = await rowFigures(page, 'suggest-rates');
    // The workspace saves the suggestion as a new plan and asks the engine for its figures.
    await page.getByTestId('plan-server').waitFor({ timeout: 60_000 });
    const evaluated = await rowFigures(page, 'plan-server');
    const coverage = (await (await page.request.get(`${fx.baseUrl}/api/v1/coverage`)).json()) as CoverageResponse;
    const top = coverage.areas.find((a) => a.code === null) ?? coverage.areas.find((a) => a.level === 'city') ?? coverage.areas[0]!;
    expect(Object.keys(evaluated)).toContain('intersection');
    for (const [cls, e] of Object.entries(evaluated)) {
      expect(e.before, `${cls} before`).toBeCloseTo(top.classes[cls]!.rate, 9);
      if (suggested[cls] !== undefined) {
        expect(e.before, `${cls} before = suggestion's before`).toBeCloseTo(suggested[cls]!.before, 9);
        expect(e.after, `${cls} after = suggestion's after`).toBeCloseTo(suggested[cls]!.after, 9);
      }
    }
    expect(evaluated.intersection!.after).toBeGreaterThan(evaluated.intersection!.before);
  });

  it('save as makes a new plan and leaves the one being edited; plans show owner and dates and compare side by side', async () => {
    const before = (await (await page.request.get(`${fx.baseUrl}/api/v1/plans`)).json()) as { plans: Array<{ id: number; name: string }> };
    const editing = before.plans[0]!;
    await page.getByTestId('plan-name').fill('方案乙');
    await page.getByTestId('plan-save-as').click();
    await page.getByTestId('plan-note').waitFor({ timeout: 15_000 });
    const after = (await (await page.request.get(`${fx.baseUrl}/api/v1/plans`)).json()) as {
      plans: Array<{ id: number; name: string; createdBy: string }>;
    };
    expect(after.plans.length).toBe(before.plans.length + 1);
    expect(after.plans.find((p) => p.id === editing.id)!.name).toBe(editing.name);
    expect(after.plans.find((p) => p.name === '方案乙')!.createdBy).toBe('admin');

    const rows = page.getByTestId('plan-row');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=plan-row]').length === n, after.plans.length);
    expect(await rows.first().textContent()).toContain('admin');
    // An admin may delete any plan.
    expect(await page.getByTestId('plan-delete').count()).toBe(after.plans.length);
    await rows.nth(0).locator('input[type=checkbox]').check();
    await rows.nth(1).locator('input[type=checkbox]').check();
    await page.getByTestId('plans-compare').click();
    const table = page.getByTestId('plans-compared');
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator('thead th').count()).toBe(3);
    await screenshot(page, 'planner-compared');
  });
});
