// `npm run bench:gb28181`: 20,000 simulated GB/T 28181 devices registering and keeping alive
// (default every 60 s) plus one lower platform answering a 20,000-channel catalog, driven from
// their own process on loopback against the SIP server in another, with a database of its own
// (xl_bench_gb28181). Reports: every keepalive processed (sent = answered = counted by the
// server), offline detected within keepaliveMissed × interval + 5 s for devices that fall
// silent, server RSS, server CPU per keepalive in the steady state, and the catalog's time.
// Writes bench-results/gb28181-<time>.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../db/cluster';
import { createPool } from '../db/connect';
import { loadSql } from '../db/sql';
import { openBenchDatabase } from './bench-database';

const INSERT_CAMERAS = loadSql(import.meta.url, 'gb28181/insert-cameras.sql');
const OFFLINE_DELAYS = loadSql(import.meta.url, 'gb28181/offline-delays.sql');

interface Stats {
  at: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  cpuMs: number;
  cpuUserMs: number;
  sessions: number;
  online: number;
  server: { keepalives: number; registrations: number; offline: number };
  queries: { catalogsComplete: number; catalogsPartial: number; catalogsTimeout: number };
  pendingCatalogs: number;
  writer: { failedFlushes: number; channelRows: number };
  writerPending: number;
  writerIdle: boolean;
}

