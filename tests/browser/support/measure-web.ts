// Measures the web app in headless Chromium against the database DATABASE_URL names (e.g. the
// M-scale city from `xueliang generate --scale M` + `xueliang recompute`): time to first full
// render, frame times while panning, and bytes transferred for the first view. A measurement,
// not a test: it prints JSON and asserts nothing.
//   DATABASE_URL=... npx tsx tests/browser/support/measure-web.ts [--zoom 15]
import { randomBytes } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { createPool } from '../../../db/connect';
import { createUser } from '../../../api/domain/users/users';
import { startServer } from '../../../api/server';
import { launchBrowser } from './browser';
import { ensureWebBuilt, webDist } from './web-build';

interface PanStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

async function firstView(page: Page, url: string): Promise<{ renderMs: number; bytes: number; requests: number }> {
  let bytes = 0;
  let requests = 0;
  const onDone = async (req: Request) => {
    const sizes = await req.sizes().catch(() => null);
    if (sizes === null) return;
    bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    requests++;
  };
  page.on('requestfinished', onDone);
  await page.goto(url);
  // Fully rendered: basemap idle, camera tiles in, and nothing loading for 500 ms.
  // Functions, not strings: the app's CSP (script-src 'self') refuses to evaluate strings.
  await page.waitForFunction(() => window.__xl?.mapLoaded === true && (window.__xl?.camerasInTiles ?? 0) > 0, undefined, {
    timeout: 120_000,
  });
  const renderMs = await settle(page);
  page.off('requestfinished', onDone);
  return { renderMs, bytes, requests };
}

/** Waits until nothing loaded for 500 ms; resolves with the time of the last map idle. */
async function settle(page: Page): Promise<number> {
  // Strings, not functions: tsx (esbuild keepNames) would inject a __name helper the page lacks.
  return page.evaluate<number>(`new Promise((resolve) => {
    let last = performance.now();
    let lastIdle = window.__xl.mapIdleCount;
    function tick() {
      if (window.__xl.mapIdleCount !== lastIdle) { lastIdle = window.__xl.mapIdleCount; last = performance.now(); }
      if (performance.now() - last > 500) resolve(last); else requestAnimationFrame(tick);
    }
    tick();
  })`);
}

/**
 * Frame times while circling the start point. radiusDeg: 0.02° lon × 0.015° lat by default,
 * whatever the zoom (so at z15 a whole new screen every frame); radiusPx: a circle of that many
 * screen pixels instead (250 px in 4 s is a steady ~390 px/s drag).
 */
async function panFrames(page: Page, opts: { radiusDeg?: number; radiusPx?: number } = {}): Promise<PanStats> {
  return page.evaluate<PanStats>(`new Promise((resolve) => {
    const z = window.__xl.getView().zoom;
    const r = ${opts.radiusPx === undefined ? `${opts.radiusDeg ?? 0.02} / 0.02` : `(${opts.radiusPx} * 360 / (256 * Math.pow(2, z))) / 0.02`};
    const deltas = [];
    let prev = performance.now();
    const start = prev;
    const view = window.__xl.getView();
    function step(now) {
      deltas.push(now - prev);
      prev = now;
      const t = (now - start) / 4000;
      // A slow circle around the start point: new tiles stream in while frames are timed.
      window.__xl.flyTo([view.lng + Math.sin(t * Math.PI * 2) * 0.02 * r, view.lat + (Math.cos(t * Math.PI * 2) - 1) * 0.015 * r], view.zoom);
      if (now - start < 4000) requestAnimationFrame(step);
      else {
        const s = deltas.slice(1).sort((a, b) => a - b);
        resolve({ frames: s.length, medianMs: s[Math.floor(s.length / 2)], p95Ms: s[Math.floor(s.length * 0.95)], maxMs: s[s.length - 1] });
      }
    }
    requestAnimationFrame(step);
  })`);
}

async function main(): Promise<void> {
  const zoomArg = process.argv.indexOf('--zoom');
  const zoom = zoomArg > 0 ? Number(process.argv[zoomArg + 1]) : undefined;
  await ensureWebBuilt();
  const pool = createPool(process.env.DATABASE_URL!, 8);
  const username = `measure-${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await createUser(pool, { username, password, role: 'viewer', mustChangePassword: false });
  const server = await startServer({ pool, port: 0, host: '127.0.0.1', webDist });
  const browser = await launchBrowser({ width: 1600, height: 900 });
  try {
    const page = await browser.context.newPage();
    const base = `http://127.0.0.1:${server.port}`;
    const login = await page.request.post(`${base}/api/v1/auth/login`, { data: { username, password } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const cameras = await pool.query<{ n: string }>('SELECT count(*) AS n FROM cameras');
    const view = await firstView(page, base);
    const firstViewZoom = await page.evaluate<number>('window.__xl.getView().zoom');
    const firstViewCenter = await page.evaluate<[number, number]>('[window.__xl.getView().lng, window.__xl.getView().lat]');
    const out: Record<string, unknown> = {
      cameras: Number(cameras.rows[0]!.n),
      firstView: view,
      firstViewZoom,
      firstViewCenter,
      panAtOverview: await panFrames(page),
    };
    if (zoom !== undefined) {
      const c = await page.evaluate<[number, number]>('window.__xl.pickClusters().sort((a, b) => b.count - a.count)[0].lngLat');
      await page.evaluate(`window.__xl.flyTo(${JSON.stringify(c)}, ${zoom})`);
      await page.waitForFunction(() => (window.__xl?.pickCameras?.().length ?? 0) > 0, undefined, { timeout: 60_000 });
      out.panAtZoom = { zoom, camerasDrawn: await page.evaluate<number>('window.__xl.pickCameras().length'), ...(await panFrames(page)) };
      // The circle above is fixed in degrees: at z15 it moves ~3 km/s, a whole new screen every
      // frame. These move 250 px on screen in 4 s (~390 px/s, a steady drag), after the view
      // settled, at z15 and at the city view.
      await settle(page);
      out.dragAtZoom = { zoom, ...(await panFrames(page, { radiusPx: 250 })) };
      await page.evaluate(`window.__xl.flyTo(${JSON.stringify(out.firstViewCenter)}, ${out.firstViewZoom as number})`);
      await settle(page);
      out.dragAtOverview = await panFrames(page, { radiusPx: 250 });
    }
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await browser.close();
    await server.close();
    await pool.query('DELETE FROM users WHERE username = $1', [username]);
    await pool.end();
  }
}

await main();
