// 在线率/完好率 thresholds per admin area: an admin sets them (API and CLI, audited), towns inherit
// from their county, the rest from the city default, and the summary and roll-ups carry each
// area's own thresholds so the command center can judge every county against ITS figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusWriter } from '../../../camera-agent/status-writer';
import { pollRecord } from '../../helpers/poll-record';
import { createTestApp, type TestApp } from '../../helpers/api';
import { runCli } from '../../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
let t: TestApp;
const CITY = '610900';
const COUNTY = '610902';
const OTHER = '610921';
const TOWN = '61090201';
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

interface Row {
  areaCode: string | null;
  thresholds: { online: number; working: number; onlineFrom: string; workingFrom: string };
}

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const area = async (code: string, level: string, parent: string | null, lon: number) =>
    (
      await db.pool.query<{ id: number }>(
        `INSERT INTO admin_areas (code, name, level, parent_id, geom) VALUES ($1, $2, $3, (SELECT id FROM admin_areas WHERE code = $4),
      ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($5, 32.7), 4326), 0.01))) RETURNING id`,
        [code, `Area ${code}`, level, parent, lon],
      )
    ).rows[0]!.id;
  await area(CITY, 'city', null, 109);
  await area(COUNTY, 'county', CITY, 109);
  const townId = await area(TOWN, 'town', COUNTY, 109);
  const otherId = await area(OTHER, 'county', CITY, 109.5);
  const writer = new StatusWriter(db.pool, { flapWindowMs: 300_000 });
  let n = 0;
  for (const areaId of [townId, otherId]) {
    n += 1;
    const deviceId = `6109020000132000020${n}`;
    const id = Number(
      (
        await db.pool.query<{ id: string }>(
          "INSERT INTO cameras (device_id, type, geom, height_m, admin_area_id) VALUES ($1, 'fixed', ST_SetSRID(ST_MakePoint(109, 32.7), 4326), 6, $2) RETURNING id",
          [deviceId, areaId],
        )
      ).rows[0]!.id,
    );
    await db.pool.query('INSERT INTO camera_poll_state (camera_id, next_due_at) VALUES ($1, now())', [id]);
    const now = Date.now();
    writer.add(
      pollRecord(id, deviceId, 'OK', null, now, {
        clockOffsetMs: 0,
        latencyMs: 3,
        memory: { failures: 0 },
        daily: [
          {
            cameraId: id,
            day: today(),
            samples: 10,
            onlineSamples: 10,
            workingSamples: 9,
            observedMs: 600_000,
            onlineMs: 600_000,
            workingMs: 582_000,
          },
        ],
      }),
    );
  }
  await writer.flush();
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

