import { createServer } from 'node:net';
// Shared set-up for the agent's loopback tests: a simulator with scripted cameras and a probe
// with short deadlines (real sockets on 127.0.0.1 only).
import { agentConfig, type AgentConfig } from '../../../camera-agent/config';
import { Limiter } from '../../../camera-agent/limiter';
import { probeCamera, type ProbeTarget } from '../../../camera-agent/probe';
import type { SimulatorHandle } from '../../../camera-agent/simulator/server';

export const FAST: AgentConfig = agentConfig({ soapDeadlineMs: 2000, snapshotDeadlineMs: 2000, connectCheckMs: 500 });

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export function deviceId(n: number): string {
  return `3401000000132000${String(n).padStart(4, '0')}`;
}

export function probe(sim: SimulatorHandle, id: string, password: string, extra: Partial<ProbeTarget> = {}, config: AgentConfig = FAST) {
  return probeCamera({ deviceUrl: sim.deviceUrl(id), user: sim.camera(id).user, password, snapshotDue: false, ...extra }, config, {
    snapshots: new Limiter(4),
  });
}
