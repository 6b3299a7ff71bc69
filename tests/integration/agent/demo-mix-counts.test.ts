// The bug this pins: the map drew PROTOCOL_ERROR cameras as 离线 (offline, a vermillion cross)
// while 在线率 counted them online, so the command center's counts and its own 在线率 disagreed.
// Here the demo's fault mix (plus the faults it lacks: an answer that is not ONVIF, a refused
// connection, a wrong password, cameras never polled) is polled once for real, and every place
// that counts cameras must agree with the map: the camera tiles by group, the command center's
// counts (GET /status/summary), its 在线率/完好率 numerators, the agent's daily aggregates, the
// coverage report and the metrics gauges.
import { createServer } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCoverageReport } from '../../../api/domain/exports/coverage-report';
import { CameraAgent, type ClaimedCamera } from '../../../camera-agent/agent';
import { agentConfig } from '../../../camera-agent/config';
import { Limiter } from '../../../camera-agent/limiter';
import { registerSimCameras } from '../../../camera-agent/sim-fleet-seed';
import { applyDemoMix } from '../../../camera-agent/simulator/demo-mix';
import { startSimulator, type SimulatorHandle } from '../../../camera-agent/simulator/server';
import { loadSql } from '../../../db/sql';
import { STATE_GROUPS, stateGroup, type StateGroup } from '../../../web/src/map/state-style';
import { createTestApp, type TestApp } from '../../helpers/api';
import { lonLatToTile } from '../../helpers/api-fixtures';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

const SELECT = loadSql(new URL('../../../camera-agent/sql/', import.meta.url).href, 'select-cameras-to-poll.sql');
const PASSWORD = 'mix-pass';
const FLEET = 300;
const COUNTY = '34010200';

let db: TestDatabase;
let sim: SimulatorHandle;
let t: TestApp;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  db = await createTestDatabase();
  sim = await startSimulator({ cameras: [] });
  const ids = await registerSimCameras(db.pool, { count: FLEET, port: sim.port, password: PASSWORD });
  for (const id of ids) sim.add({ deviceId: id, password: PASSWORD });
  applyDemoMix(sim);
  // What the demo mix lacks, on cameras the mix left alone, so every state occurs.
  const healthy = ids.filter((id) => {
    const c = sim.camera(id);
    return c.password === PASSWORD && Object.keys(c.faults).length === 1 && c.faults.picture === 'scene';
  });
  for (const id of healthy.slice(0, 3)) sim.camera(id).faults.garbage = true; // an answer that is not ONVIF
  sim.camera(healthy[3]!).password = 'changed-on-site'; // a wrong password
  const port = await closedPort();
  await db.pool.query(`UPDATE cameras SET onvif_url = $1 WHERE device_id = ANY ($2::text[])`, [
    `http://127.0.0.1:${port}/onvif/device_service`,
    healthy.slice(4, 6),
  ]);
  await db.pool.query(
    `INSERT INTO admin_areas (code, name, level, geom) VALUES ($1, 'Mix county', 'county', ST_Multi(ST_MakeEnvelope(117, 31, 118, 32, 4326)))`,
    [COUNTY],
  );
  await db.pool.query(`UPDATE cameras SET admin_area_id = (SELECT id FROM admin_areas WHERE code = $1)`, [COUNTY]);

  // One polling round, as `xueliang poll --once` does it.
  const agent = new CameraAgent(db.pool, agentConfig({ snapshotEveryMs: 0, soapDeadlineMs: 3000, connectCheckMs: 500 }), {
    agentId: 'mix-test',
  });
  const { rows } = await db.pool.query<ClaimedCamera>(SELECT, [null]);
  const limiter = new Limiter(25);
  await Promise.all(rows.map((camera) => limiter.run(() => agent.pollOne(camera))));
  await agent.writer.flush();
  await agent.snapshotWriter.flush();
  expect(agent.writer.pending).toBe(0);

  // Cameras registered after the round: never polled (UNKNOWN).
  await db.pool.query(
    `INSERT INTO cameras (device_id, name, type, geom, height_m, admin_area_id)
     SELECT '3401000000132' || '0' || lpad((900000 + g)::text, 6, '0'), 'new ' || g, 'fixed',
       ST_SetSRID(ST_MakePoint(117.25, 31.805), 4326), 6, (SELECT id FROM admin_areas WHERE code = $1)
     FROM generate_series(1, 2) AS g`,
    [COUNTY],
  );
  t = await createTestApp(db);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await sim?.close();
  await db?.drop();
});

