// Gives each blind spot its reason: sample points of every piece (blind-spot-points.sql), each
// judged in TypeScript against the cameras near it (reasons.ts), the most actionable reason of
// a piece's samples wins, and only the pieces whose reason changes are written.
// The full recompute cuts the pieces into id ranges worked by two sessions at once, so that
// reading points, judging and writing overlap (the database half is most of the cost).
import type pg from 'pg';
import { isPool } from '../db/connect';
import { blindReason, CameraIndex, cameraReachM, warmSightGrid, type BlindReason, type PointMemo, type ReasonContext } from './reasons';
import type { BuildingIndex, SceneCamera } from './scene';
import { levelPpm, type CoverageSettings } from './settings';
import { loadSql } from '../db/sql';

type Mode = 'design' | 'now';

/** "Seen with too little detail" starts at the lowest level of either standard (monitor). */
export const REASON_MIN_PPM = 12.5;
/** A camera further away does not explain a gap usefully (and would dominate the cost). */
export const REASON_SEARCH_M = 400;

/** How far from a camera a blind spot's reason can depend on it (its reach, capped). */
export function reasonRadiusM(cam: SceneCamera): number {
  return Math.min(REASON_SEARCH_M, cameraReachM(cam, REASON_MIN_PPM));
}

/** Builds the reach grid and the sight-line grid now (server start), not in the first refresh. */
export function warmReasonIndex(index: CameraIndex, buildings: BuildingIndex): void {
  index.reaching(0, 0, REASON_MIN_PPM, REASON_SEARCH_M);
  warmSightGrid(buildings);
}

const read = (name: string) => loadSql(import.meta.url, `${name}.sql`);
const POINTS_SQL = read('blind-spot-points');
const UPDATE_SQL = read('update-reasons');
const COUNT_DOWN_SQL = read('count-down-spots');
const ID_RANGE_SQL = read('blind-spot-id-range');

/** Most actionable first: when samples of one piece disagree, the earlier reason wins. */
export const REASON_ORDER: BlindReason[] = ['camera_down', 'occluded', 'near_blind_zone', 'low_detail', 'no_camera'];
const RANK = new Map(REASON_ORDER.map((r, i) => [r, i]));

/** Whether reason `a` explains a gap better (is more actionable) than `b`. */
export function outranks(a: BlindReason, b: BlindReason): boolean {
  return RANK.get(a)! < RANK.get(b)!;
}

/** Pieces per id range in the full recompute (a few ranges per session keep both busy). */
const RANGE_PIECES = 8000;
const SESSIONS = 2;

export interface PointRow {
  id: number;
  mode: Mode;
  x: number;
  y: number;
  level: string | null;
}

type Db = pg.Pool | pg.PoolClient;

// The full recompute judges design and now in two calls with the same camera list: index it
// (and build its reach grid) once.
const indexes = new WeakMap<SceneCamera[], CameraIndex>();
export function cameraIndexOf(cameras: SceneCamera[]): CameraIndex {
  let index = indexes.get(cameras);
  if (index === undefined) indexes.set(cameras, (index = new CameraIndex(cameras)));
  return index;
}

/**
 * The reasons of one piece in each of its modes, from its sample points (in each mode the most
 * actionable of theirs).
 */
export type PieceJudge = (modes: readonly Mode[], points: ReadonlyArray<readonly [number, number]>, level: string) => BlindReason[];

/**
 * A judge over these cameras and buildings, as assignReasons judges stored pieces: the city pass
 * gives its pieces their reasons before storing them. A point judged in both modes is looked at
 * once (PointMemo). `searchRadiusM` (default: from these cameras) must come from the whole city
 * when `cameras` is only the part of it near some pieces.
 */
export function pieceJudge(
  cameras: SceneCamera[] | CameraIndex,
  buildings: BuildingIndex,
  s: CoverageSettings,
  searchRadiusM?: number,
): PieceJudge {
  const index = cameras instanceof CameraIndex ? cameras : cameraIndexOf(cameras);
  const minPpm = REASON_MIN_PPM;
  const radius = searchRadiusM ?? reasonSearchRadiusM(index);
  const ctxOf = (mode: Mode): ReasonContext => ({
    cameras: index,
    buildings,
    targetHeightM: s.targetHeightM,
    searchRadiusM: radius,
    mode,
    minPpm,
  });
  const ctx = { design: ctxOf('design'), now: ctxOf('now') };
  const ppm = new Map<string, number>();
  const memo: PointMemo = new Map();
  return (modes, points, level) => {
    let required = ppm.get(level);
    if (required === undefined) ppm.set(level, (required = levelPpm(s, level) ?? 62.5));
    const best: Array<BlindReason | undefined> = modes.map(() => undefined);
    for (const [x, y] of points) {
      memo.clear();
      modes.forEach((mode, k) => {
        // camera_down is first in the order: no other sample can beat it.
        if (best[k] === 'camera_down') return;
        const reason = blindReason(ctx[mode], x, y, required, memo);
        if (best[k] === undefined || outranks(reason, best[k]!)) best[k] = reason;
      });
    }
    return best.map((r) => r ?? 'no_camera');
  };
}

