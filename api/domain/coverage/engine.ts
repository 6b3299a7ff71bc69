// The steps shared by the full recompute and the incremental refreshes: evaluate parts for a
// mode, derive their targets' blind spots, and give each blind spot its reason.
import type pg from 'pg';
import type { LevelRequest } from '../../../gis-data/footprint';
import { blindReason, CameraIndex, type BlindReason, type ReasonContext } from './reasons';
import { runBatches, type BatchFailure, type BatchOptions } from './run-batches';
import type { BuildingIndex, SceneCamera } from './scene';
import { levelPpm, type CoverageSettings } from './settings';
import { SQL } from './sql';

export type Mode = 'design' | 'now';

/** Most actionable first: when samples of one piece disagree, the earlier reason wins. */
const REASON_ORDER: BlindReason[] = ['camera_down', 'occluded', 'near_blind_zone', 'low_detail', 'no_camera'];

export interface IssueRow {
  kind: string;
  cameraId?: number;
  targetId?: number;
  message: string;
}

export async function recordIssues(db: pg.Pool | pg.PoolClient, issues: IssueRow[]): Promise<void> {
  if (issues.length === 0) return;
  await db.query(SQL.insertIssues, [issues.map((i) => i.kind), issues.map((i) => i.cameraId ?? null), issues.map((i) => i.targetId ?? null), issues.map((i) => i.message)]);
}

export async function levelsInUse(db: pg.Pool | pg.PoolClient, settings: CoverageSettings, extra: string[] = []): Promise<LevelRequest[]> {
  const { rows } = await db.query<{ level: string }>(SQL.levelsInUse);
  const names = new Set([...rows.map((r) => r.level), ...extra]);
  const out: LevelRequest[] = [];
  for (const name of names) {
    const ppm = levelPpm(settings, name);
    if (ppm !== undefined) out.push({ level: name, ppm });
  }
  return out;
}

/** Design results for the parts, then "now" results (copied where every camera works). */
export async function evaluateParts(pool: pg.Pool, partIds: number[] | null, allIds: () => Promise<number[]>, o: BatchOptions = {}): Promise<BatchFailure[]> {
  const ids = partIds ?? (await allIds());
  const today = new Date().toISOString().slice(0, 10);
  const failures = await runBatches(pool, SQL.storeResults, ids, (b) => [b, 'design', false, today], o);
  const { rows } = await pool.query<{ id: number }>(SQL.copyNowResults, [partIds]);
  const nowIds = rows.map((r) => r.id);
  failures.push(...(await runBatches(pool, SQL.storeResults, nowIds, (b) => [b, 'now', true, today], { ...o, onProgress: undefined })));
  return failures;
}

export async function deriveBlindSpots(db: pg.Pool | pg.PoolClient, mode: Mode, targetIds: number[] | null, s: CoverageSettings): Promise<void> {
  await db.query(SQL.deleteBlindSpots, [mode, targetIds]);
  await db.query(SQL.insertBlindSpots, [mode, targetIds, s.coveredShare, s.minGapM, s.minSliverM2]);
}

/**
 * Every target's blind spots for both modes, from scratch: the table is emptied, then targets
 * are cut in batches spread over several sessions (one statement over all targets would run
 * on one core). Returns the targets whose derivation failed.
 */
export async function deriveAllBlindSpots(pool: pg.Pool, s: CoverageSettings, o: BatchOptions = {}): Promise<BatchFailure[]> {
  await pool.query('TRUNCATE coverage_blind_spots');
  const { rows } = await pool.query<{ id: number }>('SELECT DISTINCT target_id::int AS id FROM coverage_target_parts ORDER BY 1');
  return runBatches(pool, SQL.insertBlindSpotsBatch, rows.map((r) => r.id), (b) => [b, ['design', 'now'], s.coveredShare, s.minGapM, s.minSliverM2], { batchSize: 1000, ...o });
}

export async function assignReasons(db: pg.Pool | pg.PoolClient, modes: Mode[], targetIds: number[] | null, cameras: SceneCamera[] | CameraIndex, buildings: BuildingIndex, s: CoverageSettings, timings?: Record<string, number>): Promise<Record<BlindReason, number>> {
  let T = performance.now();
  const lap = (name: string) => {
    if (timings !== undefined) timings[name] = (timings[name] ?? 0) + performance.now() - T;
    T = performance.now();
  };
  const { rows } = await db.query<{ id: number; mode: Mode; x: number; y: number; level: string | null }>(SQL.blindSpotPoints, [modes, targetIds]);
  lap('points');
  const index = cameras instanceof CameraIndex ? cameras : new CameraIndex(cameras);
  // "Seen with too little detail" starts at the lowest level of either standard (monitor).
  const minPpm = 12.5;
  // A camera further than 400 m away does not explain a gap usefully (and would dominate the cost).
  const searchRadiusM = Math.min(400, index.maxReachM(minPpm));
  const ctxOf = (mode: Mode): ReasonContext => ({ cameras: index, buildings, targetHeightM: s.targetHeightM, searchRadiusM, mode, minPpm });
  const ctx = { design: ctxOf('design'), now: ctxOf('now') };
  const counts: Record<BlindReason, number> = { no_camera: 0, occluded: 0, low_detail: 0, near_blind_zone: 0, camera_down: 0 };
  if (modes.includes('now')) {
    const down = await db.query<{ n: number }>(SQL.countDownSpots, [targetIds]);
    counts.camera_down = down.rows[0]!.n;
  }
  const best = new Map<number, BlindReason>();
  const rank = (r: BlindReason) => REASON_ORDER.indexOf(r);
  for (const r of rows) {
    const prev = best.get(r.id);
    // The most actionable reason wins and camera_down is first: no other sample can beat it.
    if (prev === 'camera_down') continue;
    const reason = blindReason(ctx[r.mode], r.x, r.y, levelPpm(s, r.level ?? '') ?? 62.5);
    if (prev === undefined || rank(reason) < rank(prev)) best.set(r.id, reason);
  }
  lap('judge');
  // A full recompute inserted every piece as no_camera; a refresh re-judges pieces that may
  // already carry another reason, so there every judgement is written (unchanged rows are skipped).
  const writeAll = targetIds !== null;
  const ids: number[] = [];
  const reasons: BlindReason[] = [];
  for (const [id, reason] of best) {
    counts[reason]++;
    if (writeAll || reason !== 'no_camera') {
      ids.push(id);
      reasons.push(reason);
    }
  }
  for (let i = 0; i < ids.length; i += 20000) await db.query(SQL.updateReasons, [ids.slice(i, i + 20000), reasons.slice(i, i + 20000)]);
  lap('write');
  return counts;
}
