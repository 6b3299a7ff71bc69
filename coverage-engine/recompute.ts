// Full recompute: parts from targets, footprints for every camera (TypeScript sweep, COPY),
// per-part results for design and now and the blind spots (evaluate-all.ts), their reasons, and
// the month-end history.
// Every bad input becomes a row in coverage_issues and a line in the report, never a crash.
import type pg from 'pg';
import { isPool } from '../db/connect';
import { allLevels } from '../gis-data/optics';
import { assignReasons, levelsInUse, recordIssues, type IssueRow } from './engine';
import { rebuildAllResults } from './evaluate-all';
import { emptyReasonCounts } from './gap-collector';
import type { BlindSpotReason } from '../gis-data/coverage/blind-spot-reasons';
import { runBatches } from '../db/run-batches';
import { loadBuildings, loadCameras } from './scene';
import { engineToday, loadCoverageSettings } from './settings';
import { SQL } from './sql';
import { storeFootprints } from './store-footprints';
import { dropCoverageCache } from './scene-cache';
import { buildInParallel, dropForBulkLoad, restoreAfterBulkLoad, restoreStatements } from './bulk-load';
import { ensureMetricSrid } from '../gis-data/loaders/metric-srid';
import { setHistoryComplete } from './as-of';
import { buildRateSeries, fillSubsetMemo } from './rate-series';