/** How far from a piece a camera can explain it: its reach at the lowest density, at most 400 m. */
export function reasonSearchRadiusM(index: CameraIndex): number {
  return Math.min(REASON_SEARCH_M, index.maxReachM(REASON_MIN_PPM));
}

export interface AssignOptions {
  /** Adds the milliseconds of each step (points, judge, write, count). */
  timings?: Record<string, number>;
  /** Count the pieces already split out as camera_down (default true; a refresh needs no counts). */
  countDown?: boolean;
  /** The sample points of the targets' blind spots, when the caller already has them. */
  points?: PointRow[];
  /** Pieces per id range when a full run is spread over sessions (tests use small ranges). */
  rangePieces?: number;
}

export async function assignReasons(
  db: Db,
  modes: Mode[],
  targetIds: number[] | null,
  cameras: SceneCamera[] | CameraIndex,
  buildings: BuildingIndex,
  s: CoverageSettings,
  o: AssignOptions = {},
): Promise<Record<BlindReason, number>> {
  const index = cameras instanceof CameraIndex ? cameras : cameraIndexOf(cameras);
  const minPpm = REASON_MIN_PPM;
  const searchRadiusM = reasonSearchRadiusM(index);
  const timings = o.timings;
  const ctxOf = (mode: Mode): ReasonContext => ({ cameras: index, buildings, targetHeightM: s.targetHeightM, searchRadiusM, mode, minPpm });
  const ctx = { design: ctxOf('design'), now: ctxOf('now') };
  const counts: Record<BlindReason, number> = { no_camera: 0, occluded: 0, low_detail: 0, near_blind_zone: 0, camera_down: 0 };
  const lap = (name: string, since: number) => {
    if (timings !== undefined) timings[name] = (timings[name] ?? 0) + performance.now() - since;
  };
  // A full recompute inserted every piece as no_camera; a refresh re-judges pieces that may
  // already carry another reason, so there every judgement is written (unchanged rows are skipped).
  const writeAll = targetIds !== null;

  const work = async (client: Db, range: [number, number] | null) => {
    let t = performance.now();
    const rows = o.points ?? (await client.query<PointRow>(POINTS_SQL, [modes, targetIds, range?.[0] ?? null, range?.[1] ?? null])).rows;
    lap('points', t);
    t = performance.now();
    const cpu = process.cpuUsage();
    const best = new Map<number, BlindReason>();
    for (const r of rows) {
      const prev = best.get(r.id);
      // camera_down is first in the order: no other sample of the piece can beat it.
      if (prev === 'camera_down') continue;
      const reason = blindReason(ctx[r.mode], r.x, r.y, levelPpm(s, r.level ?? '') ?? 62.5);
      if (prev === undefined || outranks(reason, prev)) best.set(r.id, reason);
    }
    const ids: number[] = [];
    const reasons: BlindReason[] = [];
    for (const [id, reason] of best) {
      counts[reason]++;
      if (writeAll || reason !== 'no_camera') {
        ids.push(id);
        reasons.push(reason);
      }
    }
    lap('judge', t);
    // The judgement is synchronous: its CPU time is what it costs on an idle machine.
    if (timings !== undefined) timings.judgeCpu = (timings.judgeCpu ?? 0) + process.cpuUsage(cpu).user / 1000;
    t = performance.now();
    for (let i = 0; i < ids.length; i += 20000) {
      const part = ids.slice(i, i + 20000);
      let lo = Infinity;
      let hi = -Infinity;
      for (const id of part) {
        if (id < lo) lo = id;
        if (id > hi) hi = id;
      }
      await client.query(UPDATE_SQL, [part, reasons.slice(i, i + 20000), lo, hi]);
    }
    lap('write', t);
  };

  const t = performance.now();
  if (modes.includes('now') && o.countDown !== false)
    counts.camera_down = (await db.query<{ n: number }>(COUNT_DOWN_SQL, [targetIds])).rows[0]!.n;
  lap('count', t);
  if (targetIds !== null || !isPool(db)) {
    await work(db, null);
    return counts;
  }
  const { lo, hi, n } = (await db.query<{ lo: number | null; hi: number | null; n: number }>(ID_RANGE_SQL, [modes])).rows[0]!;
  if (lo === null || hi === null) return counts;
  const step = Math.max(1, Math.ceil(((hi - lo + 1) * (o.rangePieces ?? RANGE_PIECES)) / Math.max(1, n)));
  const ranges: Array<[number, number]> = [];
  for (let a = lo; a <= hi; a += step) ranges.push([a, a + step]);
  let next = 0;
  const worker = async () => {
    const client = await db.connect();
    try {
      for (let i = next++; i < ranges.length; i = next++) await work(client, ranges[i]!);
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: Math.min(SESSIONS, ranges.length) }, worker));
  return counts;
}
