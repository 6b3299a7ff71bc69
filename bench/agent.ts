// `npm run bench:agent`: polls N simulated cameras (default 10,000) on this machine with 1 and
// then 2 agent processes, the simulator in its own process, all on loopback, against a bench
// database of its own (xl_bench_agent). Reports cameras per second, schedule lag p50/p99 against
// the 60 s interval, agent RSS, database writes per cycle, and how many cameras were polled
// within one interval (+ jitter) at the end. Writes bench-results/agent-<time>.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../db/cluster';
import type pg from 'pg';
import { createPool } from '../db/connect';
import { openBenchDatabase } from './bench-database';
import { registerSimCameras } from '../camera-agent/sim-fleet-seed';

const BENCH_DB = 'xl_bench_agent';
/** The simulator's port: --sim-port, else XUELIANG_SIM_PORT, else 18190 (so engineers sharing a machine don't collide). */
function simPortFrom(option: unknown): number {
  const raw = typeof option === 'string' ? option : (process.env.XUELIANG_SIM_PORT ?? '18190');
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`bench agent: simulator port "${raw}" is not a TCP port (1-65535)`);
  return port;
}

import type { WorkerReport } from './agent-worker';

/** Agents and simulator run in their own processes without the CLI, so RSS is their own. */
function runTs(file: string, args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(REPO_ROOT, 'bench', file), ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function collect(child: ChildProcess): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH-REPORT '));
      if (line === undefined) reject(new Error(`bench worker exited ${code} without a report`));
      else resolve(JSON.parse(line.slice('BENCH-REPORT '.length)) as WorkerReport);
    });
  });
}

