// `npm run bench:coverage -- --scale S|M|L`: the coverage engine on a generated city, phase by
// phase, against the notes' per-target local union measured in the same run on the same
// footprints. Uses its own database (xl_bench_coverage_<scale>), generated once and reused.
// Writes bench-results/coverage-<scale>-<time>.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../db/cluster';
import { createPool } from '../db/connect';
import { openBenchDatabase } from './bench-database';
import {
  evaluateWhatIf,
  loadCoverageSettings,
  queryRates,
  rebuildAllResults,
  recomputeCoverage,
  refreshCameras,
  sweepMsPerCamera,
  warmCoverageCache,
  type WhatIfCamera,
} from '../coverage-engine';
import { runBatches } from '../db/run-batches';
import { loadSql } from '../db/sql';

const BASELINE_SQL = loadSql(import.meta.url, 'coverage/baseline-local-union.sql');
const STATUS_MIX_SQL = loadSql(import.meta.url, 'coverage/status-mix.sql');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

export default async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { scale: { type: 'string' }, moves: { type: 'string' }, regenerate: { type: 'boolean' }, status: { type: 'string' } },
    strict: false,
  });
  const scale = String(values.scale ?? 'S').toUpperCase();
  if (!['S', 'M', 'L'].includes(scale)) throw new Error(`--scale must be S, M or L (got ${scale})`);
  const moves = Number(values.moves ?? 40);
  const { name, url } = await openBenchDatabase(`xl_bench_coverage_${scale.toLowerCase()}`, { fresh: values.regenerate === true });
  const pool = createPool(url, 6);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const report: Record<string, unknown> = { scale, database: name, startedAt: new Date().toISOString() };
  const phases: Record<string, number> = {};
  try {
    const cams = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM cameras')).rows[0]!.n);
    if (cams === 0) {
      console.log(`generating scale ${scale} into ${name} …`);
      const t = Date.now();
      execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'xueliang.mjs'), 'generate', '--scale', scale, '--json'], {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      report.generateMs = Date.now() - t;
    }
    await pool.query('SET jit = off');
    // Camera states: the demo county's mix by default; --status none leaves every camera
    // without a state, so "coverage now" counts none (the worst case for the now results).
    if (values.status === 'none') await pool.query('TRUNCATE camera_status');
    else await pool.query(STATUS_MIX_SQL);
    report.statusMix = values.status === 'none' ? 'none' : 'demo';
    const sizes = (
      await pool.query<{ cameras: string; buildings: string; targets: string }>(
        'SELECT (SELECT count(*) FROM cameras) AS cameras, (SELECT count(*) FROM buildings) AS buildings, (SELECT count(*) FROM targets) AS targets',
      )
    ).rows[0]!;
    report.sizes = sizes;
    console.log(`coverage bench, scale ${scale}: ${sizes.cameras} cameras, ${sizes.buildings} buildings, ${sizes.targets} targets`);

    // 1. Full recompute (occlusion-aware footprints included).
    const t0 = Date.now();
    const full = await recomputeCoverage(pool, { onPhase: (p, ms) => console.log(`  full recompute / ${p}: ${(ms / 1000).toFixed(2)} s`) });
    phases.fullRecompute = Date.now() - t0;
    Object.assign(phases, Object.fromEntries(Object.entries(full.phasesMs).map(([k, v]) => [`full.${k}`, v])));
    report.parts = full.parts;
    report.footprints = full.footprints;
    report.issues = full.issues.length;
    // Per camera and core. The recompute sweeps in worker threads, whose summed wall time also
    // counts time-slicing with the database on a busy machine, so the per-core figure is timed
    // here on one thread over a sample of cameras; the threads' own figure is kept beside it.
    report.footprintThreadMsPerCamera = Math.round((full.footprintComputeMs / Number(sizes.cameras)) * 1000) / 1000;
    report.footprintComputeMsPerCamera = await sweepMsPerCamera(pool);

    // 2. All rates and blind-spot geometry from the stored footprints.
    const s = await loadCoverageSettings(pool);
    const allIds = async () =>
      (await pool.query<{ id: number }>('SELECT id::int AS id FROM coverage_target_parts ORDER BY id')).rows.map((r) => r.id);
    let t = Date.now();
    const rebuilt = await rebuildAllResults(pool, s, {
      onPhase: (p, ms) => console.log(`  from stored / ${p}: ${(ms / 1000).toFixed(2)} s`),
    });
    const sub = rebuilt.stats.phasesMs;
    phases.fromStored_targets = Date.now() - t - sub.blindSpots!;
    phases.fromStored_blindSpots = sub.blindSpots!;
    report.fromStored = { ...rebuilt.stats, failures: rebuilt.partFailures.length + rebuilt.blindSpotFailures.length };
    t = Date.now();
    // Design and now are independent queries (the API serves them as separate requests).
    const [rates] = await Promise.all([queryRates(pool, s, { mode: 'design' }), queryRates(pool, s, { mode: 'now' })]);
    phases.fromStored_rates = Date.now() - t;
    phases.fromStoredTotal = phases.fromStored_targets + phases.fromStored_blindSpots + phases.fromStored_rates;
    report.cityRates = Object.fromEntries(
      Object.entries(rates.find((a) => a.areaId === null)?.classes ?? {}).map(([k, v]) => [k, Math.round(v!.rate * 10000) / 100]),
    );

    // 3. The notes' per-target local union (design only) on the same footprints, against the
    // city pass above (design and now, with the uncovered geometry written) and against the
    // per-part SQL function the incremental refresh uses (design only).
    await pool.query(
      'CREATE UNLOGGED TABLE IF NOT EXISTS bench_baseline (target_id bigint, covered double precision, uncovered_m geometry)',
    );
    await pool.query('TRUNCATE bench_baseline');
    const targetIds = (await pool.query<{ id: number }>('SELECT id::int AS id FROM targets ORDER BY id')).rows.map((r) => r.id);
    t = Date.now();
    await runBatches(pool, BASELINE_SQL, targetIds, (b) => [b, s.intersectionRadiusM], { batchSize: 200 });
    phases.baselineLocalUnion = Date.now() - t;
    const agreement = async () =>
      (
        await pool.query<{ diff: number | null }>(
          'SELECT max(abs(b.covered - x.c)) AS diff FROM bench_baseline b JOIN (SELECT p.target_id, sum(r.covered) AS c FROM coverage_target_parts p JOIN coverage_results r ON r.part_id = p.id AND r.mode = $1 GROUP BY p.target_id) x ON x.target_id = b.target_id',
          ['design'],
        )
      ).rows[0]!.diff;
    report.maxCoveredDifferenceVsBaseline = await agreement();
    report.ratioBaselineOverEngine = Math.round((phases.baselineLocalUnion / phases.fromStored_targets) * 100) / 100;
    t = Date.now();
    await runBatches(
      pool,
      "INSERT INTO coverage_results AS x (part_id, mode, covered, camera_ids, assumed, uncovered_m) SELECT r.part_id, 'design', r.covered, r.camera_ids, r.assumed, r.uncovered_m FROM xl_part_coverage($1::bigint[], false, xl_today(), NULL, true) r ON CONFLICT (part_id, mode) DO UPDATE SET covered = excluded.covered",
      await allIds(),
      (b) => [b],
    );
    phases.sqlDesignPass = Date.now() - t;
    report.ratioBaselineOverSqlDesignPass = Math.round((phases.baselineLocalUnion / phases.sqlDesignPass) * 100) / 100;
    report.maxCoveredDifferenceSqlVsBaseline = await agreement();

    // 4. One camera moved (10 m), then back: targets, blind spots and rates updated.
    const ids = (await pool.query<{ id: number }>('SELECT id::int AS id FROM cameras ORDER BY md5(id::text) LIMIT $1', [moves])).rows.map(
      (r) => r.id,
    );
    // The API warms the scene cache at start; so does the benchmark, outside the timings.
    t = Date.now();
    await warmCoverageCache(pool);
    phases.warmCache = Date.now() - t;
    const times: number[] = [];
    for (const id of ids) {
      await pool.query('UPDATE cameras SET geom = ST_Translate(geom, 0.0001, 0) WHERE id = $1', [id]);
      const r = await refreshCameras(pool, [id]);
      times.push(r.ms);
    }
    const removeTimes: number[] = [];
    for (const id of ids.slice(0, Math.min(10, ids.length))) {
      await pool.query('UPDATE cameras SET removal_date = xl_today() - 1 WHERE id = $1', [id]);
      removeTimes.push((await refreshCameras(pool, [id])).ms);
      await pool.query('UPDATE cameras SET removal_date = NULL WHERE id = $1', [id]);
      removeTimes.push((await refreshCameras(pool, [id])).ms);
    }
    report.incremental = {
      moves: times.length,
      medianMs: Math.round(median(times) * 10) / 10,
      worstMs: Math.round(Math.max(...times) * 10) / 10,
      removeAddMedianMs: Math.round(median(removeTimes) * 10) / 10,
      removeAddWorstMs: Math.round(Math.max(...removeTimes) * 10) / 10,
    };
    for (const id of ids) await pool.query('UPDATE cameras SET geom = ST_Translate(geom, -0.0001, 0) WHERE id = $1', [id]);

    // 5. What-if (plans and suggestions): PTZ masts at the largest uncovered intersections, as a
    // planner would propose them; before, after and each camera's gain, nothing stored changes.
    const { rows: gaps } = await pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom_m), 4326) AS p FROM coverage_blind_spots
       WHERE mode = 'design' AND class = 'intersection' ORDER BY measure DESC, id LIMIT 20) x`,
    );
    const proposed: WhatIfCamera[] = gaps.map((g) => ({
      type: 'ptz',
      lon: g.lon,
      lat: g.lat,
      heightM: 10,
      hfovDeg: 58,
      resolutionH: 2560,
      resolutionV: 1440,
    }));
    const whatIf: Record<string, number> = {};
    for (const n of [1, 5, 20]) {
      if (proposed.length < n) continue;
      const runs: number[] = [];
      for (let k = 0; k < 3; k++) runs.push((await evaluateWhatIf(pool, proposed.slice(0, n), { mode: 'design' })).ms);
      whatIf[`cameras${n}MedianMs`] = Math.round(median(runs));
    }
    report.whatIf = whatIf;
  } finally {
    clearInterval(sampler);
    await pool.end();
  }
  report.phasesMs = phases;
  report.peakRssMb = Math.round(peakRss / 1048576);
  report.finishedAt = new Date().toISOString();
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `coverage-${scale}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  console.log(`report: ${file}`);
}
