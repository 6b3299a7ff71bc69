// Gives each stored blind spot its reason: the sample points of every piece (blind-spot-points.sql)
// judged by the one rule (gis-data/coverage/blind-spot-reasons.ts, which the city pass and the
// pieces of other dates use too), and only the pieces whose reason changes are written.
// The full recompute cuts the pieces into id ranges worked by two sessions at once, so that
// reading points, judging and writing overlap (the database half is most of the cost).
import type pg from 'pg';
import { isPool } from '../db/connect';
import { pieceJudge, zeroReasonCounts, type BlindSpotReason } from '../gis-data/coverage/blind-spot-reasons';
import type { CameraIndex } from '../gis-data/coverage/camera-index';
import type { BuildingIndex, SceneCamera } from './scene';
import { levelPpm, type CoverageSettings } from './settings';
import { loadSql } from '../db/sql';

type Mode = 'design' | 'now';

const read = (name: string) => loadSql(import.meta.url, `${name}.sql`);
const POINTS_SQL = read('blind-spot-points');
const UPDATE_SQL = read('update-reasons');
const COUNT_DOWN_SQL = read('count-down-spots');
const ID_RANGE_SQL = read('blind-spot-id-range');

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

/** The blind-spot judge with the coverage settings' target height and levels. */
export function settingsJudge(
  cameras: SceneCamera[] | CameraIndex,
  buildings: BuildingIndex,
  s: CoverageSettings,
  searchRadiusM?: number,
): ReturnType<typeof pieceJudge> {
  return pieceJudge(cameras, buildings, {
    targetHeightM: s.targetHeightM,
    requiredPpm: (level) => levelPpm(s, level),
    ...(searchRadiusM === undefined ? {} : { searchRadiusM }),
  });
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
): Promise<Record<BlindSpotReason, number>> {
  const judge = settingsJudge(cameras, buildings, s);
  const timings = o.timings;
  const counts = zeroReasonCounts();
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
    // The sample points of each piece (a piece has one mode and one level).
    const pieces = new Map<number, { mode: Mode; level: string; points: Array<[number, number]> }>();
    for (const r of rows) {
      const p = pieces.get(r.id);
      if (p === undefined) pieces.set(r.id, { mode: r.mode, level: r.level ?? '', points: [[r.x, r.y]] });
      else p.points.push([r.x, r.y]);
    }
    const best = new Map<number, BlindSpotReason>();
    for (const [id, p] of pieces) best.set(id, judge([p.mode], p.points, p.level)[0]!);
    const ids: number[] = [];
    const reasons: BlindSpotReason[] = [];
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
