// The simulator process of the agent benchmark (see bench/agent.ts), started without the CLI so
// its memory is the simulator's own: node --import tsx bench/agent-simulator.ts <port>.
import { createPool } from '../db/connect';
import { registeredSimCameras } from '../camera-agent/simulator/fleet-from-db';
import { startSimulator } from '../camera-agent/simulator/server';

const port = Number(process.argv[2] ?? 18190);
const pool = createPool(process.env.DATABASE_URL!, 1);
const sim = await startSimulator({ port, cameras: await registeredSimCameras(pool, port) });
await pool.end();
process.stderr.write(`bench simulator: ${sim.cameras.size} cameras on ${sim.baseUrl}\n`);
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
await sim.close();
