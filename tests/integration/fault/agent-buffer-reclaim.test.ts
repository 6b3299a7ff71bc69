// Found by the fault-injection test (issue 15 item 19): while the agent could not write (the
// database down, or refusing writes), a camera whose poll result waited in its buffer lost its
// lease, was claimed again with the stale state stored before, and the same change was recorded
// twice (OK → UNREACHABLE, then OK → UNREACHABLE again). The agent now leaves cameras with
// unwritten results alone until they are written. Writes are refused here by a trigger in this
// test's own database (reads, and so claims, keep working), which makes the race certain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, waitFor, type Fleet } from '../agent/agent-fixture';

const LEASE_MS = 1500;

describe('agent: results waiting in the buffer', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet(4);
  });
  afterAll(async () => {
    await fleet?.close();
  });

  const events = async (deviceId: string) =>
    (
      await fleet.db.pool.query<{ state: string; previous_state: string | null }>(
        'SELECT e.state, e.previous_state FROM camera_status_events e JOIN cameras c ON c.id = e.camera_id WHERE c.device_id = $1 ORDER BY e.id',
        [deviceId],
      )
    ).rows;

  it('are not polled again from a stale state: one change, one event', async () => {
    const agent = fleet.startAgent('buffering', { leaseMs: LEASE_MS, intervalMs: 1000, backoffCapMs: 1000 });
    const pool = fleet.db.pool;
    await waitFor(async () => (await pool.query("SELECT 1 FROM camera_status WHERE state = 'OK'")).rowCount === 4, 20_000);
    const [down] = fleet.deviceIds;
    await pool.query(`
      CREATE FUNCTION refuse_status_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'status events refused (fault injected by the test)'; END $$;
      CREATE TRIGGER refuse_status_events BEFORE INSERT ON camera_status_events FOR EACH ROW EXECUTE FUNCTION refuse_status_events()`);
    fleet.sim.setFaults(down!, { down: true });
    // The change is seen and buffered: every flush now fails on it.
    await waitFor(async () => agent.writer.stats.failedFlushes > 0 && agent.writer.pending > 0, 20_000);
    const failedBefore = agent.writer.stats.failedFlushes;
    // The camera's lease runs out while its result waits. Nothing positive marks "it was not
    // claimed again", so the test gives a re-claim three lease periods to happen (the bug needed one).
    await new Promise((r) => setTimeout(r, LEASE_MS * 3));
    expect(agent.writer.stats.failedFlushes).toBeGreaterThan(failedBefore);
    await pool.query('DROP TRIGGER refuse_status_events ON camera_status_events');
    await waitFor(async () => agent.writer.pending === 0 && (await events(down!)).some((e) => e.state !== 'OK'), 20_000);
    // A poll after the writes resumed, recorded, must not repeat the change.
    const polled = Date.now();
    await waitFor(
      async () =>
        (
          await pool.query(
            'SELECT 1 FROM camera_poll_state p JOIN cameras c ON c.id = p.camera_id WHERE c.device_id = $1 AND p.last_poll_at > to_timestamp($2 / 1000.0)',
            [down, polled],
          )
        ).rowCount === 1,
      20_000,
    );
    const changes = (await events(down!)).filter((e) => e.previous_state !== null);
    expect(changes.map((e) => `${e.previous_state} → ${e.state}`)).toEqual([`OK → ${changes[0]!.state}`]);
    expect(changes[0]!.state).toMatch(/UNREACHABLE|NO_RESPONSE/);
  });
});