export interface RecomputeOptions {
  sessions?: number;
  history?: boolean;
  onPhase?: (phase: string, ms: number) => void;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface RecomputeReport {
  parts: number;
  cameras: number;
  footprints: number;
  levels: string[];
  blindSpots: { design: Record<BlindSpotReason, number>; now: Record<BlindSpotReason, number> };
  issues: IssueRow[];
  phasesMs: Record<string, number>;
  /** Time spent in TypeScript computing footprints (the sweep), apart from storing them. */
  footprintComputeMs: number;
}

export async function rebuildParts(pool: pg.Pool | pg.PoolClient, targetIds: number[] | null): Promise<{ issues: IssueRow[] }> {
  const s = await loadCoverageSettings(pool);
  const known = allLevels(s.customLevels).map((l) => l.name);
  const issues: IssueRow[] = [];
  const params = (ids: number[] | null) => [s.intersectionRadiusM, s.roadSegmentM, JSON.stringify(s.defaultLevels), known, ids];
  if (targetIds === null) {
    await pool.query('TRUNCATE coverage_target_parts CASCADE');
    await dropForBulkLoad(pool, ['coverage_target_parts']);
  } else await pool.query('DELETE FROM coverage_target_parts WHERE target_id = ANY ($1)', [targetIds]);
  // All targets from a pool: cut in batches over two sessions while a third checks the targets.
  const build = async () => {
    if (targetIds !== null || !isPool(pool)) return void (await pool.query(SQL.buildParts, params(targetIds)));
    const all = (await pool.query<{ id: number }>('SELECT id::int AS id FROM targets ORDER BY id')).rows.map((r) => r.id);
    const failures = await runBatches(pool, SQL.buildParts, all, params, { batchSize: 4000 });
    for (const f of failures)
      issues.push({ kind: 'part_failed', targetId: f.id, message: `target ${f.id}: could not be cut into parts (${f.message})` });
  };
  const [{ rows }] = await Promise.all([
    pool.query<{
      target_id: number;
      class: string;
      name: string | null;
      bad_level: boolean;
      required_level: string;
      invalid: boolean;
      invalid_reason: string | null;
      outside: boolean;
    }>(SQL.targetProblems, [known, targetIds]),
    (async () => {
      try {
        await build();
      } finally {
        const after = targetIds === null ? await restoreStatements(pool, ['coverage_target_parts']) : [];
        if (isPool(pool)) await buildInParallel(pool, after);
        else for (const q of after) await pool.query(q);
      }
    })(),
  ]);
  for (const r of rows) {
    const label = `target ${r.target_id}${r.name === null ? '' : ` (${r.name})`}`;
    if (r.bad_level)
      issues.push({
        kind: 'target_no_level',
        targetId: r.target_id,
        message: `${label}: required_level "${r.required_level}" is not a known detail level; using the ${r.class} default "${s.defaultLevels[r.class as keyof typeof s.defaultLevels]}"`,
      });
    if (r.invalid)
      issues.push({
        kind: 'target_repaired',
        targetId: r.target_id,
        message: `${label}: invalid geometry (${r.invalid_reason}) repaired with ST_MakeValid`,
      });
    if (r.outside)
      issues.push({
        kind: 'target_outside_areas',
        targetId: r.target_id,
        message: `${label}: lies in no admin area; counted for the city only`,
      });
  }
  return { issues };
}

export async function recomputeCoverage(pool: pg.Pool, options: RecomputeOptions = {}): Promise<RecomputeReport> {
  const phasesMs: Record<string, number> = {};
  let t = Date.now();
  const phase = (name: string) => {
    const now = Date.now();
    phasesMs[name] = now - t;
    options.onPhase?.(name, now - t);
    t = now;
  };
  // Never measure in the EPSG:3857 fallback: data loaded without a loader gets its UTM zone here.
  await ensureMetricSrid(pool);
  const s = await loadCoverageSettings(pool);
  dropCoverageCache(pool);
  await pool.query('TRUNCATE coverage_issues');
  // Cutting parts (database) and reading cameras and buildings (mostly this process) do not
  // depend on each other: run together, they keep both cores busy.
  const partsDone = (async () => {
    const r = await rebuildParts(pool, null);
    await pool.query('ANALYZE coverage_target_parts');
    phase('parts');
    return r;
  })();
  const loaded = Promise.all([
    loadCameras(pool),
    pool.query<{ camera_id: number; device_id: string }>(SQL.cameraProblems, [null]),
    loadBuildings(pool, s.defaultBuildingHeightM),
  ]);
  // Both settle before either is used, so a failure of one never leaves the other unobserved.
  const [partsOutcome, loadOutcome] = await Promise.allSettled([partsDone, loaded]);
  if (partsOutcome.status === 'rejected') throw partsOutcome.reason;
  if (loadOutcome.status === 'rejected') throw loadOutcome.reason;
  const { issues } = partsOutcome.value;
  const [{ cameras, issues: camIssues }, outside, buildings] = loadOutcome.value;
  const parts = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM coverage_target_parts')).rows[0]!.n);
  for (const ci of camIssues)
    issues.push({ kind: 'camera_impossible_optics', cameraId: ci.cameraId, message: `camera ${ci.deviceId}: ${ci.message}; no footprint` });
  for (const r of outside.rows)
    issues.push({
      kind: 'camera_outside_areas',
      cameraId: r.camera_id,
      message: `camera ${r.device_id} lies in no admin area; it still covers targets near it`,
    });
  phase('load');

  const levels = await levelsInUse(pool, s);
  await pool.query('TRUNCATE camera_footprints');
  await dropForBulkLoad(pool, ['camera_footprints']);
  let fp;
  try {
    fp = await storeFootprints(pool, cameras, buildings, levels, {
      occlusion: true,
      targetHeightM: s.targetHeightM,
      arcStepDeg: s.arcStepDeg,
      sessions: options.sessions,
      onProgress: (d) => options.onProgress?.('footprints', d, cameras.length),
    });
  } finally {
    await restoreAfterBulkLoad(pool, ['camera_footprints']);
  }
  for (const f of fp.failures)
    issues.push({
      kind: 'footprint_failed',
      cameraId: f.cameraId,
      message: `camera ${f.cameraId}: footprint could not be stored (${f.message})`,
    });
  await pool.query('ANALYZE camera_footprints');
  phase('footprints');

  await pool.query('TRUNCATE coverage_adhoc');
  // One as-of date for the design results and the history rows that reuse them.
  const today = engineToday(s);
  const rebuilt = await rebuildAllResults(pool, s, {
    today,
    sessions: options.sessions,
    history: options.history !== false,
    reasons: { cameras, buildings },
    onProgress: (d) => options.onProgress?.('targets', d, parts),
    onPhase: (name) => {
      if (name === 'shards') phase('targets');
      if (name === 'blindSpots') phase('blind_spots');
      if (name === 'history') phase('history');
    },
  });
  // Dates read the daily history only when this recompute wrote all of it.
  const historyComplete = options.history !== false && rebuilt.historyFailures.length === 0;
  await setHistoryComplete(pool, historyComplete);
  // The daily series of the rates, so that the first date asked for is a lookup too.
  if (historyComplete) {
    await buildRateSeries(pool, s.coveredShare);
    phase('series');
    // Every set of working cameras the status records give a part, evaluated once: "now" of a
    // past date then looks its parts up.
    const memo = await fillSubsetMemo(pool, {
      sessions: options.sessions,
      onProgress: (d, n) => options.onProgress?.('now_memo', d, n),
    });
    for (const f of memo.failures)
      issues.push({
        kind: 'part_failed',
        message: `target part ${f.id}: could not be evaluated with some of its cameras down (${f.message})`,
      });
    phase('now_memo');
  }
  for (const f of rebuilt.partFailures)
    issues.push({ kind: 'part_failed', message: `target part ${f.id}: could not be evaluated (${f.message})` });
  for (const f of rebuilt.blindSpotFailures)
    issues.push({ kind: 'blind_spot_failed', targetId: f.id, message: `target ${f.id}: blind spots could not be derived (${f.message})` });
  for (const f of rebuilt.historyFailures)
    issues.push({ kind: 'history_failed', message: `target part ${f.id}: history could not be computed (${f.message})` });
  // The pass judged the pieces it cut; the targets SQL derived are judged here.
  const counts = rebuilt.reasonCounts ?? emptyReasonCounts();
  if (rebuilt.sqlTargets.length > 0) {
    for (const mode of ['design', 'now'] as const) {
      const more = await assignReasons(pool, [mode], rebuilt.sqlTargets, cameras, buildings, s);
      for (const [k, v] of Object.entries(more)) counts[mode][k as BlindSpotReason] += v;
    }
  }
  const { design, now } = counts;
  phase('reasons');

  await recordIssues(pool, issues);
  return {
    parts,
    cameras: cameras.length,
    footprints: fp.rows,
    levels: levels.map((l) => l.level),
    blindSpots: { design, now },
    issues,
    phasesMs,
    footprintComputeMs: Math.round(fp.computeMs),
  };
}
