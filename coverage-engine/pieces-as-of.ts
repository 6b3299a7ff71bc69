// The blind-spot pieces of another date or detail level, with their judged reasons, for the whole
// city (or one area) at once. Moving the time slider asks for the ranked list and a few map tiles
// of one date together; each used to cut (nearly) every part of the city and judge its pieces
// again: three times the same work, ~2 s each on the demo county. Now the pieces are computed
// once per (date, now, level, area) and kept in a PiecesAsOfCache: the list pages through them
// (blind-spots.ts), the tiles clip them (api/domain/tiles/blind-spots-as-of.ts), so both show
// the same pieces and reasons by construction.
import type pg from 'pg';
import { cancellableQuery } from '../db/cancellable-query';
import { isPool } from '../db/connect';
import { loadSql } from '../db/sql';
import type { BlindSpotReason } from '../gis-data/coverage/blind-spot-reasons';
import { pieceJudge } from './judge-pieces';
import type { PiecesAsOfCache, TargetMemo } from './pieces-as-of-cache';
import { engineToday, type CoverageSettings } from './settings';

const PIECES_SQL = loadSql(import.meta.url, 'pieces-as-of.sql');
const TARGET_CANDIDATES_SQL = loadSql(import.meta.url, 'target-candidates.sql');

interface CandidateRow {
  part_id: number;
  target_id: number;
  cameras: number[];
  installed: Array<string | null>;
  removed: Array<string | null>;
}

/**
 * target-cameras-as-of.sql's answer (per target, "part:camera,camera;part:…" of the footprints
 * that may cut its parts on the date) from the candidates every date shares, kept by `shared`:
 * only the date's service and (for now) health filters run per date. A test holds the two equal
 * (the SQL, a query per date, took 80-110 ms on the demo county and 1.0-1.4 s at M).
 */
export async function targetCameras(
  db: pg.Pool | pg.PoolClient,
  q: PiecesAsOfQuery,
  shared: <T>(key: string, load: () => Promise<T>) => Promise<T>,
): Promise<Array<{ target_id: number; cameras: string }>> {
  const [candidates, today] = await Promise.all([
    shared(
      `candidates|${q.area ?? ''}|${q.level ?? ''}`,
      async () => (await db.query<CandidateRow>(TARGET_CANDIDATES_SQL, [q.area ?? null, q.level ?? null])).rows,
    ),
    db.query<{ d: string }>('SELECT xl_today()::text AS d').then((r) => r.rows[0]!.d),
  ]);
  const day = q.asOf ?? today;
  let working: Set<number> | null = null;
  if (q.now) {
    const { rows } =
      day >= today
        ? await db.query<{ id: number }>('SELECT camera_id::int AS id FROM camera_status WHERE working')
        : await db.query<{ id: number }>('SELECT camera_id::int AS id FROM xl_cameras_working($1::date)', [day]);
    working = new Set(rows.map((r) => r.id));
  }
  const out: Array<{ target_id: number; cameras: string }> = [];
  let current: { target_id: number; cameras: string } | undefined;
  for (const c of candidates) {
    const ids: number[] = [];
    for (let i = 0; i < c.cameras.length; i++) {
      const installed = c.installed[i];
      const removed = c.removed[i];
      if (installed != null && installed > day) continue;
      if (removed != null && removed <= day) continue;
      if (working !== null && !working.has(c.cameras[i]!)) continue;
      ids.push(c.cameras[i]!);
    }
    const part = `${c.part_id}:${ids.join(',')}`;
    if (current?.target_id === c.target_id) current.cameras += `;${part}`;
    else {
      current = { target_id: c.target_id, cameras: part };
      out.push(current);
    }
  }
  return out;
}

/** Which pieces: cameras standing on `asOf` (default today), `now`: only those working then. */
export interface PiecesAsOfQuery {
  asOf?: string;
  now: boolean;
  /** A detail level for every target instead of each target's required level. */
  level?: string;
  /** An admin area code: only the parts in it (and its sub-areas) are cut, as the list filters. */
  area?: string;
}

export type PiecesSettings = Pick<CoverageSettings, 'coveredShare' | 'minGapM' | 'minSliverM2' | 'timeZone'>;

export interface PieceAsOf {
  targetId: number;
  class: string;
  areaId: number | null;
  priority: number;
  /** Judged like a stored piece's; null only when computed through a single client (no scene). */
  reason: BlindSpotReason | null;
  /** Metres for roads, square metres otherwise. */
  measure: number;
  score: number;
  level: string;
  /** The piece in the data's metric coordinates, as EWKB (lossless). */
  geomM: Buffer;
  /** Its bounding box in metric coordinates: [xmin, ymin, xmax, ymax]. */
  boxM: [number, number, number, number];
  /** Where its reason was judged (planar metres); empty when it has no sample point. */
  samplesM: Array<[number, number]>;
}

/** Ranked as the list ranks them (score, target, position). */
export interface PiecesAsOf {
  pieces: PieceAsOf[];
}

interface Row {
  target_id: number;
  class: string;
  area_id: number | null;
  priority: number;
  reason: BlindSpotReason | null;
  measure: number;
  score: number;
  level: string;
  geom: Buffer;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  samples: Array<[number, number]> | null;
}

