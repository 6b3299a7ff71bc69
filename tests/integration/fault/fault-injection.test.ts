// Issue 15 item 19, nothing lost: the real processes (`xueliang serve`, `xueliang agent`,
// `xueliang simulate`) on a private cluster of their own, killed in turn while the agent polls
// and an import commits. Checked each time: no committed row is lost, no half import is visible,
// the agent's buffered status changes all arrive once the database is back, and each process
// comes back or says why it cannot. Waits are conditions, never fixed sleeps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptSecret } from '../../../db/credentials';
import { migrate } from '../../../db/migrate';
import { createUser } from '../../../api/domain/users/users';
import { deviceId, insertCamera } from '../../helpers/api-fixtures';
import { freePort, pgCtl, waitFor, XueliangProcess } from './real-processes';

const CAMERAS = 12;
const ENGINEER = { username: 'fault-engineer', password: 'fault-engineer-pass' };
// Polls of a black-holed camera hang for SOAP_DEADLINE_MS: long enough for the steps between its
// claim and the kill, so the change it finds is always seen while the database is down.
const LEASE_MS = 20_000;
const SOAP_DEADLINE_MS = 12_000;
const results: string[] = [];

/** `rows` cameras for a ledger CSV, device ids from `firstSerial` on. */
function ledger(firstSerial: number, rows: number): { csv: string; ids: string[] } {
  const ids = Array.from({ length: rows }, (_, i) => deviceId(firstSerial + i));
  const lines = ids.map(
    (id, i) =>
      `${id},Fault ${i},fixed,${(109.02 + (i % 100) * 1e-4).toFixed(5)},${(32.68 + Math.floor(i / 100) * 1e-4).toFixed(5)},6,90,60,1920`,
  );
  return { csv: `device_id,name,type,lon,lat,height_m,azimuth_deg,hfov_deg,resolution_h\n${lines.join('\n')}\n`, ids };
}

