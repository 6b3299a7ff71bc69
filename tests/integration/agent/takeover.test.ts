// Several agents share one database with leases: when one dies holding cameras, the others take
// them over within two poll intervals, and two live agents never poll the same camera at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, waitFor, FAST_AGENT, type Fleet } from './agent-fixture';

let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet(30);
});
afterAll(async () => {
  await fleet?.close();
});

const polledSince = async (t: Date): Promise<number> =>
  (await fleet.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM camera_poll_state WHERE last_poll_at > $1', [t])).rows[0]!.n;

describe('multi-agent leases', () => {
  it("a dead agent's cameras are taken over within two intervals", async () => {
    // Agent A claims cameras that hang (black hole), so it dies holding their leases.
    for (const id of fleet.deviceIds) fleet.sim.setFaults(id, { blackHole: true });
    const a = fleet.startAgent('agent-a', { soapDeadlineMs: 10_000 });
    await waitFor(
      async () =>
        (await fleet.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM camera_poll_state WHERE lease_owner = 'agent-a'"))
          .rows[0]!.n > 0,
      10_000,
    );
    await a.crash();
    const crashedAt = new Date();
    for (const id of fleet.deviceIds) fleet.sim.setFaults(id, { blackHole: false });
    fleet.startAgent('agent-b');
    const tookMs = await waitFor(async () => (await polledSince(crashedAt)) === fleet.deviceIds.length, 15_000);
    // Two intervals, plus one second of slack for a loaded 2-core test machine.
    expect(tookMs).toBeLessThanOrEqual(2 * FAST_AGENT.intervalMs! + 1000);
  });

  it('two live agents split the fleet and every camera keeps being polled about once per interval', async () => {
    const c = fleet.startAgent('agent-c');
    const b = fleet.agents.find((x) => x.agent.agentId === 'agent-b')!.agent;
    const t0 = new Date();
    const [b0, c0] = [b.stats.polls, c.stats.polls];
    await waitFor(async () => (await polledSince(t0)) === fleet.deviceIds.length, 15_000);
    await waitFor(async () => b.stats.polls > b0 && c.stats.polls > c0, 10_000);
    // Leases keep the two from polling a camera twice per interval: samples per camera stay near
    // elapsed time ÷ interval (jitter and the takeover test before add a few).
    const elapsedS = (Date.now() - fleet.startedAt) / 1000;
    const { rows } = await fleet.db.pool.query<{ n: number }>('SELECT max(samples)::int AS n FROM camera_status_daily');
    expect(rows[0]!.n).toBeLessThanOrEqual(Math.ceil((elapsedS / (FAST_AGENT.intervalMs! / 1000)) * 1.2) + 2);
  });
});
