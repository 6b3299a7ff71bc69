// What the command center reads (issue 17): one definition of the fleet and county figures, with
// never-polled cameras counted on their own, and alarms in the order a duty officer works them
// (unacknowledged first, newest first), filtered by state, area and time, paged past 100 with a
// total, each recovered one saying how long it lasted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraAvailability, listAlarms, statusSummary } from '../../../api/domain/status/status-repository';
import { createTestApp, type TestApp } from '../../helpers/api';
import { runCli } from '../../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
let t: TestApp;
const SQUARE = 'ST_Multi(ST_MakeEnvelope(117, 31, 118, 32, 4326))';
const HOUR = 3_600_000;
const NOW = Date.now();

async function area(code: string, level: string, parent: number | null): Promise<number> {
  const { rows } = await db.pool.query<{ id: number }>(
    `INSERT INTO admin_areas (code, name, level, parent_id, geom) VALUES ($1, $1 || '区', $2, $3, ${SQUARE}) RETURNING id`,
    [code, level, parent],
  );
  return rows[0]!.id;
}

let serial = 0;
async function camera(areaId: number | null, state: string | null): Promise<number> {
  serial += 1;
  const { rows } = await db.pool.query<{ id: number }>(
    "INSERT INTO cameras (device_id, type, geom, height_m, admin_area_id) VALUES ($1, 'fixed', ST_SetSRID(ST_MakePoint(117.5, 31.5), 4326), 6, $2) RETURNING id",
    [`340102010013200${String(serial).padStart(5, '0')}`, areaId],
  );
  const id = rows[0]!.id;
  if (state !== null)
    await db.pool.query('INSERT INTO camera_status (camera_id, state, since, reason, last_poll_at) VALUES ($1, $2, now(), $3, now())', [
      id,
      state,
      state === 'OK' ? 'ok' : 'connect-refused',
    ]);
  return id;
}

let townA1: number;
let countyB: number;
let camsA: number[] = [];
let camB: number;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
  const city = await area('34010000', 'city', null);
  const countyA = await area('34010200', 'county', city);
  countyB = await area('34010300', 'county', city);
  townA1 = await area('34010201', 'town', countyA);
  // County A: three polled (one down), two never polled. County B: one polled, three imported
  // from a ledger and never polled. One camera in no area at all.
  camsA = [await camera(townA1, 'OK'), await camera(townA1, 'UNREACHABLE'), await camera(countyA, 'DEGRADED')];
  await camera(townA1, null);
  await camera(countyA, null);
  camB = await camera(countyB, 'OK');
  for (let i = 0; i < 3; i++) await camera(countyB, null);
  await camera(null, 'NO_RESPONSE');
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

