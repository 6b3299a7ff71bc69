// `npm run bench:web -- [--scale demo|M] [--runs N] [--dates N] [--regenerate] [--as-of-only]`: the engineer's
// journey timed as a new user meets it (issue 14, "Speed of the journeys"), in headless Chromium
// with software GL against the real server on loopback, on a generated city in its own database
// (xl_bench_web_<scale>, generated and recomputed once, then reused):
//   login → map fully drawn: from pressing "log in" in a fresh browser profile to the map drawn
//     (basemap idle, camera tiles in, nothing new for 500 ms); targets: demo ≤ 2.5 s, M ≤ 4 s;
//   a date on the slider: from moving it to the coverage panel showing that date's design and
//     now figures and the camera and blind-spot tiles of that date loaded; target ≤ 1 s;
//   GET /api/v1/coverage?asOf= (design and now) p50 over random dates; targets: demo ≤ 300 ms,
//     M ≤ 1 s;
//   POST /api/v1/suggest for 20 sites, the engine's confirmation included; target: demo ≤ 5 s.
// `--as-of-only` times GET /coverage?asOf= alone (no browser, no suggestion): one figure at a time
// on a shared machine. A measurement, not a test: it reports each figure against its target and
// writes bench-results/web-<scale>-<time>.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../db/cluster';
import { createPool } from '../db/connect';
import { startServer } from '../api/server';
import { warmCoverageCache } from '../coverage-engine';
import { createUser, findUserByName } from '../api/domain/users/users';
import { randomPassword } from '../api/domain/users/passwords';
import { launchBrowser } from '../tests/browser/support/browser';
import { ensureWebBuilt, webDist } from '../tests/browser/support/web-build';
import { openBenchDatabase } from './bench-database';

const TARGETS = {
  demo: { loginToMapMs: 2500, sliderMs: 1000, coverageAsOfP50Ms: 300, suggest20Ms: 5000 },
  M: { loginToMapMs: 4000, sliderMs: 1000, coverageAsOfP50Ms: 1000, suggest20Ms: null },
} as const;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const median = (xs: number[]) => percentile(xs, 0.5);
const round = (v: number) => Math.round(v);

/** Resolves when nothing was drawn or loaded for 500 ms; gives the page time of the last map idle. */
function settled(page: Page): Promise<number> {
  // A string, not a function: tsx would inject a helper the page lacks.
  return page.evaluate<number>(`new Promise((resolve) => {
    let last = performance.now();
    let idle = window.__xl.mapIdleCount;
    let cams = window.__xl.camerasInTiles;
    function tick() {
      if (window.__xl.mapIdleCount !== idle || window.__xl.camerasInTiles !== cams) {
        idle = window.__xl.mapIdleCount; cams = window.__xl.camerasInTiles; last = performance.now();
      }
      if (performance.now() - last > 500) resolve(last); else requestAnimationFrame(tick);
    }
    tick();
  })`);
}

async function loginToMap(
  base: string,
  username: string,
  password: string,
): Promise<{ ms: number; page: Page; close: () => Promise<void> }> {
  const browser = await launchBrowser({ width: 1600, height: 900 });
  const page = await browser.context.newPage();
  await page.goto(base);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  const t0 = await page.evaluate<number>('performance.now()');
  await page.click('button[type=submit]');
  // A function, not a string: the app's CSP (script-src 'self') refuses to evaluate strings.
  await page.waitForFunction(() => window.__xl?.mapLoaded === true && (window.__xl?.camerasInTiles ?? 0) > 0, undefined, {
    timeout: 120_000,
  });
  const drawn = await settled(page);
  return { ms: drawn - t0, page, close: () => browser.close() };
}

/**
 * Moves the slider to `day` and times until the panel shows that date's figures and its tiles are
 * in; with the frames the map drew meanwhile (each 80–260 ms under software GL).
 */