/** The map's cameras: every camera tile over the fleet at z12, counted by the legend's groups. */
async function mapCounts(headers: Record<string, string>): Promise<Record<StateGroup, number>> {
  const z = 12;
  const a = lonLatToTile(117.199, 31.812, z);
  const b = lonLatToTile(117.301, 31.799, z);
  const seen = new Map<number, string>();
  for (let x = a.x; x <= b.x; x++) {
    for (let y = a.y; y <= b.y; y++) {
      const res = await t.app.request(`/tiles/cameras/${z}/${x}/${y}.mvt`, { headers: { ...headers, 'Accept-Encoding': 'identity' } });
      if (res.status === 204) continue;
      expect(res.status).toBe(200);
      let buf = new Uint8Array(await res.arrayBuffer());
      if (res.headers.get('content-encoding') === 'gzip') buf = new Uint8Array(gunzipSync(buf));
      const layer = new VectorTile(new PbfReader(buf)).layers.cameras;
      for (let i = 0; i < (layer?.length ?? 0); i++) {
        const p = layer!.feature(i).properties;
        seen.set(Number(p.id), String(p.state));
      }
    }
  }
  const out = Object.fromEntries(STATE_GROUPS.map((g) => [g, 0])) as Record<StateGroup, number>;
  for (const state of seen.values()) out[stateGroup(state)] += 1;
  return out;
}

interface Summary {
  total: number;
  byState: Record<string, number>;
  online: number;
  working: number;
  onlineRate: number | null;
  workingRate: number | null;
}

describe('the demo fault mix, counted everywhere', () => {
  it('covers every camera state, so the agreement below is not vacuous', async () => {
    const res = await t.app.request('/api/v1/status/summary', { headers: await t.login('viewer') });
    const s = (await res.json()) as Summary;
    for (const state of ['OK', 'DEGRADED', 'CLOCK_SKEW', 'AUTH_FAILED', 'UNREACHABLE', 'NO_RESPONSE', 'PROTOCOL_ERROR', 'UNKNOWN'])
      expect(s.byState[state], state).toBeGreaterThan(0);
    expect(s.total).toBe(FLEET + 2);
  });

  it("counts the map's groups as the command center does, and 在线率/完好率's numerators as the map draws them", async () => {
    const headers = await t.login('viewer');
    const s = (await (await t.app.request('/api/v1/status/summary', { headers })).json()) as Summary;
    const map = await mapCounts(headers);
    const command = Object.fromEntries(STATE_GROUPS.map((g) => [g, 0])) as Record<StateGroup, number>;
    for (const [state, n] of Object.entries(s.byState)) command[stateGroup(state)] += n;
    expect(map).toEqual(command);
    // The legend's 离线 (OFFLINE) and 未知 (UNKNOWN) are not 在线; only 正常 (OK) is 完好.
    const online = map.OK + map.DEGRADED + map.CLOCK_SKEW + map.AUTH_FAILED;
    expect(s.online).toBe(online);
    expect(s.working).toBe(map.OK);
    // Never-polled cameras are no data, not offline: the rates are over the cameras observed.
    const observed = s.total - map.UNKNOWN;
    expect(s.onlineRate).toBeCloseTo(online / observed, 12);
    expect(s.workingRate).toBeCloseTo(map.OK / observed, 12);
  });

  it("gives the agent's daily samples, the coverage report and the metrics the same numerators", async () => {
    const s = (await (await t.app.request('/api/v1/status/summary', { headers: await t.login('viewer') })).json()) as Summary;
    const daily = (
      await db.pool.query<{ samples: number; online: number; working: number }>(
        'SELECT sum(samples)::int AS samples, sum(online_samples)::int AS online, sum(working_samples)::int AS working FROM camera_status_daily',
      )
    ).rows[0]!;
    expect(daily).toEqual({ samples: s.total - s.byState.UNKNOWN!, online: s.online, working: s.working });

    const report = await buildCoverageReport(db.pool, COUNTY, { blindSpots: 0 });
    expect(report.status).toMatchObject({ cameras: s.total, online: s.online, working: s.working });
    expect(report.status.onlineRateNow).toBeCloseTo(s.onlineRate!, 12);
    expect(report.status.workingRateNow).toBeCloseTo(s.workingRate!, 12);

    const metrics = await (await t.app.request('/metrics', { headers: await t.token('viewer') })).text();
    for (const [state, n] of Object.entries(s.byState)) expect(metrics).toContain(`xueliang_cameras{state="${state}"} ${n}\n`);
  });
});