// The pieces are cut in this many queries side by side (targets split by id): the cut is most of
// a date's cost, and one query uses one of the database's cores.
const SHARES = 2;

/**
 * Computes the pieces (SHARES queries, then their reasons in TypeScript). With `memo` (the
 * cache's, shared by every date), only the targets cut by cameras not met before are cut: a
 * slider's next date differs from the last in a few cameras, and the rest of the city's pieces
 * are the same (the same parts cut by the same footprints).
 */
export async function computePiecesAsOf(
  db: pg.Pool | pg.PoolClient,
  q: PiecesAsOfQuery,
  s: PiecesSettings,
  memo?: TargetMemo,
  stop?: AbortSignal,
): Promise<PiecesAsOf> {
  // Through a pool the queries can be cancelled when `stop` aborts (each on its own connection).
  const query = <R extends pg.QueryResultRow>(sql: string, params: unknown[]) =>
    isPool(db) && stop !== undefined ? cancellableQuery<R>(db, sql, params, stop) : db.query<R>(sql, params);
  const when = { ...(q.asOf === undefined ? {} : { asOf: q.asOf }), now: q.now };
  // A single client runs one query at a time (and has no scene to judge in): one share.
  const shares = isPool(db) ? SHARES : 1;
  const judging = isPool(db) ? pieceJudge(db, when) : undefined;
  // Judging may fail while a share is still running: wait for all, then report the first error.
  judging?.catch(() => {});
  const known: Row[] = [];
  let todo: number[] | null = null;
  const keyOf = new Map<number, string>();
  if (memo !== undefined) {
    const cams = await targetCameras(db, q, memo.shared.bind(memo));
    todo = [];
    for (const t of cams) {
      // The level named (or each part's own) and the thresholds make the rest of the cut.
      const key = [t.target_id, q.level ?? '', s.coveredShare, s.minGapM, s.minSliverM2, t.cameras].join('|');
      const hit = memo.get(key) as Row[] | undefined;
      if (hit === undefined) {
        todo.push(t.target_id);
        keyOf.set(t.target_id, key);
      } else known.push(...hit);
    }
  }
  const parts =
    todo !== null && todo.length === 0
      ? []
      : await Promise.all(
          Array.from({ length: shares }, (_, k) =>
            query<Row>(PIECES_SQL, [
              q.asOf ?? null,
              q.area ?? null,
              q.now,
              q.level ?? null,
              s.coveredShare,
              s.minGapM,
              s.minSliverM2,
              shares,
              k,
              todo,
            ]),
          ),
        );
  const fresh = parts.flatMap((r) => r.rows);
  if (memo !== undefined) {
    const byTarget = new Map<number, Row[]>(todo!.map((id) => [id, []]));
    for (const r of fresh) byTarget.get(r.target_id)?.push(r);
    for (const [id, rows] of byTarget) memo.set(keyOf.get(id)!, rows);
  }
  // The shares' rankings merged into the one the list had (pieces-as-of.sql's ORDER BY).
  const rows = [...known, ...fresh].sort((a, b) => b.score - a.score || a.target_id - b.target_id || a.x0 - b.x0 || a.y0 - b.y0);
  const pieces: PieceAsOf[] = rows.map((r) => ({
    targetId: r.target_id,
    class: r.class,
    areaId: r.area_id,
    priority: r.priority,
    reason: r.reason,
    measure: r.measure,
    score: r.score,
    level: r.level,
    geomM: r.geom,
    boxM: [r.x0, r.y0, r.x1, r.y1],
    samplesM: r.samples ?? [],
  }));
  // Every piece with sample points is judged like a stored one: the SQL's 'no_camera' only means
  // no footprint at the level touches the target, while a camera may still see it with too
  // little detail. Without a pool (a single client) there is no scene to judge in.
  if (judging !== undefined) {
    stop?.throwIfAborted();
    const open = rows.flatMap((r, i) => (r.samples !== null ? [i] : []));
    const reasons = (await judging)(open.map((i) => ({ level: pieces[i]!.level, samples: pieces[i]!.samplesM })));
    open.forEach((i, k) => {
      pieces[i]!.reason = reasons[k]!;
    });
  }
  return { pieces };
}

/**
 * The pieces from `cache` when given (computed once for concurrent and later requests until an
 * input changes), else computed now. Through a single client nothing is cached (no reasons).
 * With `signal`, this request may give up; the computation stops once every request has.
 */
export function piecesAsOf(
  db: pg.Pool | pg.PoolClient,
  q: PiecesAsOfQuery,
  s: PiecesSettings,
  cache?: PiecesAsOfCache,
  signal?: AbortSignal,
): Promise<PiecesAsOf> {
  if (cache === undefined || !isPool(db)) return computePiecesAsOf(db, q, s);
  // Thresholds are part of the key (a settings change also empties the cache); "today" is named
  // by its date, so the day's turn starts a new entry.
  const key = [q.asOf ?? `today ${engineToday(s)}`, q.now, q.level ?? '', q.area ?? '', s.coveredShare, s.minGapM, s.minSliverM2].join('|');
  return cache.get(key, q.now, (stop) => computePiecesAsOf(db, q, s, cache.targets(), stop), signal);
}
