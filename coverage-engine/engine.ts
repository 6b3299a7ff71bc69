// The steps shared by the full recompute and the incremental refreshes: evaluate parts for a
// mode, derive their targets' blind spots, and give each blind spot its reason.
import type pg from 'pg';
import type { LevelRequest } from '../gis-data/footprint';
import { copyBinaryWriter } from '../db/copy-binary';
import { datasetToday } from '../db/dataset-time';
import { writePieces, type Piece } from './gap-collector';
import { runBatches, type BatchFailure, type BatchOptions } from '../db/run-batches';
import { levelPpm, type CoverageSettings } from './settings';
import { SQL } from './sql';
import { dropForBulkLoad, restoreAfterBulkLoad } from './bulk-load';

export type Mode = 'design' | 'now';

export interface IssueRow {
  kind: string;
  cameraId?: number;
  targetId?: number;
  message: string;
}

export async function recordIssues(db: pg.Pool | pg.PoolClient, issues: IssueRow[]): Promise<void> {
  if (issues.length === 0) return;
  await db.query(SQL.insertIssues, [
    issues.map((i) => i.kind),
    issues.map((i) => i.cameraId ?? null),
    issues.map((i) => i.targetId ?? null),
    issues.map((i) => i.message),
  ]);
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
export async function evaluateParts(
  pool: pg.Pool,
  partIds: number[] | null,
  allIds: () => Promise<number[]>,
  o: BatchOptions & { today?: string } = {},
): Promise<BatchFailure[]> {
  const ids = partIds ?? (await allIds());
  const failures = await evaluateDesign(pool, ids, o);
  failures.push(...(await evaluateNow(pool, ids, o)));
  return failures;
}

export async function evaluateDesign(pool: pg.Pool, ids: number[], o: BatchOptions & { today?: string } = {}): Promise<BatchFailure[]> {
  const today = o.today ?? (await datasetToday(pool));
  return runBatches(pool, SQL.storeResults, ids, (b) => [b, 'design', false, today], o);
}

/** "Now" results of parts whose design results are stored. */
export async function evaluateNow(pool: pg.Pool, ids: number[], o: BatchOptions & { today?: string } = {}): Promise<BatchFailure[]> {
  const today = o.today ?? (await datasetToday(pool));
  // The copy writes a row per part: in batches over the sessions, like the evaluations.
  const nowIds: number[] = [];
  const onRows = (rows: unknown[]) => {
    for (const r of rows as Array<{ id: number }>) nowIds.push(r.id);
  };
  const failures = await runBatches(pool, SQL.copyNowResults, ids, (b) => [b], { ...o, batchSize: 10000, onProgress: undefined, onRows });
  failures.push(...(await runBatches(pool, SQL.storeResults, nowIds, (b) => [b, 'now', true, today], { ...o, onProgress: undefined })));
  return failures;
}

export async function deriveBlindSpots(
  db: pg.Pool | pg.PoolClient,
  mode: Mode,
  targetIds: number[] | null,
  s: CoverageSettings,
): Promise<void> {
  await db.query(SQL.deleteBlindSpots, [mode, targetIds]);
  await db.query(SQL.insertBlindSpots, [mode, targetIds, s.coveredShare, s.minGapM, s.minSliverM2]);
}

/**
 * Every target's blind spots for both modes, from scratch, in SQL (xl_insert_blind_spots; the
 * city pass cuts most of them itself and states the same rules): the table is emptied, then
 * targets are cut in batches spread over several sessions (one statement over all targets
 * would run on one core). Returns the targets whose derivation failed.
 */
export async function deriveAllBlindSpots(pool: pg.Pool, s: CoverageSettings, o: BatchOptions = {}): Promise<BatchFailure[]> {
  await pool.query('TRUNCATE coverage_blind_spots');
  await dropForBulkLoad(pool, ['coverage_blind_spots']);
  try {
    const ids = (await pool.query<{ id: number }>('SELECT DISTINCT target_id::int AS id FROM coverage_target_parts ORDER BY 1')).rows.map(
      (r) => r.id,
    );
    return await deriveBlindSpotsInSql(pool, ids, s, o);
  } finally {
    await restoreAfterBulkLoad(pool, ['coverage_blind_spots']);
  }
}

/**
 * Design blind spots of the targets, then "now": copied where every part's "now" result is its
 * design result (the common case: the cameras that see it all work), derived elsewhere.
 */
export async function deriveBlindSpotsInSql(pool: pg.Pool, ids: number[], s: CoverageSettings, o: BatchOptions): Promise<BatchFailure[]> {
  if (ids.length === 0) return [];
  const params = (mode: Mode) => (b: number[]) => [b, [mode], s.coveredShare, s.minGapM, s.minSliverM2];
  const failures = await runBatches(pool, SQL.insertBlindSpotsBatch, ids, params('design'), { batchSize: 1000, ...o });
  const same = new Set((await pool.query<{ id: number }>(SQL.targetsNowSame, [ids])).rows.map((r) => r.id));
  for (const f of failures) same.delete(f.id);
  await pool.query(SQL.copyDesignBlindSpots, [[...same]]);
  const rest = ids.filter((id) => !same.has(id));
  failures.push(
    ...(await runBatches(pool, SQL.insertBlindSpotsBatch, rest, params('now'), { batchSize: 1000, ...o, onProgress: undefined })),
  );
  return failures;
}

/** Loads blind-spot pieces cut in TypeScript (binary COPY into blind-spot-stage.sql's table) on one session. */
export async function loadBlindSpotPieces(client: pg.ClientBase, pieces: Iterable<Piece>): Promise<void> {
  await client.query(SQL.blindSpotStage);
  const w = copyBinaryWriter(client, 'COPY bs_stage FROM STDIN (FORMAT binary)');
  await writePieces(w, pieces);
  await w.end();
  await client.query(SQL.insertStagedBlindSpots);
  await client.query('DROP TABLE bs_stage');
}

// Reasons live in assign-reasons.ts (the reasons engineer's); re-exported for existing callers.
export { assignReasons } from './assign-reasons';