describe('fleet and counties', () => {
  it('gives the fleet as the sum over counties, with never-polled cameras in their own count and in no rate', async () => {
    // The bug this pins: after a ledger import the fleet 在线率 counted never-polled cameras while
    // the county rows did not (67.1 % against 96.7 %), and no figure said why.
    const s = await statusSummary(db.pool);
    const sum = (k: 'total' | 'observed' | 'unknown' | 'online' | 'working') => s.counties.reduce((n, c) => n + c[k], 0);
    for (const k of ['total', 'observed', 'unknown', 'online', 'working'] as const) expect(s[k], k).toBe(sum(k));
    expect(s).toMatchObject({ total: 10, observed: 5, unknown: 5, online: 3, working: 2 });
    expect(s.onlineRate).toBeCloseTo(3 / 5, 10);
    const byCode = new Map(s.counties.map((c) => [c.areaCode, c]));
    expect(byCode.get('34010200')).toMatchObject({ total: 5, observed: 3, unknown: 2, online: 2, onlineRate: 2 / 3 });
    expect(byCode.get('34010300')).toMatchObject({ total: 4, observed: 1, unknown: 3, onlineRate: 1 });
    // Cameras in no county are a row of their own, so the sum still holds.
    expect(byCode.get(null)).toMatchObject({ total: 1, observed: 1, online: 0 });
  });

  it('serves the same through GET /status/summary and `xueliang status --json`', async () => {
    const res = await t.app.request('/api/v1/status/summary', { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { unknown: number; counties: Array<{ areaCode: string | null; unknown: number }> };
    expect(body.unknown).toBe(5);
    expect(body.counties.reduce((n, c) => n + c.unknown, 0)).toBe(5);
    const out = await runCli(db.url, ['status', '--json']);
    expect(out.code).toBe(0);
    const cli = JSON.parse(out.stdout) as { summary: { unknown: number; onlineRate: number; counties: unknown[] } };
    expect(cli.summary).toMatchObject({ unknown: 5, onlineRate: 3 / 5 });
    expect(cli.summary.counties).toHaveLength(3);
    const text = await runCli(db.url, ['status', '--level', 'county']);
    expect(text.stdout).toMatch(/34010300区\s+now: 1 polled, 3 never polled; 在线率 100\.00 %/);
  }, 60_000);
});

describe('alarms', () => {
  beforeAll(async () => {
    // 130 alarms over camsA[1] (cleared history) and others: ids ascending with raisedAt ascending,
    // except a few acknowledged recent ones, so order by id alone would be wrong.
    const values: string[] = [];
    for (let i = 0; i < 126; i++) {
      const raised = new Date(NOW - (130 - i) * HOUR).toISOString();
      const cleared = new Date(NOW - (130 - i) * HOUR + 90_000).toISOString();
      values.push(`(${camsA[1]}, 'UNREACHABLE', 'connect-refused', '${raised}', '${cleared}', NULL)`);
    }
    // Open ones: an acknowledged recent DEGRADED (county A), an unacknowledged older one (county B).
    values.push(`(${camsA[2]}, 'DEGRADED', 'black-picture', '${new Date(NOW - 60_000).toISOString()}', NULL, now())`);
    values.push(`(${camB}, 'NO_RESPONSE', 'deadline', '${new Date(NOW - 200 * HOUR).toISOString()}', NULL, NULL)`);
    await db.pool.query(
      `INSERT INTO camera_alarms (camera_id, state, reason, raised_at, cleared_at, acknowledged_at) VALUES ${values.join(',')}`,
    );
  });

  it('lists unacknowledged first, then newest first, and pages beyond 100 with a total', async () => {
    // The bug this pins: the list was in id order, stopped at 100, and acknowledged alarms stayed on top.
    const first = await listAlarms(db.pool, { openOnly: false });
    expect(first.total).toBe(128);
    expect(first.alarms).toHaveLength(100);
    expect(first.nextCursor).toBe(100);
    const second = await listAlarms(db.pool, { openOnly: false, cursor: first.nextCursor! });
    expect(second.alarms).toHaveLength(28);
    expect(second.nextCursor).toBeNull();
    const all = [...first.alarms, ...second.alarms];
    expect(new Set(all.map((a) => a.id)).size).toBe(128);
    const acked = all.findIndex((a) => a.acknowledgedAt !== null);
    expect(acked).toBe(127);
    const unacked = all.slice(0, 127).map((a) => Date.parse(a.raisedAt));
    expect(unacked).toEqual([...unacked].sort((a, b) => b - a));
    const past = await listAlarms(db.pool, { openOnly: false, cursor: 500 });
    expect(past).toMatchObject({ alarms: [], total: 128, nextCursor: null });
  });

  it('says how long a recovered alarm lasted, and where the camera is', async () => {
    const { alarms } = await listAlarms(db.pool, { openOnly: false, states: ['UNREACHABLE'], limit: 1 });
    expect(alarms[0]).toMatchObject({ durationS: 90, lon: 117.5, lat: 31.5, areaCode: '34010201' });
    const open = await listAlarms(db.pool);
    expect(open.alarms.map((a) => a.durationS)).toEqual([null, null]);
  });

  it('filters by state, by county or town (cameras inside it), and by time', async () => {
    expect((await listAlarms(db.pool, { openOnly: false, states: ['DEGRADED', 'NO_RESPONSE'] })).total).toBe(2);
    expect((await listAlarms(db.pool, { openOnly: false, areaCode: '34010200' })).total).toBe(127);
    expect((await listAlarms(db.pool, { openOnly: false, areaCode: '34010201' })).total).toBe(126);
    expect((await listAlarms(db.pool, { openOnly: false, areaCode: '34010300' })).alarms.map((a) => a.cameraId)).toEqual([camB]);
    const from = new Date(NOW - 10.5 * HOUR).toISOString();
    const to = new Date(NOW - 2.5 * HOUR).toISOString();
    expect((await listAlarms(db.pool, { openOnly: false, from, to })).total).toBe(6);
  });

  it('takes the filters over HTTP and refuses a bad one with the field named', async () => {
    const headers = await t.login('viewer');
    const res = await t.app.request('/api/v1/alarms?open=false&state=DEGRADED,NO_RESPONSE&area=34010300', { headers });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(1);
    const bad = await t.app.request('/api/v1/alarms?state=BROKEN', { headers });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('state');
  });
});

describe('availability strip', () => {
  it('counts the hours before monitoring began as not observed, not as observed and offline', async () => {
    // The bug this pins: a healthy camera first polled 30 minutes ago showed 23 red hours,
    // because an hour with no status span was credited its full 3,600 s as observed.
    const { rows } = await db.pool.query<{ device_id: string }>('SELECT device_id FROM cameras WHERE id = $1', [camB]);
    await db.pool.query(
      "INSERT INTO camera_status_events (camera_id, state, reason, at) VALUES ($1, 'OK', 'ok', greatest(date_trunc('hour', now()), now() - interval '30 minutes'))",
      [camB],
    );
    const av = await cameraAvailability(db.pool, rows[0]!.device_id);
    const observed = av!.last24h.map((h) => h.observedSeconds);
    expect(observed.slice(0, 23)).toEqual(Array(23).fill(0));
    expect(observed[23]).toBeGreaterThan(0);
    expect(av!.last24h[23]!.onlineSeconds).toBe(observed[23]);
  });
});