async function waitForSimulator(port: number): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/control`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the simulator did not start');
}

function rssOfPid(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? 0 : Math.round(Number(m[1]) / 1024);
  } catch {
    return 0;
  }
}

/** --profile: a V8 CPU profile of each agent process in bench-results/profiles (where a poll's CPU goes). */
let agentNodeArgs: string[] = [];

async function scenario(url: string, pool: pg.Pool, agents: number, seconds: number, cameras: number, concurrency: number) {
  await pool.query('TRUNCATE camera_poll_state, camera_status, camera_status_events, camera_status_daily, camera_alarms, camera_agents');
  const env = { ...process.env, DATABASE_URL: url };
  const children = Array.from({ length: agents }, (_, i) =>
    runTs('agent-worker.ts', [`bench-${agents}-${i}`, String(seconds), String(concurrency)], env, agentNodeArgs),
  );
  const reports = await Promise.all(children.map(collect));
  const intervalS = 60;
  const { rows } = await pool.query<{ within: number; polled: number }>(
    "SELECT count(*) FILTER (WHERE last_poll_at > max_at - interval '66 seconds')::int AS within, count(last_poll_at)::int AS polled FROM camera_poll_state, (SELECT max(last_poll_at) AS max_at FROM camera_poll_state) m",
  );
  const polls = reports.reduce((n, r) => n + r.polls, 0);
  const cycles = seconds / intervalS;
  const lagP99 = Math.max(...reports.map((r) => r.lagP99Ms));
  return {
    agents,
    cameras,
    seconds,
    polls,
    camerasPerSecond: Math.round(polls / seconds),
    polledWithinOneInterval: rows[0]!.within,
    lagP50Ms: Math.max(...reports.map((r) => r.lagP50Ms)),
    lagP99Ms: lagP99,
    agentRssMaxMb: Math.max(...reports.map((r) => r.rssMaxMb)),
    agentCpuSecondsPerMinute: reports.map((r) => Math.round((r.cpuSeconds / seconds) * 60 * 10) / 10),
    dbStatementsPerCycle: Math.round(reports.reduce((n, r) => n + r.statements, 0) / cycles),
    dbRowsPerCycle: Math.round(reports.reduce((n, r) => n + r.rowsWritten, 0) / cycles),
    failedFlushes: reports.reduce((n, r) => n + r.failedFlushes, 0),
    steady: {
      seconds: reports[0]!.steady.seconds,
      camerasPerSecond: Math.round(reports.reduce((n, r) => n + r.steady.polls, 0) / reports[0]!.steady.seconds),
      lagP50Ms: Math.max(...reports.map((r) => r.steady.lagP50Ms)),
      lagP99Ms: Math.max(...reports.map((r) => r.steady.lagP99Ms)),
      agentCpuMsPerPoll: reports.map((r) => Math.round(((r.steady.cpuSeconds * 1000) / Math.max(1, r.steady.polls)) * 10) / 10),
      dbStatementsPerCycle: Math.round(reports.reduce((n, r) => n + r.steady.statements, 0) / (reports[0]!.steady.seconds / intervalS)),
      dbRowsPerCycle: Math.round(reports.reduce((n, r) => n + r.steady.rowsWritten, 0) / (reports[0]!.steady.seconds / intervalS)),
    },
    states: reports.map((r) => r.states),
  };
}

export default async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      cameras: { type: 'string' },
      agents: { type: 'string' },
      duration: { type: 'string' },
      concurrency: { type: 'string' },
      profile: { type: 'boolean' },
      'sim-port': { type: 'string' },
    },
  });
  if (values.profile === true) agentNodeArgs = ['--cpu-prof', `--cpu-prof-dir=${join(REPO_ROOT, 'bench-results', 'profiles')}`];
  const simPort = simPortFrom(values['sim-port']);
  const seconds = Number(values.duration ?? 130);
  const concurrency = Number(values.concurrency ?? 200);
  // A list ("10000,15000,20000") runs each fleet size in turn with a fresh database and simulator:
  // the largest fleet one agent keeps at the 60 s interval is the largest size fully polled.
  const fleetSizes = String(values.cameras ?? '10000')
    .split(',')
    .map((c) => Number(c.trim()));
  const bad = fleetSizes.find((c) => !Number.isInteger(c) || c < 1);
  if (bad !== undefined) throw new Error(`bench agent: --cameras "${String(values.cameras)}" must be whole numbers ≥ 1, comma-separated`);
  const agentCounts = String(values.agents ?? '1,2')
    .split(',')
    .map(Number);
  const results: (Awaited<ReturnType<typeof scenario>> & { simulatorRssMaxMb: number; loadAverage: number[] })[] = [];
  for (const cameras of fleetSizes) {
    const { url } = await openBenchDatabase(BENCH_DB, { fresh: true });
    const pool = createPool(url, 2);
    await registerSimCameras(pool, { count: cameras, port: simPort });
    process.stderr.write(`bench agent: ${cameras} cameras registered in ${BENCH_DB}; simulator on 127.0.0.1:${simPort}\n`);
    const sim = runTs('agent-simulator.ts', [String(simPort)], { ...process.env, DATABASE_URL: url });
    try {
      await waitForSimulator(simPort);
      for (const n of agentCounts) {
        process.stderr.write(`bench agent: ${n} agent(s), ${cameras} cameras, for ${seconds} s…\n`);
        const r = await scenario(url, pool, n, seconds, cameras, concurrency);
        results.push({ ...r, simulatorRssMaxMb: rssOfPid(sim.pid), loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) });
        process.stderr.write(`  ${JSON.stringify(results.at(-1))}\n`);
      }
    } finally {
      sim.kill('SIGTERM');
      if (sim.exitCode === null && sim.signalCode === null) await new Promise((r) => sim.once('exit', r));
      await pool.end();
    }
  }
  // "Kept" = every camera polled within the last interval (+ 10 % jitter) and, once the first
  // interval has spread the schedule, p99 lag under 5 s (the first interval of a fresh fleet is
  // a start-up burst that every size goes through).
  const kept = (r: (typeof results)[number]): boolean => r.polledWithinOneInterval === r.cameras && r.steady.lagP99Ms < 5000;
  const largestFleetKept = Object.fromEntries(
    agentCounts.map((n) => [n, Math.max(0, ...results.filter((r) => r.agents === n && kept(r)).map((r) => r.cameras))]),
  );
  const report = {
    suite: 'agent',
    at: new Date().toISOString(),
    intervalSeconds: 60,
    targets: { cycleSeconds: 60, lagP99Ms: 5000, agentRssMb: 300 },
    largestFleetKept,
    results,
  };
  mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
  const file = join(REPO_ROOT, 'bench-results', `agent-${report.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  for (const r of results) {
    console.log(
      `${r.agents} agent(s), ${r.cameras} cameras, ${r.seconds} s (load average ${r.loadAverage.join(' ')}): ${r.camerasPerSecond} cameras/s; polled within one interval ${r.polledWithinOneInterval}/${r.cameras}; ` +
        `lag p50 ${Math.round(r.lagP50Ms)} ms p99 ${Math.round(r.lagP99Ms)} ms; agent RSS max ${r.agentRssMaxMb} MB; DB ${r.dbStatementsPerCycle} statements / ${r.dbRowsPerCycle} rows per cycle; simulator RSS ${r.simulatorRssMaxMb} MB; ` +
        `steady state: ${r.steady.camerasPerSecond} cameras/s, lag p50 ${Math.round(r.steady.lagP50Ms)} ms p99 ${Math.round(r.steady.lagP99Ms)} ms, agent CPU ${r.steady.agentCpuMsPerPoll.join('/')} ms per poll`,
    );
  }
  if (fleetSizes.length > 1) console.log(`largest fleet kept at the 60 s interval, by agent count: ${JSON.stringify(largestFleetKept)}`);
  console.log(`report: ${file}`);
}
