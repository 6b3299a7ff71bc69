// `npm run bench:api -- [--scale S|M] [--duration SECONDS] [--connections N] [--profile] [--only WORDS] [--identity]`: autocannon
// against the real server on loopback, in its own process as `npm start` runs it
// (api-server-process.ts; `--profile` writes its V8 CPU profile to bench-results/profiles), for the busiest camera tile (z14), the coverage summary and the
// command center's reads (/status/summary, /alarms, /status/rollups; targets p50 ≤ 50 ms and
// p99 ≤ 200 ms at M with 20 connections, issue 17), on a generated city (`xueliang generate
// --scale M` into its own database xl_bench_api_<scale>, generated and recomputed once, with a
// status history seeded by api-status-seed.sql, then reused). Also measures how long an alarm the
// agent raises takes to reach a wall: StatusWriter commit → SSE `alarm` event → GET /alarms
// listing it. Reports requests per second, p50 and p99, and writes
// bench-results/api-<scale>-<time>.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../db/cluster';
import { createPool } from '../db/connect';
import { openBenchDatabase } from './bench-database';
import { startServerProcess, type ServerProcess } from './api-server-process';
import { createApiToken } from '../api/domain/users/sessions';
import { createUser, findUserByName } from '../api/domain/users/users';
import { randomPassword } from '../api/domain/users/passwords';
import { alarmToWall } from './api-alarm-latency';