async function sliderTo(page: Page, day: string): Promise<{ ms: number; frames: number }> {
  const frames0 = await page.evaluate<number>('window.__xl.mapRenderCount');
  const t0 = await page.evaluate<number>('performance.now()');
  await page.evaluate(`(() => {
    const input = document.getElementById('as-of');
    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    set.call(input, String(Math.floor(Date.parse('${day}T00:00:00Z') / 86400000)));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
  // Blind-spot tiles start at zoom 10 (coverage-layer.ts): a whole M city is drawn below that.
  await page.waitForFunction(
    (d) =>
      document.querySelector<HTMLElement>('[data-testid=coverage-workspace]')?.dataset.figuresAsOf === d &&
      window.__xl?.viewportLoadedFor.cameras === d &&
      (window.__xl?.viewportLoadedFor['blind-spots'] === d || (window.__xl?.getView?.().zoom ?? 99) < 10),
    day,
    { timeout: 60_000, polling: 'raf' },
  );
  const ms = (await page.evaluate<number>('performance.now()')) - t0;
  return { ms, frames: (await page.evaluate<number>('window.__xl.mapRenderCount')) - frames0 };
}

export default async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      runs: { type: 'string' },
      dates: { type: 'string' },
      regenerate: { type: 'boolean' },
      'as-of-only': { type: 'boolean' },
    },
    strict: false,
  });
  const scale = String(values.scale ?? 'demo') === 'demo' ? 'demo' : String(values.scale).toUpperCase();
  if (scale !== 'demo' && scale !== 'M') throw new Error(`--scale must be demo or M (got ${String(values.scale)})`);
  const runs = Number(values.runs ?? 3);
  const dateCount = Number(values.dates ?? 20);
  const targets = TARGETS[scale];
  const asOfOnly = values['as-of-only'] === true;
  if (!asOfOnly) await ensureWebBuilt();
  const { name, url } = await openBenchDatabase(`xl_bench_web_${scale.toLowerCase()}`, { fresh: values.regenerate === true });
  const pool = createPool(url, 10);
  const env = { ...process.env, DATABASE_URL: url };
  const xueliang = (...args: string[]) =>
    execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'xueliang.mjs'), ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let warm: Promise<void> | undefined;
  try {
    if ((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n === 0) {
      console.error(`generating the ${scale} city into ${name}…`);
      xueliang('generate', '--scale', scale, '--seed', '1');
      xueliang('recompute');
    }
    const username = 'bench-web';
    const password = randomPassword();
    if ((await findUserByName(pool, username)) !== undefined) await pool.query('DELETE FROM users WHERE username = $1', [username]);
    await createUser(pool, { username, password, role: 'engineer', mustChangePassword: false });
    // The planner's journey (suggest) needs the planner role.
    const planner = 'bench-web-planner';
    if ((await findUserByName(pool, planner)) !== undefined) await pool.query('DELETE FROM users WHERE username = $1', [planner]);
    await createUser(pool, { username: planner, password, role: 'planner', mustChangePassword: false });
    // A server as `npm start` runs it, started fresh: its caches are as cold as a new day's.
    server = await startServer({ pool, port: 0, host: '127.0.0.1', webDist });
    // As `xueliang serve` (npm start) does once it listens: the coverage scene loads in the
    // background while the first users log in.
    warm = warmCoverageCache(pool).catch((e: unknown) => console.error(`coverage cache not warmed: ${(e as Error).message}`));
    const base = `http://127.0.0.1:${server.port}`;
    const load0 = loadavg()[0]!;

    const logins: number[] = [];
    let last: Awaited<ReturnType<typeof loginToMap>> | undefined;
    for (let i = 0; i < (asOfOnly ? 0 : runs); i++) {
      await last?.close();
      last = await loginToMap(base, username, password);
      logins.push(round(last.ms));
      console.error(`login → map drawn, run ${i + 1}: ${round(last.ms)} ms`);
    }
    const { rows: span } = await pool.query<{ first: string; last: string }>(
      "SELECT to_char(min(install_date), 'YYYY-MM-DD') AS first, to_char(current_date - 1, 'YYYY-MM-DD') AS last FROM cameras",
    );
    const firstMs = Date.parse(`${span[0]!.first}T00:00:00Z`);
    const lastMs = Date.parse(`${span[0]!.last}T00:00:00Z`);
    // Evenly spread dates (deterministic), the deadline among them.
    const dates = Array.from({ length: dateCount }, (_, i) =>
      new Date(firstMs + Math.round((((i + 0.5) / dateCount) * (lastMs - firstMs)) / 86_400_000) * 86_400_000).toISOString().slice(0, 10),
    );
    dates[Math.floor(dateCount / 2)] = '2020-12-31';

    const slider: Array<{ date: string; ms: number; frames: number }> = [];
    // Eight of them, spread over the whole span (later dates have more cameras, and more down).
    const sliderDates = Array.from(
      { length: Math.min(8, dates.length) },
      (_, i) => dates[Math.floor((i * dates.length) / Math.min(8, dates.length))]!,
    );
    for (const d of asOfOnly ? [] : sliderDates) {
      const { ms, frames } = await sliderTo(last!.page, d);
      slider.push({ date: d, ms: round(ms), frames });
      console.error(`slider to ${d}: ${round(ms)} ms, ${frames} map frames`);
    }
    await last?.close();

    const { cookie, csrf } = await (async () => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: planner, password }),
      });
      const body = (await res.json()) as { csrfToken?: string };
      return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken ?? '' };
    })();
    const api: Record<'design' | 'now', number[]> = { design: [], now: [] };
    for (const mode of ['design', 'now'] as const)
      for (const d of dates) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/coverage?asOf=${d}${mode === 'now' ? '&now=1' : ''}`, { headers: { Cookie: cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET /coverage?asOf=${d} (${mode}): ${res.status}`);
        api[mode].push(round(performance.now() - t0));
      }

    // Suggest 20 sites as the planner's panel asks for them (all classes, design), the engine's
    // confirmation of the chosen set included: the answer carries each site's confirmedGain.
    const suggest: number[] = [];
    // The certified gap of each answer: the 3 s limit covers building the model and the search.
    const suggestGaps: number[] = [];
    for (let i = 0; i < (asOfOnly ? 0 : 3); i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/suggest`, {
        method: 'POST',
        headers: { Cookie: cookie, 'x-csrf-token': csrf, 'Content-Type': 'application/json' },
        // 3 s: the planner panel's default search time (SUGGEST_TIME_LIMITS_SEC in suggest-panel.tsx).
        body: JSON.stringify({ cameras: 20, timeLimitSec: 3 }),
      });
      const body = (await res.json()) as { sites?: Array<{ confirmedGain?: unknown }>; gap?: number };
      if (res.status !== 200 || body.sites === undefined || body.sites.some((x) => x.confirmedGain === undefined))
        throw new Error(`POST /suggest {"cameras":20}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      suggest.push(round(performance.now() - t0));
      suggestGaps.push(body.gap ?? Number.NaN);
      console.error(
        `suggest 20 sites, run ${i + 1}: ${suggest.at(-1)} ms (${body.sites.length} sites, within ${((body.gap ?? Number.NaN) * 100).toFixed(2)} % of the best possible)`,
      );
    }

    const report = {
      suite: 'web',
      scale,
      asOfOnly,
      database: name,
      at: new Date().toISOString(),
      machine: {
        cores: cpus().length,
        loadAverageAtStart: Math.round(load0 * 10) / 10,
        loadAverageAtEnd: Math.round(loadavg()[0]! * 10) / 10,
      },
      cameras: (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n,
      loginToMapMs: { runs: logins, median: median(logins), target: targets.loginToMapMs },
      sliderMs: {
        dates: slider,
        median: median(slider.map((s) => s.ms)),
        max: Math.max(...slider.map((s) => s.ms)),
        target: targets.sliderMs,
      },
      coverageAsOfMs: {
        design: { p50: median(api.design), p90: percentile(api.design, 0.9), samples: api.design.length },
        now: { p50: median(api.now), p90: percentile(api.now, 0.9), samples: api.now.length },
        target: targets.coverageAsOfP50Ms,
      },
      suggest20Ms: { runs: suggest, median: median(suggest), target: targets.suggest20Ms, gaps: suggestGaps },
    };
    const verdict = (v: number, t: number) => `${v} ms (target ≤ ${t} ms: ${v <= t ? 'met' : 'NOT met'})`;
    console.log(
      `bench:web ${scale} (${report.cameras} cameras, load average ${report.machine.loadAverageAtStart}→${report.machine.loadAverageAtEnd} on ${report.machine.cores} cores)`,
    );
    if (!asOfOnly) {
      console.log(
        `  login → map drawn, median of ${runs}: ${verdict(report.loginToMapMs.median, targets.loginToMapMs)}  [${logins.join(', ')}]`,
      );
      console.log(
        `  date on the slider → figures and tiles, median: ${verdict(report.sliderMs.median, targets.sliderMs)}  (max ${report.sliderMs.max} ms)`,
      );
    }
    console.log(
      `  GET /coverage?asOf= design p50: ${verdict(report.coverageAsOfMs.design.p50, targets.coverageAsOfP50Ms)}  (p90 ${report.coverageAsOfMs.design.p90} ms)`,
    );
    console.log(
      `  GET /coverage?asOf= now p50: ${verdict(report.coverageAsOfMs.now.p50, targets.coverageAsOfP50Ms)}  (p90 ${report.coverageAsOfMs.now.p90} ms)`,
    );
    if (!asOfOnly)
      console.log(
        `  suggest 20 sites, engine confirmation included, median of 3: ${
          targets.suggest20Ms === null
            ? `${report.suggest20Ms.median} ms (no target at this scale)`
            : verdict(report.suggest20Ms.median, targets.suggest20Ms)
        }  [${suggest.join(', ')}]`,
      );
    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    const file = join(REPO_ROOT, 'bench-results', `web-${scale}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`  report: ${file}`);
    await pool.query('DELETE FROM users WHERE username = ANY($1)', [[username, planner]]);
  } finally {
    await server?.close();
    await warm;
    await pool.end();
  }
}
