// Issue 14: "coverage now" on past dates showed 0.0 % at the 2020-12-31 deadline because status
// records begin when monitoring began; before the first status record the figure is unknown
// (null, with `statusFrom`), and the demo county gets a generated status history so the deadline
// shows "now" as well as design. And any date of the time slider is answered from the daily
// history (p50 ≤ 300 ms on the demo): those figures must be exactly what evaluating every part
// on that date gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratedCity } from '../../../gis-data/loaders/load-generated-city';
import { coverageReport, recomputeCoverage } from '../../../coverage-engine';
import { dropAdhoc, evaluateAdhoc } from '../../../coverage-engine/adhoc';
import { evaluateFromHistory } from '../../../coverage-engine/as-of';
import { queryRates, type AreaRates } from '../../../coverage-engine/rates';
import { loadCoverageSettings } from '../../../coverage-engine/settings';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { runCli } from '../../helpers/cli';

let db: TestDatabase;
let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadGeneratedCity(db.pool, { scale: 'demo', seed: 1, replace: false, statusUntil: '2026-06-01' });
  await recomputeCoverage(db.pool);
  t = await createTestApp(db);
  headers = await t.login('viewer');
}, 240_000);
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

type Report = {
  statusFrom: string | null;
  areas: { areaId: number | null; classes: Record<string, { rate: number | null; covered: number | null; total: number }> }[];
};
const city = (r: Report) => r.areas.find((a) => a.areaId === null)!.classes;

async function coverage(query: string): Promise<Report> {
  const res = await t.app.request(`/api/v1/coverage?${query}`, { headers });
  expect(res.status, query).toBe(200);
  return (await res.json()) as Report;
}