function runTs(file: string, args: string[], env: NodeJS.ProcessEnv, ipc = false, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(REPO_ROOT, 'bench', file), ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export default async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      devices: { type: 'string' },
      channels: { type: 'string' },
      interval: { type: 'string' },
      steady: { type: 'string' },
      silence: { type: 'string' },
      port: { type: 'string' },
      rate: { type: 'string' },
      profile: { type: 'boolean' },
      'server-node-flags': { type: 'string' },
    },
    strict: false,
  });
  const devices = Number(values.devices ?? 20_000);
  const channels = Number(values.channels ?? 20_000);
  const intervalMs = Number(values.interval ?? 60) * 1000;
  const steadyMs = Number(values.steady ?? (2 * intervalMs) / 1000 + 10) * 1000;
  const silence = Number(values.silence ?? 200);
  const port = Number(values.port ?? process.env.XUELIANG_SIP_PORT ?? 5060);
  const rate = Number(values.rate ?? 1000);
  const missed = 3;

  const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
  const db = await openBenchDatabase('xl_bench_gb28181', { fresh: true });
  const pool = createPool(db.url, 2);
  await pool.query(INSERT_CAMERAS, [devices + channels]);
  const env = { ...process.env, DATABASE_URL: db.url };
  console.log(
    `• gb28181 bench: ${devices} devices + 1 platform of ${channels} channels, keepalive every ${intervalMs / 1000} s, SIP port ${port}`,
  );

  // --profile: a V8 CPU profile of the server process in bench-results/profiles.
  const profile = values.profile === true ? ['--cpu-prof', `--cpu-prof-dir=${join(REPO_ROOT, 'bench-results', 'profiles')}`] : [];
  // --server-node-flags "--max-semi-space-size=2 …": V8/Node flags for the server process only (memory experiments).
  const serverFlags = String(values['server-node-flags'] ?? '')
    .split(/\s+/)
    .filter((f) => f !== '');
  const server = runTs('gb28181-server.ts', [String(port), String(intervalMs)], env, false, [...profile, ...serverFlags]);
  let last: Stats | undefined;
  let rssMaxMb = 0;
  // The memory breakdown at the RSS peak and its own maxima (where the memory goes).
  let atRssPeak: Pick<Stats, 'at' | 'rssMb' | 'heapUsedMb' | 'heapTotalMb' | 'externalMb' | 'arrayBuffersMb'> | undefined;
  const memMax = { heapUsedMb: 0, heapTotalMb: 0, externalMb: 0 };
  const series: Array<Pick<Stats, 'at' | 'rssMb' | 'heapUsedMb' | 'heapTotalMb' | 'externalMb'>> = [];
  let buf = '';
  server.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines)
      if (l.startsWith('STATS ')) {
        last = JSON.parse(l.slice(6)) as Stats;
        // Every 5 s: when the memory peaks (registration storm, catalogs, steady state).
        if (series.length === 0 || last.at - series.at(-1)!.at >= 5000)
          series.push({
            at: last.at,
            rssMb: last.rssMb,
            heapUsedMb: last.heapUsedMb,
            heapTotalMb: last.heapTotalMb,
            externalMb: last.externalMb,
          });
        if (last.rssMb > rssMaxMb) {
          rssMaxMb = last.rssMb;
          const { rssMb, heapUsedMb, heapTotalMb, externalMb, arrayBuffersMb } = last;
          atRssPeak = { rssMb, heapUsedMb, heapTotalMb, externalMb, arrayBuffersMb, at: last.at };
        }
        memMax.heapUsedMb = Math.max(memMax.heapUsedMb, last.heapUsedMb);
        memMax.heapTotalMb = Math.max(memMax.heapTotalMb, last.heapTotalMb);
        memMax.externalMb = Math.max(memMax.externalMb, last.externalMb);
      }
  });
  while (last === undefined) await sleep(200);

  const sim = runTs('gb28181-devices.ts', [String(port), String(devices), String(channels), String(intervalMs), String(rate)], env, true);
  const messages: Array<Record<string, unknown>> = [];
  sim.on('message', (m: Record<string, unknown>) => messages.push(m));
  const waitMessage = async (kind: string): Promise<Record<string, unknown>> => {
    for (;;) {
      const i = messages.findIndex((m) => m.kind === kind);
      if (i !== -1) return messages.splice(i, 1)[0]!;
      await sleep(100);
    }
  };
  const t0 = Date.now();
  // Progress every 15 s while devices register and are asked their catalogs.
  const progress = setInterval(() => {
    const q = last!.queries;
    console.log(
      `  … ${((Date.now() - t0) / 1000).toFixed(0)} s: ${last!.sessions} registered, catalogs ${q.catalogsComplete} complete / ${q.catalogsPartial} partial / ${q.catalogsTimeout} timeout, RSS ${last!.rssMb} MB (heap ${last!.heapUsedMb} of ${last!.heapTotalMb} MB, external ${last!.externalMb} MB)`,
    );
  }, 15_000);
  const registered = await waitMessage('registered');
  console.log(`  registered in ${((registered.ms as number) / 1000).toFixed(1)} s: ${JSON.stringify(registered.statuses)}`);
  // Catalogs, DeviceInfo and DeviceStatus of every new device, then the steady state.
  while (
    last.queries.catalogsComplete + last.queries.catalogsPartial + last.queries.catalogsTimeout < devices + 1 ||
    last.pendingCatalogs > 0
  )
    await sleep(500);
  const queriesDoneS = (Date.now() - t0) / 1000;
  clearInterval(progress);
  // The catalog rows are committed by the writer's flush after the last page.
  while (!last.writerIdle) await sleep(200);
  await sleep(1100);
  while (!last.writerIdle) await sleep(200);
  const platform = (
    await pool.query<{ ms: number; items: number; rows: number }>(
      `SELECT extract(epoch FROM (SELECT max(at) FROM gb_events WHERE device_id = '34010000002000000002' AND kind LIKE 'catalog-%')
         - (SELECT min(at) FROM gb_events WHERE device_id = '34010000002000000002' AND kind = 'registered')) * 1000 AS ms,
       (SELECT catalog_items FROM gb_devices WHERE device_id = '34010000002000000002') AS items,
       (SELECT count(*)::int FROM gb_channels WHERE device_id = '34010000002000000002') AS rows`,
    )
  ).rows[0]!;
  console.log(
    `  queries of all devices done after ${queriesDoneS.toFixed(0)} s; platform catalog: ${platform.items} items, ${platform.rows} rows in ${(platform.ms / 1000).toFixed(1)} s`,
  );

  // Steady state: server CPU per keepalive.
  const a = last;
  await sleep(steadyMs);
  const b = last;
  const keepalives = b.server.keepalives - a.server.keepalives;
  const cpuMsPerKeepalive = (b.cpuMs - a.cpuMs) / Math.max(1, keepalives);
  const userMsPerKeepalive = (b.cpuUserMs - a.cpuUserMs) / Math.max(1, keepalives);
  console.log(
    `  steady ${((b.at - a.at) / 1000).toFixed(0)} s: ${keepalives} keepalives, ${cpuMsPerKeepalive.toFixed(3)} ms CPU each (user ${userMsPerKeepalive.toFixed(3)} ms), RSS ${b.rssMb} MB`,
  );

  // Offline: the last `silence` devices stop keeping alive.
  sim.send({ kind: 'silence', count: silence });
  const silenced = (await waitMessage('silenced')).ids as string[];
  await sleep(missed * intervalMs + 10_000);
  const delays = (await pool.query<{ deviceId: string; delayMs: number | null }>(OFFLINE_DELAYS, [silenced])).rows;
  const detected = delays.filter((d) => d.delayMs !== null).map((d) => d.delayMs!);
  const falseOffline = (
    await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM gb_events WHERE kind = 'offline' AND NOT (device_id = ANY ($1))", [
      silenced,
    ])
  ).rows[0]!.n;
  sim.send({ kind: 'quiet' });
  const totals = await waitMessage('totals');
  await sleep(1500);
  const end = last;
  sim.send({ kind: 'stop' });
  await new Promise((r) => sim.once('exit', r));
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await pool.end();

  const limitMs = missed * intervalMs + 5000;
  const result = {
    suite: 'gb28181',
    at: new Date().toISOString(),
    devices,
    channels,
    serverNodeFlags: serverFlags,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    intervalSeconds: intervalMs / 1000,
    registrationSeconds: (registered.ms as number) / 1000,
    registrationStatuses: registered.statuses,
    queriesDoneSeconds: queriesDoneS,
    platformCatalog: { items: platform.items, rows: platform.rows, seconds: platform.ms / 1000 },
    keepalives: {
      sent: totals.sent,
      answered: totals.answered,
      counted: end.server.keepalives,
      allProcessed: totals.sent === totals.answered && totals.answered === end.server.keepalives,
    },
    steady: { seconds: (b.at - a.at) / 1000, keepalives, cpuMsPerKeepalive, userMsPerKeepalive, target: 0.2 },
    offline: {
      silenced: silenced.length,
      detected: detected.length,
      maxDelayMs: detected.length === 0 ? null : Math.max(...detected),
      medianDelayMs: detected.length === 0 ? null : detected.sort((x, y) => x - y)[Math.floor(detected.length / 2)],
      limitMs,
      falseOffline,
    },
    serverRssMaxMb: rssMaxMb,
    serverRssSteadyMb: b.rssMb,
    serverMemory: {
      atRssPeak: atRssPeak === undefined ? undefined : { ...atRssPeak, at: Math.round((atRssPeak.at - t0) / 1000) },
      max: memMax,
      // Seconds since the first REGISTER was sent (negative: the server alone, before the devices).
      series: series.map((p) => ({ ...p, at: Math.round((p.at - t0) / 1000) })),
      steady: { heapUsedMb: b.heapUsedMb, heapTotalMb: b.heapTotalMb, externalMb: b.externalMb, arrayBuffersMb: b.arrayBuffersMb },
    },
    writerFailedFlushes: end.writer.failedFlushes,
    targets: {
      everyKeepaliveProcessed: totals.sent === totals.answered && totals.answered === end.server.keepalives,
      offlineWithinLimit: detected.length === silenced.length && detected.every((d) => d <= limitMs) && falseOffline === 0,
      rssUnder300Mb: rssMaxMb < 300,
      cpuPerKeepaliveUnder02Ms: cpuMsPerKeepalive <= 0.2,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
  const file = join(REPO_ROOT, 'bench-results', `gb28181-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`  written ${file}`);
}
