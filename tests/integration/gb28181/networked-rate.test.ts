// 联网率 end to end: a simulated GB/T 28181 camera registers with the SIP server → 联网率 rises in
// GET /api/v1/status/summary, in today's record (gb_networked_daily) and its roll-ups per county
// and town, and in `xueliang status --json`; its keepalives stop → it falls, not before 3
// keepalive intervals of silence. Before any device registered 联网率 is null (unknown), not 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraId, deviceSpec, eventually, startWorld, type GbWorld } from './gb-fixture';
import { createTestApp, type TestApp } from '../../helpers/api';
import { runCli } from '../../helpers/cli';
import { buildCoverageReport } from '../../../api/domain/exports/coverage-report';

interface Rollup {
  areaCode: string | null;
  period: string;
  networkedRate: number | null;
}
interface Summary {
  total: number;
  networked: number;
  networkedRate: number | null;
  today: Rollup | null;
}

const SQUARE = 'ST_Multi(ST_MakeEnvelope(117, 31, 118, 32, 4326))';
let w: GbWorld;
let t: TestApp;

beforeAll(async () => {
  // Keepalive every 1 s (stored as 1 s: the SQL rule's 3 intervals are 3 s); today recorded every 200 ms.
  w = await startWorld(4, { keepaliveIntervalMs: 1000, networkedRecordMs: 200 });
  const q = (sql: string, p: unknown[] = []) => w.db.pool.query<{ id: number }>(sql, p);
  const city = (await q(`INSERT INTO admin_areas (code, name, level, geom) VALUES ('34010000', 'City', 'city', ${SQUARE}) RETURNING id`))
    .rows[0]!.id;
  const county = (
    await q(
      `INSERT INTO admin_areas (code, name, level, parent_id, geom) VALUES ('34010200', 'County', 'county', $1, ${SQUARE}) RETURNING id`,
      [city],
    )
  ).rows[0]!.id;
  const towns: number[] = [];
  for (const code of ['34010201', '34010202'])
    towns.push(
      (
        await q(`INSERT INTO admin_areas (code, name, level, parent_id, geom) VALUES ($1, $1, 'town', $2, ${SQUARE}) RETURNING id`, [
          code,
          county,
        ])
      ).rows[0]!.id,
    );
  // Cameras 1, 2 in the first town, 3, 4 in the second.
  await q('UPDATE cameras SET admin_area_id = CASE WHEN device_id IN ($1, $2) THEN $3::int ELSE $4::int END', [
    cameraId(1),
    cameraId(2),
    towns[0],
    towns[1],
  ]);
  t = await createTestApp(w.db);
});
afterAll(async () => {
  await t?.close();
  await w?.close();
});

const summary = async (): Promise<Summary> => {
  const res = await t.app.request('/api/v1/status/summary', { headers: await t.login('viewer') });
  expect(res.status).toBe(200);
  return (await res.json()) as Summary;
};
const townRollup = async (): Promise<Rollup[]> => {
  const res = await t.app.request('/api/v1/status/rollups?level=town&period=day', { headers: await t.login('viewer') });
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: Rollup[] }).rows;
};

describe('联网率 (networked rate)', () => {
  it('is null, not 0, before any GB/T 28181 device registered', async () => {
    const s = await summary();
    expect(s).toMatchObject({ total: 4, networked: 0, networkedRate: null });
    await w.gb.recorder.record();
    expect((await w.db.pool.query('SELECT count(*)::int AS n FROM gb_networked_daily')).rows[0]).toEqual({ n: 0 });
    expect(s.today?.networkedRate ?? null).toBeNull();
    // The inspector's report says the same: unknown, never 0 %.
    const report = await buildCoverageReport(w.db.pool, '34010200', { blindSpots: 0 });
    expect(report.status).toMatchObject({ networked: 0, networkedRateNow: null });
  });

  it('rises when a device registers and keeps alive, per town and in xueliang status --json; falls after 3 missed keepalives', async () => {
    const [dev] = await w.sim.add([deviceSpec(cameraId(2), { keepaliveIntervalMs: 1000 })]);
    expect(await dev!.register()).toBe(200);
    expect(await dev!.keepalive()).toBe(200);
    await eventually(async () => ((await summary()).networked === 1 ? true : undefined), 'networked now');
    expect((await summary()).networkedRate).toBe(0.25);
    const today = await eventually(async () => {
      const s = await summary();
      return s.today?.networkedRate === 0.25 ? s.today : undefined;
    }, "today's record");
    expect(today.areaCode).toBeNull();
    const towns = await townRollup();
    expect(towns.filter((r) => r.period === today.period).map((r) => [r.areaCode, r.networkedRate])).toEqual([
      ['34010201', 0.5],
      ['34010202', 0],
    ]);
    const cli = await runCli(w.db.url, ['status', '--level', 'county', '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    const out = JSON.parse(cli.stdout) as { summary: Summary; rollups: { day: Rollup[]; month: Rollup[] } };
    expect(out.summary).toMatchObject({ networked: 1, networkedRate: 0.25 });
    expect(out.rollups.day).toEqual([expect.objectContaining({ areaCode: '34010200', networkedRate: 0.25 })]);
    expect(out.rollups.month).toEqual([expect.objectContaining({ areaCode: '34010200', networkedRate: 0.25 })]);
    // The coverage report of the county and of each town: the same figures, now and month to date.
    const county = await buildCoverageReport(w.db.pool, '34010200', { blindSpots: 0 });
    expect(county.status).toMatchObject({ cameras: 4, networked: 1, networkedRateNow: 0.25, thresholds: { networked: 1 } });
    expect(county.status.monthToDate?.networkedRate).toBe(0.25);
    const town1 = await buildCoverageReport(w.db.pool, '34010201', { blindSpots: 0 });
    expect(town1.status).toMatchObject({ cameras: 2, networked: 1, networkedRateNow: 0.5 });
    const town2 = await buildCoverageReport(w.db.pool, '34010202', { blindSpots: 0 });
    expect(town2.status).toMatchObject({ cameras: 2, networked: 0, networkedRateNow: 0 });

    dev!.spec.faults.missKeepalives = true;
    const fell = await eventually(
      async () => {
        if ((await summary()).networked !== 0) return undefined;
        const { rows } = await w.db.pool.query<{ silentMs: number }>(
          'SELECT extract(epoch FROM now() - last_alive_at) * 1000 AS "silentMs" FROM gb_devices WHERE device_id = $1',
          [cameraId(2)],
        );
        return rows[0];
      },
      'not networked after 3 missed keepalives',
      15_000,
    );
    // Not before 3 intervals (3 × 1 s) without a sign of life.
    expect(fell.silentMs).toBeGreaterThanOrEqual(3000);
    expect((await summary()).networkedRate).toBe(0);
    await eventually(async () => ((await summary()).today?.networkedRate === 0 ? true : undefined), "today's record falls");
  });
});