describe('the generated demo county has a status history', () => {
  it('records since its first cameras were installed, so statusFrom is the first install day', async () => {
    const first = (await db.pool.query<{ d: string }>("SELECT to_char(min(install_date), 'YYYY-MM-DD') AS d FROM cameras")).rows[0]!.d;
    const r = await coverage('now=1');
    expect(r.statusFrom).toBe(first);
    const n = (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM camera_status_events')).rows[0]!.n;
    expect(n).toBeGreaterThan(20_000);
  });

  it('shows "now" at the 2020-12-31 deadline: a little below design (cameras down that day), not 0 %', async () => {
    const design = city(await coverage('asOf=2020-12-31'));
    const now = city(await coverage('asOf=2020-12-31&now=1'));
    for (const cls of ['intersection', 'road', 'hotspot', 'crowded_place']) {
      expect(now[cls]!.rate, cls).not.toBeNull();
      expect(now[cls]!.rate!, cls).toBeLessThanOrEqual(design[cls]!.rate!);
      expect(now[cls]!.rate!, cls).toBeGreaterThan(design[cls]!.rate! * 0.8);
    }
    expect(now.road!.rate!).toBeLessThan(design.road!.rate!);
  });
});

describe('which cameras worked at the end of a day', () => {
  /** The set xl_cameras_working gives on day `d` against the cameras xl_camera_working says yes to. */
  async function compare(d: string): Promise<{ missing: number; extra: number; n: number }> {
    const { rows } = await db.pool.query<{ missing: number; extra: number; n: number }>(
      `WITH s AS (SELECT camera_id FROM xl_cameras_working($1::date)),
            one AS (SELECT id AS camera_id FROM cameras WHERE xl_camera_working(id, $1::date))
       SELECT (SELECT count(*) FROM one WHERE camera_id NOT IN (SELECT camera_id FROM s))::int AS missing,
              (SELECT count(*) FROM s WHERE camera_id NOT IN (SELECT camera_id FROM one))::int AS extra,
              (SELECT count(*) FROM s)::int AS n`,
      [d],
    );
    return rows[0]!;
  }
  const works = async (id: number, d: string) =>
    (await db.pool.query<{ w: boolean }>('SELECT $1::bigint IN (SELECT camera_id FROM xl_cameras_working($2::date)) AS w', [id, d]))
      .rows[0]!.w;

  it('is one rule: the set xl_cameras_working gives is the cameras xl_camera_working says yes to', async () => {
    for (const d of ['2016-05-01', '2020-12-31', '2023-08-09', '2099-01-01']) {
      const r = await compare(d);
      expect(r, d).toMatchObject({ missing: 0, extra: 0 });
      if (d !== '2016-05-01') expect(r.n, d).toBeGreaterThan(100);
    }
  });

  it('stays one rule as status events are written, changed and deleted, and when the time zone moves the days', async () => {
    // xl_cameras_working reads ranges of working days kept by triggers (camera_working_days);
    // xl_camera_working replays the events themselves.
    const id = (
      await db.pool.query<{ id: number }>(
        `SELECT c.id::int AS id FROM cameras c WHERE c.install_date < '2023-01-01' AND c.removal_date IS NULL
           AND xl_camera_working(c.id, '2024-03-09') AND xl_camera_working(c.id, '2024-03-14')
           AND NOT EXISTS (SELECT 1 FROM camera_status_events e WHERE e.camera_id = c.id AND e.at BETWEEN '2024-03-07' AND '2024-03-16')
         ORDER BY c.id LIMIT 1`,
      )
    ).rows[0]!.id;
    const days = ['2024-03-09', '2024-03-10', '2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14'];
    const check = async (label: string) => {
      for (const d of days) expect(await compare(d), `${label}: ${d}`).toMatchObject({ missing: 0, extra: 0 });
      return Promise.all(days.map((d) => works(id, d)));
    };
    const { rows: added } = await db.pool.query<{ id: string }>(
      `INSERT INTO camera_status_events (camera_id, state, previous_state, reason, at)
       VALUES ($1, 'UNREACHABLE', 'OK', 'connect-timeout', '2024-03-10 22:00+08'),
              ($1, 'OK', 'UNREACHABLE', 'connect-timeout', '2024-03-12 01:00+08'),
              ($1, 'UNREACHABLE', 'OK', 'connect-timeout', '2024-03-12 23:30+08'),
              ($1, 'OK', 'UNREACHABLE', 'connect-timeout', '2024-03-14 08:00+08')
       RETURNING id`,
      [id],
    );
    expect(await check('written')).toEqual([true, false, false, false, false, true]);
    // The evening's failure moved past midnight: the 12th ends working.
    await db.pool.query("UPDATE camera_status_events SET at = '2024-03-13 00:30+08' WHERE id = $1", [added[2]!.id]);
    expect(await check('changed')).toEqual([true, false, false, true, false, true]);
    // In UTC the 01:00 and 00:30 (+08) events fall on the day before.
    const zone = await db.pool.query<{ value: unknown }>("SELECT value FROM settings WHERE key = 'time_zone'");
    await db.pool.query(
      `INSERT INTO settings (key, value) VALUES ('time_zone', '"UTC"') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    try {
      expect(await check('time zone UTC')).toEqual([true, false, true, false, false, true]);
    } finally {
      if (zone.rows.length === 0) await db.pool.query("DELETE FROM settings WHERE key = 'time_zone'");
      else await db.pool.query("UPDATE settings SET value = $1 WHERE key = 'time_zone'", [JSON.stringify(zone.rows[0]!.value)]);
    }
    expect(await check('time zone back')).toEqual([true, false, false, true, false, true]);
    await db.pool.query('DELETE FROM camera_status_events WHERE id = ANY ($1)', [added.map((r) => r.id)]);
    expect(await check('deleted')).toEqual([true, true, true, true, true, true]);
  });
});

describe('any date from the daily history', () => {
  const fields = ['coveredTargets', 'covered', 'rate', 'assumedTargets', 'redundantTargets', 'meanCameras'] as const;
  async function viaAdhoc(asOf: string, now: boolean): Promise<AreaRates[]> {
    const run = await evaluateAdhoc(db.pool, { asOf, now });
    try {
      return await queryRates(db.pool, await loadCoverageSettings(db.pool), { runId: run.runId });
    } finally {
      await dropAdhoc(db.pool, run.runId);
    }
  }
  async function viaHistory(asOf: string, now: boolean): Promise<AreaRates[]> {
    const run = await evaluateFromHistory(db.pool, { asOf, now });
    expect(run.failures).toEqual([]);
    try {
      return await queryRates(db.pool, await loadCoverageSettings(db.pool), { runId: run.runId });
    } finally {
      await dropAdhoc(db.pool, run.runId);
    }
  }

  it.each([
    ['2017-03-17', false],
    ['2019-11-02', false],
    ['2020-12-31', false],
    ['2020-12-31', true],
    ['2023-08-09', true],
  ])(
    '%s (now: %s) equals evaluating every part on that day',
    async (asOf, now) => {
      const [a, b] = await Promise.all([viaAdhoc(asOf, now), viaHistory(asOf, now)]);
      expect(b.map((x) => x.code)).toEqual(a.map((x) => x.code));
      a.forEach((area, i) => {
        for (const [cls, r] of Object.entries(area.classes))
          for (const f of fields) expect(b[i]!.classes[cls as 'road']![f], `${area.code} ${cls} ${f}`).toBeCloseTo(r[f], 6);
      });
    },
    120_000,
  );

  it('answers the day a camera was taken down, and the day before, as evaluating every part does', async () => {
    const { rows } = await db.pool.query<{ d: string }>(
      "SELECT to_char(removal_date, 'YYYY-MM-DD') AS d FROM cameras WHERE removal_date IS NOT NULL ORDER BY removal_date LIMIT 1",
    );
    const d = rows[0]!.d;
    const before = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    for (const day of [before, d]) {
      const [a, b] = await Promise.all([viaAdhoc(day, false), viaHistory(day, false)]);
      expect(b[0]!.classes.road!.covered).toBeCloseTo(a[0]!.classes.road!.covered, 6);
    }
  }, 120_000);

  it('is what GET /coverage?asOf= returns (stored daily history, not a whole evaluation)', async () => {
    const r = await coverageReport(db.pool, { asOf: '2019-11-02' });
    const h = await viaHistory('2019-11-02', false);
    expect(r.areas.find((a) => a.areaId === null)!.classes.road!.covered).toBeCloseTo(
      h.find((a) => a.areaId === null)!.classes.road!.covered,
      6,
    );
  });
});

describe('coverage now before the first status record', () => {
  beforeAll(async () => {
    // The same county, as if monitoring had begun on 2021-03-01 (the last tests of this file).
    await db.pool.query("DELETE FROM camera_status_events WHERE at < '2021-03-01T00:00:00+08:00'");
    await db.pool.query("UPDATE camera_status SET since = greatest(since, '2021-03-01T00:00:00+08:00')");
  });

  it('is unknown (null rates and covered amounts, totals kept) with statusFrom, instead of 0 %', async () => {
    const res = await t.app.request('/api/v1/coverage?asOf=2020-12-31&now=1', { headers: headers });
    const r = (await res.json()) as Report & { mode: string };
    expect(r.mode).toBe('now');
    expect(r.statusFrom).toBe('2021-03-01');
    for (const a of r.areas)
      for (const [cls, x] of Object.entries(a.classes)) {
        expect(x.rate, cls).toBeNull();
        expect(x.covered, cls).toBeNull();
        expect(x.total, cls).toBeGreaterThan(0);
      }
    // Design coverage of that date does not depend on monitoring.
    const d = (await (await t.app.request('/api/v1/coverage?asOf=2020-12-31', { headers: headers })).json()) as Report;
    expect(city(d).road!.rate).toBeGreaterThan(0.3);
    // From the first record on, "now" is known again.
    const later = (await (await t.app.request('/api/v1/coverage?asOf=2021-06-30&now=1', { headers: headers })).json()) as Report;
    expect(city(later).road!.rate).toBeGreaterThan(0.3);
  });

  it('says the same in `xueliang coverage --json` (null, statusFrom)', async () => {
    const out = await runCli(db.url, ['coverage', '--as-of', '2020-12-31', '--now', '--json']);
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as Report;
    expect(r.statusFrom).toBe('2021-03-01');
    expect(city(r).intersection!.rate).toBeNull();
  });
});