const rollup = async (level: string): Promise<Row[]> => {
  const res = await t.app.request(`/api/v1/status/rollups?level=${level}&period=day&from=${today()}&to=${today()}`, {
    headers: await t.login('viewer'),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
};

describe('thresholds per area', () => {
  it('starts from the built-in default (在线率 95 %, 完好率 98 %, 联网率 100 %) everywhere, and the summary says so', async () => {
    const res = await t.app.request('/api/v1/status/summary', { headers: await t.login('viewer') });
    expect(((await res.json()) as Row).thresholds).toEqual({
      online: 0.95,
      working: 0.98,
      networked: 1,
      onlineFrom: 'default',
      workingFrom: 'default',
      networkedFrom: 'default',
    });
    for (const r of await rollup('county')) expect(r.thresholds).toMatchObject({ online: 0.95, working: 0.98, networked: 1 });
  });

  it("an admin sets a county's thresholds; its town inherits them, the other county keeps the default", async () => {
    const res = await t.json(
      'PUT',
      `/api/v1/status/thresholds/${COUNTY}`,
      { online: 0.9, working: 0.96, note: 'county plan' },
      await t.login('admin'),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      areaCode: COUNTY,
      before: null,
      after: { online: 0.9, working: 0.96, note: 'county plan' },
      effective: { online: 0.9, onlineFrom: COUNTY },
    });
    const counties = await rollup('county');
    expect(counties.find((r) => r.areaCode === COUNTY)!.thresholds).toEqual({
      online: 0.9,
      working: 0.96,
      networked: 1,
      onlineFrom: COUNTY,
      workingFrom: COUNTY,
      networkedFrom: 'default',
    });
    expect(counties.find((r) => r.areaCode === OTHER)!.thresholds).toMatchObject({ online: 0.95, onlineFrom: 'default' });
    expect((await rollup('town')).find((r) => r.areaCode === TOWN)!.thresholds).toEqual({
      online: 0.9,
      working: 0.96,
      networked: 1,
      onlineFrom: COUNTY,
      workingFrom: COUNTY,
      networkedFrom: 'default',
    });
  });

  it('writes each change to the audit log with before and after', async () => {
    const { rows } = await db.pool.query<{ username: string; before: unknown; after: { online: number } }>(
      "SELECT username, before, after FROM audit_log WHERE entity = 'status_thresholds' AND entity_id = $1 ORDER BY id",
      [COUNTY],
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.before).toBeNull();
    expect(rows[0]!.after.online).toBe(0.9);
  });

  it('lets only an admin change thresholds (engineer 403), and names the bad field or unknown area', async () => {
    expect((await t.json('PUT', `/api/v1/status/thresholds/${COUNTY}`, { online: 0.5 }, await t.login('engineer'))).status).toBe(403);
    const bad = await t.json('PUT', `/api/v1/status/thresholds/${COUNTY}`, { online: 95 }, await t.login('admin'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('online');
    const missing = await t.json('PUT', '/api/v1/status/thresholds/999999', { online: 0.5 }, await t.login('admin'));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('999999');
  });

  it('a city default set by the CLI reaches every area without its own value; clearing a county makes it inherit again', async () => {
    const set = await runCli(db.url, ['thresholds', 'set', '--area', CITY, '--online', '97', '--json']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      areaCode: CITY,
      effective: { online: 0.97, working: 0.98, onlineFrom: CITY, workingFrom: 'default' },
    });
    expect((await rollup('county')).find((r) => r.areaCode === OTHER)!.thresholds).toMatchObject({ online: 0.97, onlineFrom: CITY });
    const summary = (await (await t.app.request('/api/v1/status/summary', { headers: await t.login('viewer') })).json()) as Row;
    expect(summary.thresholds).toMatchObject({ online: 0.97, onlineFrom: CITY });
    expect((await t.app.request(`/api/v1/status/thresholds/${COUNTY}`, { method: 'DELETE', headers: await t.login('admin') })).status).toBe(
      200,
    );
    expect((await rollup('town')).find((r) => r.areaCode === TOWN)!.thresholds).toMatchObject({
      online: 0.97,
      onlineFrom: CITY,
      working: 0.98,
      workingFrom: 'default',
    });
    const list = await runCli(db.url, ['thresholds', 'list', '--json']);
    const table = JSON.parse(list.stdout) as {
      default: { online: number };
      areas: Array<{ areaCode: string; own: unknown; effective: { online: number } }>;
    };
    expect(table.default.online).toBe(0.95);
    expect(table.areas.find((a) => a.areaCode === COUNTY)).toMatchObject({ own: null, effective: { online: 0.97 } });
    const { rows } = await db.pool.query<{ username: string }>(
      "SELECT username FROM audit_log WHERE entity = 'status_thresholds' AND entity_id = $1",
      [CITY],
    );
    expect(rows[0]!.username).toMatch(/^cli:/);
  });

  it('the CLI refuses an out-of-range percentage and an unknown area with a message naming them', async () => {
    const range = await runCli(db.url, ['thresholds', 'set', '--area', COUNTY, '--working', '120']);
    expect(range.code).not.toBe(0);
    expect(range.stderr).toContain('--working');
    const unknown = await runCli(db.url, ['thresholds', 'set', '--area', '61099999', '--working', '90']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('61099999');
  });

  it('"default" changes the city-wide default (settings status_thresholds, also read by the coverage report)', async () => {
    const res = await t.json('PUT', '/api/v1/status/thresholds/default', { working: 0.95 }, await t.login('admin'));
    expect(res.status).toBe(200);
    const { rows } = await db.pool.query<{ value: unknown }>("SELECT value FROM settings WHERE key = 'status_thresholds'");
    expect(rows[0]!.value).toEqual({ working: 0.95 });
    expect((await rollup('county')).find((r) => r.areaCode === OTHER)!.thresholds).toMatchObject({ working: 0.95, workingFrom: 'default' });
  });

  it('联网率 has its own threshold, set like the others (API and CLI) and inherited on its own', async () => {
    const res = await t.json('PUT', `/api/v1/status/thresholds/${TOWN}`, { networked: 0.9 }, await t.login('admin'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ after: { online: null, working: null, networked: 0.9 }, effective: { networked: 0.9 } });
    const town = (await rollup('town')).find((r) => r.areaCode === TOWN)!.thresholds;
    expect(town).toMatchObject({ networked: 0.9, networkedFrom: TOWN });
    const bad = await t.json('PUT', `/api/v1/status/thresholds/${TOWN}`, { networked: 90 }, await t.login('admin'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('networked');

    const set = await runCli(db.url, ['thresholds', 'set', '--area', COUNTY, '--networked', '85', '--json']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ effective: { networked: 0.85, networkedFrom: COUNTY } });
    // The county's other rates still come from where they came from; the town keeps its own 联网率.
    expect((await rollup('county')).find((r) => r.areaCode === COUNTY)!.thresholds).toMatchObject({
      networked: 0.85,
      networkedFrom: COUNTY,
    });
    expect((await rollup('town')).find((r) => r.areaCode === TOWN)!.thresholds).toMatchObject({ networked: 0.9, networkedFrom: TOWN });
    const range = await runCli(db.url, ['thresholds', 'set', '--area', COUNTY, '--networked', '101']);
    expect(range.code).not.toBe(0);
    expect(range.stderr).toContain('--networked');
    const list = JSON.parse((await runCli(db.url, ['thresholds', 'list', '--json'])).stdout) as {
      default: { networked: number; networkedSource: string };
    };
    expect(list.default).toMatchObject({ networked: 1, networkedSource: 'built-in' });
    // Clearing the town's only rate removes its row: it inherits the county's 联网率 again.
    const cleared = await t.json('PUT', `/api/v1/status/thresholds/${TOWN}`, { networked: null }, await t.login('admin'));
    expect(cleared.status).toBe(200);
    expect((await rollup('town')).find((r) => r.areaCode === TOWN)!.thresholds).toMatchObject({ networked: 0.85, networkedFrom: COUNTY });
  });
});