interface AutocannonResult {
  requests: { average: number; total: number };
  throughput: { total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const BUSIEST_TILE = `
  SELECT 14 AS z, floor((ST_X(geom) + 180) / 360 * 16384)::int AS x,
         floor((1 - ln(tan(radians(ST_Y(geom))) + 1 / cos(radians(ST_Y(geom)))) / pi()) / 2 * 16384)::int AS y,
         count(*)::int AS cameras
  FROM cameras GROUP BY 2, 3 ORDER BY 4 DESC LIMIT 1`;

export default async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      regenerate: { type: 'boolean' },
      profile: { type: 'boolean' },
      only: { type: 'string' },
      identity: { type: 'boolean' },
    },
    strict: false,
  });
  const scale = String(values.scale ?? 'M').toUpperCase();
  if (!['S', 'M', 'L'].includes(scale)) throw new Error(`--scale must be S, M or L (got ${scale})`);
  const duration = Number(values.duration ?? 10);
  const connections = Number(values.connections ?? 20);
  const { name, url } = await openBenchDatabase(`xl_bench_api_${scale.toLowerCase()}`, { fresh: values.regenerate === true });
  const pool = createPool(url, 10);
  const report: Record<string, unknown> = {
    scale,
    database: name,
    startedAt: new Date().toISOString(),
    durationSeconds: duration,
    connections,
  };
  const env = { ...process.env, DATABASE_URL: url };
  const xueliang = (...args: string[]) =>
    execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'xueliang.mjs'), ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  let running: ServerProcess | undefined;
  try {
    if ((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n === 0) {
      console.log(`generating scale ${scale} into ${name} …`);
      let t = Date.now();
      xueliang('generate', '--scale', scale, '--json');
      report.generateMs = Date.now() - t;
      console.log(`recomputing coverage …`);
      t = Date.now();
      xueliang('recompute', '--json');
      report.recomputeMs = Date.now() - t;
    }
    // Seeded once: its recovered alarms are acknowledged by 'bench' (the generator writes no alarms).
    if (
      (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM camera_alarms WHERE acknowledged_by = 'bench'")).rows[0]!.n === 0
    ) {
      console.log('seeding 30 days of camera status …');
      await pool.query(readFileSync(join(REPO_ROOT, 'bench', 'api-status-seed.sql'), 'utf8'));
    }
    const sizes = (
      await pool.query(
        'SELECT (SELECT count(*) FROM cameras)::int AS cameras, (SELECT count(*) FROM targets)::int AS targets, (SELECT count(*) FROM buildings)::int AS buildings',
      )
    ).rows[0];
    report.sizes = sizes;

    if ((await findUserByName(pool, 'bench')) === undefined)
      await createUser(pool, { username: 'bench', password: randomPassword(), role: 'viewer' });
    const token = await createApiToken(pool, (await findUserByName(pool, 'bench'))!.id, 'bench:api');
    // The viewers are browsers: they all accept gzip (Chromium sends this header). --identity
    // measures uncompressed answers, as the bench did before.
    const encoding = values.identity === true ? 'identity' : 'gzip, deflate, br, zstd';
    report.acceptEncoding = encoding;
    const headers = { authorization: `Bearer ${token}`, 'accept-encoding': encoding };
    const profileDir = join(REPO_ROOT, 'bench-results', 'profiles');
    running = await startServerProcess(url, {
      nodeFlags: values.profile === true ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    const base = running.base;
    report.server = { pid: running.pid, process: 'xueliang serve', profile: values.profile === true ? profileDir : null };

    const tile = (await pool.query<{ z: number; x: number; y: number; cameras: number }>(BUSIEST_TILE)).rows[0]!;
    const targets = [
      { name: 'camera tile', path: `/tiles/cameras/${tile.z}/${tile.x}/${tile.y}.mvt`, note: `busiest z14 tile, ${tile.cameras} cameras` },
      { name: 'coverage summary', path: '/api/v1/coverage', note: 'GET /api/v1/coverage (city and area rates)' },
      { name: 'camera list page', path: '/api/v1/cameras?limit=100', note: 'first page of 100 cameras' },
      { name: 'status summary', path: '/api/v1/status/summary', note: 'fleet and per-county figures, today and month', target: true },
      { name: 'alarms', path: '/api/v1/alarms', note: 'first page of 100 open alarms with coverage lost', target: true },
      { name: 'status rollups', path: '/api/v1/status/rollups?level=county', note: '30 days per county', target: true },
    ];
    // --only summary,alarms: the targets whose path contains one of these words.
    const only = typeof values.only === 'string' ? values.only.split(',').filter((w) => w !== '') : [];
    const chosen = only.length === 0 ? targets : targets.filter((t) => only.some((w) => t.path.includes(w)));
    const results: Record<string, unknown>[] = [];
    console.log(`API bench, scale ${scale}: ${JSON.stringify(sizes)}; ${connections} connections × ${duration} s per target`);
    for (const target of chosen) {
      const probe = await fetch(`${base}${target.path}`, { headers });
      const bytes = (await probe.arrayBuffer()).byteLength;
      if (probe.status !== 200) {
        console.log(`  ${target.name}: skipped (${target.path} answered ${probe.status})`);
        results.push({ ...target, skipped: `HTTP ${probe.status}` });
        continue;
      }
      const r = await autocannon({ url: `${base}${target.path}`, headers, connections, duration });
      const row = {
        ...target,
        responseBytes: bytes,
        // What went over the socket per answer, headers included (gzip when accepted).
        wireBytes: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : null,
        requestsPerSecond: Math.round(r.requests.average),
        requests: r.requests.total,
        latencyMs: { p50: r.latency.p50, p99: r.latency.p99, average: r.latency.average, max: r.latency.max },
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
      };
      results.push(row);
      const verdict =
        target.target === true
          ? r.latency.p50 <= 50 && r.latency.p99 <= 200
            ? '  meets p50 ≤ 50, p99 ≤ 200'
            : '  MISSES p50 ≤ 50, p99 ≤ 200'
          : '';
      console.log(
        `  ${target.name.padEnd(17)} ${String(row.requestsPerSecond).padStart(6)} req/s   p99 ${r.latency.p99} ms   p50 ${r.latency.p50} ms   (${bytes} B, ${row.wireBytes} B sent, non-2xx ${r.non2xx}, errors ${r.errors})${verdict}`,
      );
    }
    // Let requests still in flight from the last run finish before the server and pool close.
    await new Promise((r) => setTimeout(r, 500));
    report.alarmToWall = await alarmToWall(pool, base, headers);
    console.log(`  alarm to wall      ${JSON.stringify(report.alarmToWall)}`);
    report.results = results;
    report.finishedAt = new Date().toISOString();
    const dir = join(REPO_ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `api-${scale.toLowerCase()}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`report: ${file}`);
  } finally {
    await running?.stop();
    await pool.end();
  }
}
