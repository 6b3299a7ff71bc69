// One agent of the agent benchmark, in its own process (see bench/agent.ts):
// node --import tsx bench/agent-worker.ts <agent-id> <seconds> <concurrency>, DATABASE_URL set.
// Prints one line "BENCH-REPORT {json}".
import { createPool } from '../db/connect';
import { CameraAgent } from '../camera-agent/agent';
import { agentConfig } from '../camera-agent/config';
import { percentile } from '../camera-agent/log-throttle';

export interface WorkerReport {
  agentId: string;
  polls: number;
  seconds: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  rssMaxMb: number;
  cpuSeconds: number;
  statements: number;
  rowsWritten: number;
  flushes: number;
  failedFlushes: number;
  states: Record<string, number>;
  /** The same after the first interval (URIs cached, schedule spread): the steady state. */
  steady: {
    seconds: number;
    polls: number;
    lagP50Ms: number;
    lagP99Ms: number;
    cpuSeconds: number;
    statements: number;
    rowsWritten: number;
  };
}

async function worker(agentId: string, seconds: number, concurrency: number): Promise<void> {
  const pool = createPool(process.env.DATABASE_URL!, 6);
  const config = agentConfig({ concurrency });
  const agent = new CameraAgent(pool, config, { agentId, syncMs: 10_000 });
  let rssMax = 0;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }, 500);
  const cpu0 = process.cpuUsage();
  agent.start();
  // The first interval also fetches every camera's media URIs and spreads the schedule; measure
  // the steady state from the end of it.
  const warmupS = Math.min(70, Math.floor(seconds / 2));
  await new Promise((r) => setTimeout(r, warmupS * 1000));
  const at = {
    polls: agent.stats.polls,
    lag: agent.stats.lagMs.length,
    cpu: process.cpuUsage(),
    statements: agent.writer.stats.statements,
    rows: agent.writer.stats.rowsWritten,
  };
  await new Promise((r) => setTimeout(r, (seconds - warmupS) * 1000));
  const steadyCpu = process.cpuUsage(at.cpu);
  const steadyLag = agent.stats.lagMs.slice(at.lag);
  const steady = {
    seconds: seconds - warmupS,
    polls: agent.stats.polls - at.polls,
    lagP50Ms: percentile(steadyLag, 50),
    lagP99Ms: percentile(steadyLag, 99),
    cpuSeconds: Math.round((steadyCpu.user + steadyCpu.system) / 1e4) / 100,
    statements: agent.writer.stats.statements - at.statements,
    rowsWritten: agent.writer.stats.rowsWritten - at.rows,
  };
  await agent.stop();
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpu0);
  const lag = agent.stats.lagMs;
  const report: WorkerReport = {
    agentId,
    polls: agent.stats.polls,
    seconds,
    lagP50Ms: percentile(lag, 50),
    lagP99Ms: percentile(lag, 99),
    lagMaxMs: percentile(lag, 100),
    rssMaxMb: Math.round(rssMax / 1048576),
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    statements: agent.writer.stats.statements,
    rowsWritten: agent.writer.stats.rowsWritten,
    flushes: agent.writer.stats.flushes,
    failedFlushes: agent.writer.stats.failedFlushes,
    states: agent.stats.stateCounts,
    steady,
  };
  await pool.end();
  process.stdout.write(`BENCH-REPORT ${JSON.stringify(report)}\n`);
}

const [agentId = 'bench', seconds = '130', concurrency = '200'] = process.argv.slice(2);
if (process.env.DATABASE_URL === undefined) throw new Error('DATABASE_URL must point at the bench database');
await worker(agentId, Number(seconds), Number(concurrency));
