// A test database with a simulated fleet registered, the simulator serving it, and agents on
// their own pools (application_name lets a test terminate only the agent's connections).
import pg from 'pg';
import { CameraAgent, type AgentOptions } from '../../../camera-agent/agent';
import { agentConfig, type AgentConfig } from '../../../camera-agent/config';
import { registerSimCameras } from '../../../camera-agent/sim-fleet-seed';
import { startSimulator, type SimulatorHandle } from '../../../camera-agent/simulator/server';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

export const FAST_AGENT: Partial<AgentConfig> = {
  intervalMs: 2000,
  jitterFraction: 0.05,
  backoffCapMs: 2000,
  leaseMs: 1500,
  flushMs: 100,
  soapDeadlineMs: 1500,
  snapshotDeadlineMs: 1500,
  connectCheckMs: 300,
  snapshotEveryMs: 3_600_000,
  concurrency: 20,
};

export interface Fleet {
  db: TestDatabase;
  sim: SimulatorHandle;
  deviceIds: string[];
  agents: Array<{ agent: CameraAgent; pool: pg.Pool }>;
  startedAt: number;
  startAgent(name: string, overrides?: Partial<AgentConfig>, options?: AgentOptions): CameraAgent;
  close(): Promise<void>;
}

export async function startFleet(count: number): Promise<Fleet> {
  const db = await createTestDatabase();
  const sim = await startSimulator({ cameras: [] });
  const deviceIds = await registerSimCameras(db.pool, { count, port: sim.port, password: 'fleet-pass' });
  for (const id of deviceIds) sim.add({ deviceId: id, password: 'fleet-pass' });
  const fleet: Fleet = {
    db,
    sim,
    deviceIds,
    agents: [],
    startedAt: Date.now(),
    startAgent(name, overrides = {}, options = {}) {
      const pool = new pg.Pool({ connectionString: db.url, max: 4, application_name: `xl-agent-${name}` });
      pool.on('error', () => undefined);
      const agent = new CameraAgent(pool, agentConfig({ ...FAST_AGENT, ...overrides }), {
        agentId: name,
        tickMs: 50,
        syncMs: 300,
        ...options,
      });
      agent.start();
      fleet.agents.push({ agent, pool });
      return agent;
    },
    async close() {
      for (const { agent, pool } of fleet.agents) {
        await agent.stop(500).catch(() => undefined);
        await pool.end().catch(() => undefined);
      }
      await sim.close();
      await db.drop();
    },
  };
  return fleet;
}

/** Polls a condition every 50 ms until it holds or the timeout passes (real time: real sockets). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await check()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