describe('fault injection: API, agent and PostgreSQL killed in turn', () => {
  let dir: string;
  let major: number;
  let pgDir: string;
  let clusterEnv: NodeJS.ProcessEnv;
  let appEnv: NodeJS.ProcessEnv;
  let url: string;
  let pool: pg.Pool;
  const held: pg.PoolClient[] = [];
  let apiPort: number;
  let simPort: number;
  let api: XueliangProcess;
  let sim: XueliangProcess;
  let agent: XueliangProcess;
  const extra: XueliangProcess[] = [];
  let session: Record<string, string>;
  const cameraIds: string[] = [];

  const count = async (sql: string, params: unknown[] = []) => (await pool.query<{ n: number }>(sql, params)).rows[0]!.n;
  const camerasIn = (ids: string[]) => count('SELECT count(*)::int AS n FROM cameras WHERE device_id = ANY ($1)', [ids]);
  const importBackends = () =>
    count(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'xueliang' AND query ILIKE '%ledger_stage%' AND state IN ('active', 'idle in transaction')",
    );
  const http = (path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${apiPort}${path}`, init);

  function startApi(name: string): XueliangProcess {
    return new XueliangProcess(name, ['serve', '--port', String(apiPort), '--host', '127.0.0.1', '--json'], appEnv);
  }
  function startAgent(name: string, id: string): XueliangProcess {
    return new XueliangProcess(name, ['agent', '--interval', '1.5', '--agent-id', id], appEnv);
  }
  async function login(): Promise<void> {
    const res = await http('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ENGINEER),
    });
    expect(res.status).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    session = { Cookie: /xl_session=[^;]+/.exec(res.headers.get('set-cookie')!)![0], 'X-CSRF-Token': csrfToken };
  }
  async function dryRun(csv: string, fileName: string): Promise<string> {
    const res = await http(`/api/v1/imports/cameras?fileName=${fileName}`, {
      method: 'POST',
      headers: { ...session, 'Content-Type': 'application/octet-stream' },
      body: csv,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { uploadId: string }).uploadId;
  }
  const commit = (uploadId: string) =>
    http(`/api/v1/imports/cameras/${uploadId}/commit`, {
      method: 'POST',
      headers: { ...session, 'Content-Type': 'application/json' },
      body: '{}',
    });
  async function committed(uploadId: string): Promise<boolean> {
    const res = await commit(uploadId);
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { report: { committed: boolean } }).report.committed;
  }
  const control = (id: string, body: object) =>
    fetch(`http://127.0.0.1:${simPort}/control/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  /**
   * Waits until each camera's lease was taken after `since`, the moment its fault was set: a claim
   * even a little before could poll the camera before its fault and find it OK, and with the
   * database then killed no later poll comes (a full run saw that). The database's clock is
   * this machine's.
   */
  const claimedSince = (ids: string[], since: number) =>
    waitFor(
      async () =>
        (await count(
          `SELECT count(*)::int AS n FROM camera_poll_state p JOIN cameras c ON c.id = p.camera_id
           WHERE c.device_id = ANY ($1) AND p.lease_expires_at > to_timestamp($2 / 1000.0) + make_interval(secs => $3 / 1000.0)`,
          [ids, since, LEASE_MS + 100],
        )) === ids.length,
      // A busy machine lags the agent's claims by up to ~20 s (its p99 in a full run).
      60_000,
      `the agent to claim ${ids.join(', ')}`,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xl-fault-'));
    pgDir = join(dir, 'pg');
    const base: NodeJS.ProcessEnv = { ...process.env, XUELIANG_UPLOAD_DIR: join(dir, 'uploads') };
    delete base.DATABASE_URL;
    clusterEnv = { ...base, XUELIANG_PG_DATA: pgDir, XUELIANG_PG_PORT: String(await freePort()) };
    const db = await new XueliangProcess('db start', ['db', 'start', '--json'], clusterEnv).exited;
    expect(db.code).toBe(0);
    const urlRun = new XueliangProcess('db url', ['db', 'url'], clusterEnv);
    await urlRun.exited;
    url = urlRun.lines.find((l) => l.startsWith('postgres://'))!;
    expect(url).toBeDefined();
    appEnv = { ...base, DATABASE_URL: url };
    await migrate(url);
    pool = new pg.Pool({ connectionString: url, max: 3, application_name: 'fault-test' });
    pool.on('error', () => undefined); // idle clients die with the server on purpose here
    major = (await pool.query<{ v: number }>("SELECT current_setting('server_version_num')::int / 10000 AS v")).rows[0]!.v;
    simPort = await freePort();
    apiPort = await freePort();
    for (let i = 0; i < CAMERAS; i += 1) {
      const cam = await insertCamera(pool, { deviceId: deviceId(900_000 + i) });
      cameraIds.push(cam.deviceId);
      await pool.query('UPDATE cameras SET onvif_url = $2, onvif_user = $3, onvif_password_enc = $4 WHERE id = $1', [
        cam.id,
        `http://127.0.0.1:${simPort}/onvif/${cam.deviceId}/device_service`,
        'admin',
        encryptSecret(process.env.XUELIANG_DEMO_CAMERA_PASSWORD ?? 'demo-camera-pass'),
      ]);
    }
    await pool.query("INSERT INTO settings (key, value) VALUES ('agent_config', $1)", [
      JSON.stringify({
        intervalMs: 1500,
        jitterFraction: 0,
        leaseMs: LEASE_MS,
        soapDeadlineMs: SOAP_DEADLINE_MS,
        connectCheckMs: 500,
        backoffCapMs: 3000,
        flushMs: 300,
        snapshotEveryMs: 3_600_000,
      }),
    ]);
    await createUser(pool, { ...ENGINEER, role: 'engineer' });
    // The WAL writer flushes what commits left in memory only every 10 s here (200 ms by
    // default): a commit acknowledged without reaching the disk is then lost by the kill below
    // every time, not by chance. (The private cluster ran with synchronous_commit = off, which
    // acknowledges before the flush.)
    await pool.query("ALTER SYSTEM SET wal_writer_delay = '10s'");
    await pool.query('SELECT pg_reload_conf()');
    sim = new XueliangProcess('simulate', ['simulate', '--port', String(simPort), '--json'], appEnv);
    await sim.waitForLine(/"port"/, 60_000);
    api = startApi('serve');
    await api.waitForLine(/"url"/, 60_000);
    agent = startAgent('agent', 'fault-agent-1');
    await waitFor(
      async () => (await count("SELECT count(*)::int AS n FROM camera_status WHERE state = 'OK'")) === CAMERAS,
      60_000,
      'every camera polled OK',
    );
    await login();
  }, 240_000);

  afterAll(async () => {
    for (const p of [api, agent, sim, ...extra]) await p?.stop();
    // A test that failed before letting its held session go would keep pool.end() waiting.
    for (const c of held) c.release(true);
    await pool?.end();
    if (pgDir !== undefined) pgCtl(major, ['stop', '-m', 'fast', '-w', '-D', pgDir]);
    rmSync(dir, { recursive: true, force: true });
    // The fault-injection results, for the report.
    console.log(`fault injection:\n  ${results.join('\n  ')}`);
  });

  it('the API killed in the middle of an import commit: nothing of it is visible, earlier commits stay, the API comes back', async () => {
    const a = ledger(100_000, 20);
    expect(await committed(await dryRun(a.csv, 'a.csv'))).toBe(true);
    const b = ledger(200_000, 8000);
    const uploadB = await dryRun(b.csv, 'b.csv');
    const inFlight = commit(uploadB).then(
      (r) => `answered ${r.status}`,
      (e: Error) => `failed: ${e.message}`,
    );
    await waitFor(async () => (await importBackends()) > 0, 30_000, 'the commit of b.csv to be writing');
    api.kill('SIGKILL');
    await api.exited;
    expect(await inFlight).toMatch(/^failed/);
    // The server's session is gone, and with it the open transaction.
    await waitFor(async () => (await importBackends()) === 0, 30_000, 'the dead server’s import session to end');
    expect(await camerasIn(a.ids)).toBe(a.ids.length);
    expect(await camerasIn(b.ids)).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM import_runs WHERE file_name = 'b.csv' AND committed")).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'import' AND after->>'fileName' = 'b.csv'")).toBe(0);

    const restarted = Date.now();
    api = startApi('serve (restarted)');
    await api.waitForLine(/"url"/, 60_000);
    expect((await http('/healthz')).status).toBe(200);
    results.push(
      `API SIGKILLed mid-commit (8,000 rows): 0 rows of it visible, 20/20 earlier rows kept; back in ${Date.now() - restarted} ms`,
    );
    // The upload survived on disk: the same commit, asked again, lands whole.
    await login();
    expect(await committed(uploadB)).toBe(true);
    expect(await camerasIn(b.ids)).toBe(b.ids.length);
  }, 240_000);

  it('the agent killed while polling: a new agent takes the cameras over and the stored states catch up', async () => {
    const down = cameraIds.slice(0, 2);
    // Events count from before the first camera goes dark: a poll of it that began before the
    // second one did, and timed out, is stamped with its start (a fresh clone once counted 1 of 2).
    const eventsFrom = Date.now();
    for (const id of down) expect((await control(id, { faults: { blackHole: true } })).status).toBe(200);
    const since = Date.now();
    await claimedSince(down, since);
    agent.kill('SIGKILL');
    await agent.exited;
    const restarted = Date.now();
    agent = startAgent('agent (restarted)', 'fault-agent-2');
    await waitFor(
      async () =>
        (await count(
          "SELECT count(*)::int AS n FROM camera_status s JOIN cameras c ON c.id = s.camera_id WHERE c.device_id = ANY ($1) AND s.state = 'NO_RESPONSE'",
          [down],
        )) === down.length,
      60_000,
      'the new agent to record the black-holed cameras',
    );
    const events = await count(
      "SELECT count(*)::int AS n FROM camera_status_events e JOIN cameras c ON c.id = e.camera_id WHERE c.device_id = ANY ($1) AND e.state = 'NO_RESPONSE' AND e.at >= to_timestamp($2 / 1000.0)",
      [down, eventsFrom],
    );
    // One change each: none lost with the killed agent, none recorded twice.
    expect(events).toBe(down.length);
    results.push(
      `agent SIGKILLed with 2 polls in flight: a new agent recorded both changes ${Date.now() - restarted} ms after it started (leases ${LEASE_MS} ms)`,
    );
    for (const id of down) await control(id, { reset: true });
    await waitFor(
      async () => (await count("SELECT count(*)::int AS n FROM camera_status WHERE state = 'OK'")) === CAMERAS,
      60_000,
      'all cameras OK again',
    );
  }, 180_000);

  it('PostgreSQL killed while the agent polls and an import commits: acknowledged commits survive, the half import is gone, buffered changes all arrive', async () => {
    const c = ledger(300_000, 5);
    const uploadC = await dryRun(c.csv, 'c.csv');
    const d = ledger(400_000, 15_000);
    const uploadD = await dryRun(d.csv, 'd.csv');
    const down = cameraIds.slice(2, 5);
    const lastEventBefore = await count('SELECT coalesce(max(id), 0)::int AS n FROM camera_status_events');
    // The commit of d.csv stays in flight until PostgreSQL dies: a transaction of this test holds
    // an uncommitted camera with d's last device id, which d's upsert waits for (its write took
    // under 1.5 s, so any wait before the kill could let it land).
    const holder = await pool.connect();
    held.push(holder);
    const holderErrors: string[] = [];
    holder.on('error', (e: Error) => holderErrors.push(e.message));
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO cameras (device_id, name, type, geom, height_m, azimuth_deg, hfov_deg, resolution_h)
       VALUES ($1, 'held by the test', 'fixed', ST_SetSRID(ST_MakePoint(109.02, 32.68), 4326), 6, 90, 60, 1920)`,
      [d.ids.at(-1)],
    );
    const inFlight = commit(uploadD).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (e: Error) => ({ status: 0, body: e.message }),
    );
    await waitFor(async () => (await importBackends()) > 0, 30_000, 'the commit of d.csv to be writing');
    expect(await committed(uploadC)).toBe(true);
    // Polls in flight when PostgreSQL dies: black-holed cameras claimed after the faults were set,
    // whose polls can decide only at their 5 s SOAP deadline, after the kill that follows at once.
    for (const id of down) expect((await control(id, { faults: { blackHole: true } })).status).toBe(200);
    const since = Date.now();
    await claimedSince(down, since);
    const pending = Symbol('pending');
    expect(await Promise.race([inFlight, new Promise((r) => setTimeout(() => r(pending), 50))])).toBe(pending);
    // c.csv acknowledged, d.csv in flight, polls in flight: PostgreSQL dies without a shutdown.
    const agentLinesAtKill = agent.lines.length;
    const stop = pgCtl(major, ['stop', '-m', 'immediate', '-D', pgDir]);
    expect(stop.status, stop.output).toBe(0);
    const killedAt = Date.now();

    // While it is down: the import in flight fails with our error shape, /healthz says why, the
    // agent buffers the changes its polls in flight find, and new processes say why they cannot start.
    const d1 = await inFlight;
    expect(d1.status, `${d1.body}\n--- api ---\n${api.lines.slice(-30).join('\n')}`).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(d1.body)).toHaveProperty('error.message');
    const health = await http('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'database unavailable' });
    await agent.waitForLine(/database unavailable, buffering status changes/, 30_000);
    // A deadline for the event, not a timing check: with PostgreSQL gone the agent's polls fall
    // behind (one full run on a busy machine showed a 20 s poll lag and missed 30 s here).
    for (const id of down) await agent.waitForLine(new RegExp(`${id} OK → NO_RESPONSE`), 90_000);
    const lateAgent = new XueliangProcess('agent (while the database is down)', ['agent'], appEnv);
    extra.push(lateAgent);
    expect((await lateAgent.exited).code).not.toBe(0);
    expect(lateAgent.lines.join('\n')).toMatch(/Cannot reach the database/);

    const restart = new XueliangProcess('db start (after the kill)', ['db', 'start'], clusterEnv);
    expect((await restart.exited).code, restart.lines.join('\n')).toBe(0);
    // The holding transaction died with the server.
    expect(holderErrors.join('\n')).toMatch(/terminat|ECONNRESET|closed|shutdown/i);
    held.splice(held.indexOf(holder), 1);
    holder.release(true);
    const downFor = Date.now() - killedAt;
    const eventsSince = async () =>
      (
        await pool.query<{ device_id: string; state: string; previous_state: string | null; at: Date }>(
          `SELECT c.device_id, e.state, e.previous_state, e.at FROM camera_status_events e JOIN cameras c ON c.id = e.camera_id
           WHERE c.device_id = ANY ($1) AND e.id > $2 ORDER BY e.id`,
          [down, lastEventBefore],
        )
      ).rows;
    await waitFor(
      async () => new Set((await eventsSince()).filter((e) => e.state === 'NO_RESPONSE').map((e) => e.device_id)).size === down.length,
      30_000,
      'the buffered status changes to arrive',
    ).catch(async (err: Error) => {
      throw new Error(
        `${err.message}\n--- events ---\n${JSON.stringify(await eventsSince().catch(() => []))}\n--- agent ---\n${agent.lines.slice(-40).join('\n')}`,
      );
    });
    const arrivedAfter = Date.now() - killedAt - downFor;
    // Exactly once each, also after every one of them has been polled again since the restart
    // (a poll starting from a stale stored state would record the same change a second time).
    const restartedAt = killedAt + downFor;
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*)::int AS n FROM camera_poll_state p JOIN cameras c ON c.id = p.camera_id
           WHERE c.device_id = ANY ($1) AND p.last_poll_at > to_timestamp($2 / 1000.0)`,
          [down, restartedAt],
        )) === down.length,
      60_000,
      'a poll since the restart to be recorded for each black-holed camera',
    );
    const events = await eventsSince();
    expect(
      events.map((e) => `${e.device_id} ${e.previous_state} → ${e.state}`).sort(),
      `${JSON.stringify(events)}\n--- agent ---\n${agent.lines.slice(-40).join('\n')}`,
    ).toEqual(down.map((id) => `${id} OK → NO_RESPONSE`).sort());
    expect(
      await count(
        "SELECT count(*)::int AS n FROM camera_status s JOIN cameras c ON c.id = s.camera_id WHERE c.device_id = ANY ($1) AND s.state = 'NO_RESPONSE'",
        [down],
      ),
    ).toBe(down.length);
    await agent.waitForLine(/database reachable again/, 30_000);
    // Each change was decided once, after the kill and before the agent said the database was
    // back: buffered, as nothing could be written then (the agent may decide one before its first
    // failed write tells it the database is gone); and every one arrived once (above).
    const after = agent.lines.slice(agentLinesAtKill);
    const unavailable = after.findIndex((l) => l.includes('database unavailable'));
    const back = after.findIndex((l) => l.includes('database reachable again'));
    expect(unavailable).toBeGreaterThanOrEqual(0);
    // On a slow machine a camera's poll can time out before the kill: its change was written then
    // (and arrived once, above); the others must have been buffered, and at least one was.
    const buffered = down.filter((id) => {
      const seen = after.findIndex((l) => l.includes(`${id} OK → NO_RESPONSE`));
      if (seen >= 0) expect(seen, `${id}\n--- agent ---\n${agent.lines.slice(-40).join('\n')}`).toBeLessThan(back);
      return seen >= 0;
    });
    expect(buffered.length, agent.lines.slice(-40).join('\n')).toBeGreaterThan(0);
    // The acknowledged commit survived the crash; the one in flight left nothing.
    expect(await camerasIn(c.ids)).toBe(c.ids.length);
    expect(await count("SELECT count(*)::int AS n FROM import_runs WHERE file_name = 'c.csv' AND committed")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'import' AND after->>'fileName' = 'c.csv'")).toBe(1);
    expect(await camerasIn(d.ids)).toBe(0);
    // The API and the agent came back on their own.
    await waitFor(async () => (await http('/healthz')).status === 200, 30_000, 'the API to reach the database again');
    await login();
    expect(await committed(uploadD)).toBe(true);
    expect(await camerasIn(d.ids)).toBe(d.ids.length);
    results.push(
      `PostgreSQL stopped -m immediate for ${downFor} ms after an acknowledged commit, during another and with 3 polls in flight: ` +
        `acknowledged 5/5 rows kept, 0/15,000 of the one in flight visible (it lands whole on retry), ` +
        `${buffered.length}/${down.length} status changes buffered and written ${arrivedAfter} ms after the restart, ` +
        `API and agent back without a restart; an agent started meanwhile exited saying "Cannot reach the database"`,
    );
    for (const id of down) await control(id, { reset: true });
  }, 360_000);
});
