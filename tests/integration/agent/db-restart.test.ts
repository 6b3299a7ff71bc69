// A database restart (here: the agent's connections terminated again and again with
// pg_terminate_backend, the shared cluster stays up) loses no status change: every change the
// agent saw becomes exactly one event row and one NOTIFY with the contract's payload.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, waitFor, type Fleet } from './agent-fixture';

let fleet: Fleet;
let listener: pg.Client;
const notes: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  fleet = await startFleet(12);
  listener = new pg.Client({ connectionString: fleet.db.url, application_name: 'xl-listener' });
  await listener.connect();
  listener.on('notification', (n) => notes.push(JSON.parse(n.payload ?? '{}') as Record<string, unknown>));
  await listener.query('LISTEN camera_status');
});
afterAll(async () => {
  await listener?.end();
  await fleet?.close();
});

describe('status writer across database restarts', () => {
  it('buffers while its connections are killed and writes every change once the database is back', async () => {
    let changes = 0;
    const agent = fleet.startAgent(
      'agent-restart',
      {},
      {
        log: (line) => {
          if (line.includes('→')) changes += 1;
        },
      },
    );
    const count = async (): Promise<number> =>
      (await fleet.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM camera_status_events')).rows[0]!.n;
    await waitFor(async () => (await count()) === fleet.deviceIds.length, 10_000);
    // Flip cameras down and up while killing the agent's connections every 150 ms.
    const agentBackends = "FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'xl-agent-agent-restart'";
    const kill = setInterval(() => {
      void fleet.db.pool.query(`SELECT pg_terminate_backend(pid) ${agentBackends}`).catch(() => undefined);
    }, 150);
    // A kill between two writes only costs an idle connection, which the pool replaces unseen;
    // so in two rounds the events table is locked until the agent is caught mid-write, waiting,
    // and killed there: at least those writes must fail and be retried.
    const blocker = await fleet.db.pool.connect();
    try {
      for (let round = 0; round < 6; round++) {
        for (const id of fleet.deviceIds.slice(0, 6)) fleet.sim.setFaults(id, { down: round % 2 === 0 });
        if (round === 1 || round === 4) {
          await blocker.query('BEGIN');
          await blocker.query('LOCK TABLE camera_status_events IN ACCESS EXCLUSIVE MODE');
          await waitFor(
            async () =>
              (await fleet.db.pool.query(`SELECT count(*)::int AS n ${agentBackends} AND wait_event_type = 'Lock'`)).rows[0]!.n > 0,
            // A deadline, not a timing check: on a busy machine (a full run) the agent's next
            // write, which needs the flipped cameras polled, came after more than 10 s.
            30_000,
          );
          await fleet.db.pool.query(`SELECT pg_terminate_backend(pid) ${agentBackends} AND wait_event_type = 'Lock'`);
          await blocker.query('COMMIT');
        }
        await new Promise((r) => setTimeout(r, 2400));
      }
    } finally {
      blocker.release();
    }
    clearInterval(kill);
    for (const id of fleet.deviceIds) fleet.sim.setFaults(id, { down: false });
    await new Promise((r) => setTimeout(r, 3000));
    await agent.stop(10_000);
    expect(agent.writer.stats.failedFlushes).toBeGreaterThan(0);
    expect(agent.writer.pending).toBe(0);
    expect(changes).toBeGreaterThan(fleet.deviceIds.length);
    expect(await count()).toBe(changes);
    await waitFor(async () => notes.length === changes, 3000);
    const first = notes[0]!;
    expect(Object.keys(first).sort()).toEqual(['cameraId', 'deviceId', 'previousState', 'reason', 'since', 'state']);
    expect(typeof first.cameraId).toBe('number');
    expect(first.previousState).toBeNull();
    // The stored state is the last change seen for each camera.
    const { rows } = await fleet.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM camera_status s WHERE s.state <> (SELECT e.state FROM camera_status_events e WHERE e.camera_id = s.camera_id ORDER BY e.at DESC, e.id DESC LIMIT 1)`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
