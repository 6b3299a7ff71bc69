// Issue 15 item 17: the web app had no Content-Security-Policy (only the printable report had
// one). It now has a strict one (no inline or eval'd script, workers only from our origin or
// blob:), and Chromium reports no violation while every workspace is used: the map with its
// workers, the command center's live stream, planning, the deadline chart, import, the audit log,
// and the API's own documentation page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, screenshot, startAppFixture, waitForMap, type AppFixture } from './support/app-fixture';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
  page: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

function parsePolicy(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== '')
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('Content-Security-Policy', () => {
  let fx: AppFixture;
  let page: Page;
  const consoleReports: string[] = [];

  const violations = () => page.evaluate(() => window.__cspViolations ?? []);

  beforeAll(async () => {
    fx = await startAppFixture();
    page = await fx.context.newPage();
    // Every document (and reload) records its violations before any of its scripts run.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations!.push({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          source: `${e.sourceFile}:${e.lineNumber}`,
          sample: e.sample,
          page: location.pathname + location.hash,
        });
      });
    });
    page.on('console', (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) consoleReports.push(m.text());
    });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('serves the app with a strict policy: scripts from our origin only, no inline script, no eval, no framing', async () => {
    const res = await fetch(fx.baseUrl);
    const header = res.headers.get('content-security-policy');
    expect(header, 'the web app has no Content-Security-Policy header').not.toBeNull();
    const policy = parsePolicy(header!);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(header).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // The printable report keeps its own (stricter, document-only) policy.
    expect(res.status).toBe(200);
  });

  it('reports no violation on any workspace', async () => {
    await logIn(page, fx.baseUrl);
    await waitForMap(page);
    await page.waitForFunction(() => (window.__xl?.pickClusters?.().length ?? 0) > 0, undefined, { timeout: 30_000 });

    await page.getByTestId('tab-command').click();
    await page.getByTestId('state-counts').waitFor();
    await page.waitForFunction(() => document.querySelector('.live:not(.off)') !== null, undefined, { timeout: 15_000 });

    await page.getByTestId('tab-planning').click();
    await page.getByTestId('plan-add').waitFor();

    await page.getByTestId('tab-deadline').click();
    // The chart draws in SVG (ECharts' SVG renderer, so the bundled font applies).
    await page.getByTestId('deadline-chart').locator('svg').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-testid^=deadline-rate-]').first().waitFor({ timeout: 30_000 });

    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-panel').waitFor();

    await page.getByTestId('tab-audit').click();
    await page.locator('[data-testid=audit-table] tbody tr').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'audit-log');

    // Back to the map (remounted after the audit page) with the English interface.
    await page.getByTestId('tab-coverage').click();
    await page.getByRole('button', { name: 'English' }).click();
    await waitForMap(page);

    expect(await violations()).toEqual([]);
    expect(consoleReports).toEqual([]);
  });

  it('reports no violation on the API documentation page (inline styles allowed there only, scripts as strict)', async () => {
    const docsPolicy = parsePolicy((await fetch(`${fx.baseUrl}/api/v1/docs`)).headers.get('content-security-policy') ?? '');
    expect(docsPolicy.get('script-src')).toEqual(["'self'"]);
    await page.goto(`${fx.baseUrl}/api/v1/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
    expect(await violations()).toEqual([]);
    expect(consoleReports).toEqual([]);
  });

  it('the audit log page lists entries newest first and filters them (admins only)', async () => {
    await page.goto(`${fx.baseUrl}/#audit`);
    await page.getByTestId('audit-page').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=audit-table] tbody tr').first().waitFor({ timeout: 15_000 });
    await page.fill('input[name=audit-action]', 'login');
    await page.getByRole('button', { name: /^(筛选|Filter)$/ }).click();
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-testid=audit-table] tbody tr')];
        return rows.length > 0 && rows.every((r) => r.getAttribute('data-action') === 'login');
      },
      undefined,
      { timeout: 15_000 },
    );
    const href = await page.getByTestId('audit-csv').getAttribute('href');
    expect(href).toBe('/api/v1/audit.csv?action=login');
    const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href!);
    expect(csv.split('\r\n')[0]).toContain('id,at,username');
    expect(await violations()).toEqual([]);
  });

  it('the check can fail: an injected inline script is refused and reported (so the empty lists above mean something)', async () => {
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injectedRan = true';
      document.body.appendChild(script);
      return (window as unknown as { __injectedRan?: boolean }).__injectedRan === true;
    });
    expect(ran).toBe(false);
    await page.waitForFunction(() => (window.__cspViolations ?? []).length > 0, undefined, { timeout: 5000 });
    expect((await violations()).map((v) => v.directive)).toEqual(['script-src-elem']);
  });
});
