// Every part's design and "now" result, every target's blind spots and (optionally) the month-end
// history in one pass, for the full recompute and the rebuild from stored footprints. PostGIS
// answers per part with a GiST probe and a GEOS difference (xl_part_coverage, which the
// incremental refresh uses; about 110–300 µs a part with the call overhead, 200,000 parts at
// city scale). Here the footprints and parts are read once with binary COPY, found with an
// in-memory packed R-tree, and:
// - roads are cut in one dimension (line-cover.ts): exact covered length and gaps, no overlay;
// - discs and polygons that no footprint touches, or that lie wholly inside one, are settled by
//   a boundary test (polygon-relation.ts);
// - only polygon parts that footprints partly cover are cut by a polygon overlay (Clipper2,
//   polygon-overlay.ts); a part it fails on is left to xl_part_coverage.
// Results are written with binary COPY (EWKB as it is); blind spots are cut by gap-collector.ts
// (and, in a full recompute, given their reasons before they are stored), history rows by
// part-history.ts. A large city runs in shards, one worker thread and session each (runShard).
// Rows agree with the SQL path (xl_part_coverage, xl_insert_blind_spots, store-history.sql,
// assignReasons) to rounding (areas to about 1e-4 m²); tests compare the two, also on real OSM
// data.
import { Worker } from 'node:worker_threads';
import Flatbush from 'flatbush';
import type pg from 'pg';
import { binary, copyBinaryWriter, copyOutBinary } from '../db/copy-binary';
import { emptyPolygonEwkb, lineStringsEwkb, polygonsEwkb, readWkb, wkbType, type FlatShape } from '../gis-data/coverage/flat-shape';
import {
  complementIntervals,
  cumulativeLengths,
  lineInsidePolygon,
  piecesLength,
  stretchesOf,
  subtractIntervals,
  unionIntervals,
  type Intervals,
} from '../gis-data/coverage/line-cover';
import type { Polyline } from '../gis-data/coverage/merge-lines';
import { subtractResults, uncoveredPart } from '../gis-data/coverage/polygon-overlay';
import { partRelation } from '../gis-data/coverage/polygon-relation';
import { deriveBlindSpotsInSql, evaluateDesign, evaluateNow, loadBlindSpotPieces } from './engine';
import {
  emptyReasonCounts,
  GapCollector,
  judgePieces,
  type PolygonGap,
  type PolygonGaps,
  type ReasonCounts,
  type TargetMeta,
} from './gap-collector';
import {
  cameraIndexOf,
  REASON_SEARCH_M,
  reasonSearchRadiusM,
  type BlindSpotReason,
  type PieceJudge,
} from '../gis-data/coverage/blind-spot-reasons';
import { settingsJudge } from './assign-reasons';
import { packObstacles, unpackObstacles, type PackedObstacles } from './packed-obstacles';
import { BuildingIndex, type SceneCamera } from './scene';
import { buildInParallel, dropForBulkLoad, restoreAfterBulkLoad, restoreStatements, type BulkTable } from './bulk-load';
import { HistoryRows, storeHistoryLeftovers, type Dated, type HistoryLeftovers } from './part-history';
import type { BatchFailure, BatchOptions } from '../db/run-batches';
import { engineToday, type CoverageSettings } from './settings';

interface Footprint extends Dated {
  cameraId: number;
  assumed: boolean;
  /** Installed by today and not removed (the design and "now" results count only these). */
  inService: boolean;
  working: boolean;
  shape: FlatShape;
}

interface LevelIndex {
  footprints: Footprint[];
  tree: Flatbush;
}

interface Part {
  id: number;
  meta: TargetMeta;
  partsInTarget: number;
  line: boolean;
  measure: number;
  ewkb: Buffer;
}

interface Result {
  covered: number;
  ids: number[];
  assumed: boolean;
  /** EWKB of the uncovered geometry. */
  ewkb: Uint8Array;
}

export interface EvaluateAllStats {
  parts: number;
  footprints: number;
  /** Parts settled without an overlay; polygon parts cut by the overlay (design, now); parts left to GEOS. */
  settled: number;
  overlayDesign: number;
  overlayNow: number;
  sqlParts: number;
  /** Shards the pass ran in (worker threads, or one in this thread). */
  shards: number;
  phasesMs: Record<string, number>;
}

// A shard reads the parts of its targets (by where they start, west to east) and the footprints
// in the box of those parts. COPY takes no parameters: the bounds are numbers formatted here.
const num = (v: number) => {
  if (!Number.isFinite(v)) throw new Error(`city pass: bound ${v} is not a finite number`);
  return String(v);
};
/** A day as a SQL literal for COPY (which takes no parameters); only YYYY-MM-DD passes. */
const day = (d: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`city pass: "${d}" is not a YYYY-MM-DD day`);
  return `'${d}'::date`;
};
// Each footprint with its camera's service dates and state, joined here: reading every camera
// separately in each shard and matching them up cost more than the join.
const footprintsQuery = (box: FlatShape['box'] | null, srid: number, today: string) =>
  `SELECT f.camera_id, f.level, f.assumed,
  (c.install_date IS NULL OR c.install_date <= ${day(today)}) AND (c.removal_date IS NULL OR c.removal_date > ${day(today)}),
  coalesce(s.working, false), c.install_date::text, c.removal_date::text, ST_AsBinary(f.geom_m)
FROM camera_footprints f JOIN cameras c ON c.id = f.camera_id LEFT JOIN camera_status s ON s.camera_id = f.camera_id
WHERE f.occluded${box === null ? '' : ` AND f.geom_m && ST_MakeEnvelope(${box.map(num).join(', ')}, ${num(srid)})`}`;
const partsQuery = (xFrom: number | null, xTo: number | null) => {
  const bounds = [
    xFrom === null ? null : `min(ST_XMin(geom_m)) >= ${num(xFrom)}`,
    xTo === null ? null : `min(ST_XMin(geom_m)) < ${num(xTo)}`,
  ].filter((b) => b !== null);
  return `SELECT id, target_id, count(*) OVER (PARTITION BY target_id), class, admin_area_id, priority::float8,
  ST_Dimension(geom_m) = 1, required_level, measure, ST_AsEWKB(geom_m) FROM coverage_target_parts${
    bounds.length === 0
      ? ''
      : ` WHERE target_id IN (SELECT target_id FROM coverage_target_parts GROUP BY target_id HAVING ${bounds.join(' AND ')})`
  }`;
};
/** Where shards meet: the x at which the targets' starts split into `n` equal groups. */
const SHARD_CUTS = `SELECT percentile_disc($1::float8[]) WITHIN GROUP (ORDER BY x) AS cuts
FROM (SELECT min(ST_XMin(geom_m)) AS x FROM coverage_target_parts GROUP BY target_id) t`;
async function loadIndexes(client: pg.ClientBase, query: string): Promise<{ levels: Map<string, LevelIndex>; count: number }> {
  const byLevel = new Map<string, Footprint[]>();
  let count = 0;
  await copyOutBinary(client, query, (row) => {
    const level = binary.text(row, 1);
    const list = byLevel.get(level) ?? [];
    if (list.length === 0) byLevel.set(level, list);
    list.push({
      cameraId: binary.int8(row, 0),
      assumed: binary.bool(row, 2),
      inService: binary.bool(row, 3),
      working: binary.bool(row, 4),
      install: binary.isNull(row, 5) ? null : binary.text(row, 5),
      removal: binary.isNull(row, 6) ? null : binary.text(row, 6),
      shape: readWkb(row.buf, row.start[7]!),
    });
    count++;
  });
  const levels = new Map<string, LevelIndex>();
  for (const [level, footprints] of byLevel) {
    const tree = new Flatbush(footprints.length);
    for (const f of footprints) tree.add(f.shape.box[0], f.shape.box[1], f.shape.box[2], f.shape.box[3]);
    tree.finish();
    levels.set(level, { footprints, tree });
  }
  return { levels, count };
}

const bare = (p: Part): Result => ({ covered: 0, ids: [], assumed: false, ewkb: p.ewkb });

interface LineOutcome {
  design: Result;
  now: Result;
  /** Uncovered stretches in design, and the stretches only cameras now down see. */
  designGaps: Polyline[];
  downStretches: Polyline[];
}

/**
 * Design and now results of a road part (its line strings cut one by one), and its history
 * rows when `history` is given. `candidates` are every camera's footprints near it, whatever
 * their service dates.
 */
function evaluateLine(p: Part, shape: FlatShape, candidates: Footprint[], srid: number, history?: HistoryRows): LineOutcome {
  const cum = cumulativeLengths(shape);
  // Per footprint that meets the part: the covered intervals of each member line string.
  const all: Array<{ f: Footprint; members: Intervals[] }> = [];
  for (const f of candidates) {
    const members: Intervals[] = [];
    let touches = false;
    let start = 0;
    for (const end of shape.ends) {
      const c = lineInsidePolygon(shape, start, end, cum, f.shape);
      touches ||= c.touches;
      members.push(c.intervals);
      start = end;
    }
    if (touches) all.push({ f, members });
  }
  all.sort((a, b) => a.f.cameraId - b.f.cameraId);
  const cuts = all.filter((c) => c.f.inService);
  const working = cuts.filter((c) => c.f.working);
  const designGaps: Polyline[] = [];
  const nowGaps: Polyline[] = [];
  const downStretches: Polyline[] = [];
  let start = 0;
  shape.ends.forEach((end, m) => {
    const total = cum[end - 1]!;
    const d = unionIntervals(cuts.map((c) => c.members[m]!));
    for (const g of stretchesOf(shape, start, end, cum, complementIntervals(d, total))) designGaps.push(g);
    if (working.length !== cuts.length) {
      const n = unionIntervals(working.map((c) => c.members[m]!));
      for (const g of stretchesOf(shape, start, end, cum, complementIntervals(n, total))) nowGaps.push(g);
      for (const g of stretchesOf(shape, start, end, cum, subtractIntervals(d, n))) downStretches.push(g);
    }
    start = end;
  });
  const result = (use: typeof cuts, gaps: Polyline[]): Result =>
    use.length === 0
      ? bare(p)
      : {
          covered: Math.max(0, p.measure - piecesLength(gaps)),
          ids: use.map((c) => c.f.cameraId),
          assumed: use.some((c) => c.f.assumed),
          ewkb: lineStringsEwkb(gaps, srid),
        };
  const design = result(cuts, designGaps);
  history?.add(
    p.id,
    all.map((c) => c.f),
    design.covered,
    (mask) => {
      let gap = 0;
      shape.ends.forEach((end, m) => {
        const covered = unionIntervals(all.filter((_, k) => mask[k]).map((c) => c.members[m]!));
        let inside = 0;
        for (let i = 0; i < covered.length; i += 2) inside += covered[i + 1]! - covered[i]!;
        gap += cum[end - 1]! - inside;
      });
      return Math.max(0, p.measure - gap);
    },
  );
  return { design, now: working.length === cuts.length ? design : result(working, nowGaps), designGaps, downStretches };
}

interface PolygonOutcome extends PolygonGaps {
  design: Result;
  now: Result;
}

/**
 * Design and now results of a polygon part, and its history rows when `history` is given. A
 * part no footprint touches, or that lies wholly inside one, is settled by the boundary test;
 * the rest are cut by Clipper (polygon-overlay.ts). 'sql' when the overlay failed: the part is
 * then left to xl_part_coverage (GEOS).
 */
function evaluatePolygon(p: Part, shape: FlatShape, candidates: Footprint[], srid: number, history?: HistoryRows): PolygonOutcome | 'sql' {
  const all: Array<{ f: Footprint; within: boolean }> = [];
  for (const f of candidates) {
    const rel = partRelation(shape, f.shape);
    if (rel !== 'disjoint') all.push({ f, within: rel === 'within' });
  }
  all.sort((a, b) => a.f.cameraId - b.f.cameraId);
  const cut = (use: typeof all): { result: Result; gap: PolygonGap } => {
    if (use.length === 0) return { result: bare(p), gap: 'whole' };
    const ids = use.map((s) => s.f.cameraId);
    const assumed = use.some((s) => s.f.assumed);
    if (use.some((s) => s.within)) return { result: { covered: p.measure, ids, assumed, ewkb: emptyPolygonEwkb(srid) }, gap: 'none' };
    const r = uncoveredPart(
      shape,
      use.map((s) => s.f.shape),
    );
    const ewkb = polygonsEwkb(
      r.polygons.map((x) => x.rings),
      srid,
    );
    return { result: { covered: Math.max(0, p.measure - r.area), ids, assumed, ewkb }, gap: r.polygons.length === 0 ? 'none' : r };
  };
  const seen = all.filter((s) => s.f.inService);
  let design: ReturnType<typeof cut> | undefined;
  try {
    design = cut(seen);
  } catch {
    design = undefined;
  }
  history?.add(
    p.id,
    all.map((s) => s.f),
    design?.result.covered,
    (mask) => {
      try {
        return cut(all.filter((_, k) => mask[k])).result.covered;
      } catch {
        return 'overlay';
      }
    },
  );
  if (design === undefined) return 'sql';
  const working = seen.filter((s) => s.f.working);
  if (working.length === seen.length)
    return { design: design.result, now: design.result, sameNow: true, designGap: design.gap, nowGap: design.gap, downGap: 'none' };
  try {
    const now = cut(working);
    const d = design.gap;
    const n = now.gap;
    const downGap =
      n === 'none' || d === 'whole' ? 'none' : d === 'none' ? n : subtractResults(n === 'whole' ? uncoveredPart(shape, []) : n, d);
    return {
      design: design.result,
      now: now.result,
      sameNow: false,
      designGap: d,
      nowGap: n,
      downGap: downGap !== 'none' && downGap !== 'whole' && downGap.polygons.length === 0 ? 'none' : downGap,
    };
  } catch {
    return 'sql';
  }
}

export interface RebuildOptions extends BatchOptions {
  /** YYYY-MM-DD: the cameras in service (default today). */
  today?: string;
  /** Also rebuild coverage_history (the month-end timeline); default false. */
  history?: boolean;
  /**
   * Worker threads, each a shard of the city on its own session (default: one per session from
   * 20,000 parts on, else none: one shard in this thread).
   */
  workers?: number;
  /**
   * The cameras and buildings to judge each blind spot's reason with before it is stored (a
   * full recompute has them loaded); without, pieces are stored as cut (no_camera, camera_down).
   */
  reasons?: { cameras: SceneCamera[]; buildings: BuildingIndex };
  onPhase?: (name: string, ms: number) => void;
}

export interface RebuildOutcome {
  partFailures: BatchFailure[];
  /** Parts whose history rows GEOS could not evaluate. */
  historyFailures: BatchFailure[];
  /** Targets whose blind spots could not be derived. */
  blindSpotFailures: BatchFailure[];
  /** With `reasons`: the pieces judged here by mode and reason; `sqlTargets` still need theirs judged. */
  reasonCounts: ReasonCounts | null;
  /** Targets whose blind spots SQL derived (xl_insert_blind_spots). */
  sqlTargets: number[];
  stats: EvaluateAllStats;
}

/** What a shard needs to judge its pieces' reasons (plain data, shared with worker threads). */
export interface ShardReasons {
  cameras: SceneCamera[];
  packed: PackedObstacles;
  /** From the whole city's cameras (reasonSearchRadiusM). */
  searchRadiusM: number;
}

/** One shard of the pass: targets that start in [xFrom, xTo) (null: unbounded). Plain data (sent to workers). */
export interface ShardSpec {
  today: string;
  srid: number;
  settings: CoverageSettings;
  history: boolean;
  xFrom: number | null;
  xTo: number | null;
  /** Judge the pieces' reasons here (a full recompute); else they are stored as cut. */
  reasons?: ShardReasons;
}

export interface ShardOutcome {
  parts: number;
  footprints: number;
  overlayDesign: number;
  overlayNow: number;
  /** Parts the overlay failed on, left to xl_part_coverage (GEOS). */
  sqlParts: number[];
  /** Targets whose blind spots the SQL derivation makes. */
  sqlTargets: number[];
  history: HistoryLeftovers | null;
  /** Pieces by mode and reason, when the shard judged them. */
  reasonCounts: ReasonCounts | null;
  phasesMs: Record<string, number>;
}

/** A polygon shape's rings as views (shell first). */
function ringsOf(shape: FlatShape): Float64Array[] {
  const rings: Float64Array[] = [];
  let start = 0;
  for (const end of shape.ends) {
    rings.push(shape.xy.subarray(2 * start, 2 * end));
    start = end;
  }
  return rings;
}

/**
 * A judge over the cameras and buildings that can matter to pieces in `box`: a camera explains a
 * piece from at most REASON_SEARCH_M away, and the buildings that can hide it lie between the
 * two (or hold the camera), so a margin a little wider than that keeps every answer the same.
 */
function judgeNear(r: ShardReasons, settings: CoverageSettings, box: FlatShape['box']): PieceJudge {
  const m = REASON_SEARCH_M + 100;
  const [x0, y0, x1, y1] = [box[0] - m, box[1] - m, box[2] + m, box[3] + m];
  const obstacles = unpackObstacles(r.packed, [x0, y0, x1, y1]);
  const cameras = r.cameras.filter((c) => c.xy[0] >= x0 && c.xy[0] <= x1 && c.xy[1] >= y0 && c.xy[1] <= y1);
  return settingsJudge(cameras, new BuildingIndex(obstacles), settings, r.searchRadiusM);
}

/**
 * One shard of the city pass on one session: reads its parts and the footprints in their box,
 * writes their design and now results, the blind spots it can cut and its history rows. The
 * caller empties the tables first and finishes what is left to SQL.
 */
export async function runShard(
  client: pg.ClientBase,
  spec: ShardSpec,
  onProgress?: (settled: number) => void,
  judge?: PieceJudge,
): Promise<ShardOutcome> {
  const { srid, today } = spec;
  const phasesMs: Record<string, number> = {};
  let t = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phasesMs[name] = Math.round(now - t);
    t = now;
  };
  const gaps = new GapCollector(spec.settings, srid);
  const history = spec.history ? new HistoryRows(today) : undefined;
  const outcome: ShardOutcome = {
    parts: 0,
    footprints: 0,
    overlayDesign: 0,
    overlayNow: 0,
    sqlParts: [],
    sqlTargets: [],
    history: null,
    reasonCounts: null,
    phasesMs,
  };
  const all: Part[] = [];
  const box: FlatShape['box'] = [Infinity, Infinity, -Infinity, -Infinity];
  await copyOutBinary(client, partsQuery(spec.xFrom, spec.xTo), (row) => {
    const ewkb = binary.bytes(row, 9);
    all.push({
      id: binary.int8(row, 0),
      meta: {
        targetId: binary.int8(row, 1),
        cls: binary.text(row, 3),
        areaId: binary.isNull(row, 4) ? null : binary.int4(row, 4),
        priority: binary.float8(row, 5),
        level: binary.text(row, 7),
      },
      partsInTarget: binary.int8(row, 2),
      line: binary.bool(row, 6),
      measure: binary.float8(row, 8),
      ewkb,
    });
  });
  outcome.parts = all.length;
  // Shapes are read once, in the loops below; the box only needs each part's extent.
  const shapes = all.map((p) => readWkb(p.ewkb));
  for (const s of shapes) {
    if (s.box[0] < box[0]) box[0] = s.box[0];
    if (s.box[1] < box[1]) box[1] = s.box[1];
    if (s.box[2] > box[2]) box[2] = s.box[2];
    if (s.box[3] > box[3]) box[3] = s.box[3];
  }
  phase('loadParts');
  if (all.length === 0) {
    // Nothing to evaluate: still hand back (empty) history leftovers when history was asked for.
    if (history !== undefined) outcome.history = history.leftovers();
    return outcome;
  }
  const bounded = spec.xFrom !== null || spec.xTo !== null;
  const { levels, count } = await loadIndexes(client, footprintsQuery(bounded ? box : null, srid, today));
  outcome.footprints = count;
  phase('loadFootprints');

  const out = copyBinaryWriter(
    client,
    'COPY coverage_results (part_id, mode, covered, camera_ids, assumed, uncovered_m) FROM STDIN (FORMAT binary)',
  );
  const put = async (id: number, mode: 'design' | 'now', r: Result) => {
    out.rows.row(6).int8(id).text(mode).float8(r.covered).int8Array(r.ids).bool(r.assumed).bytes(r.ewkb);
    return out.sent();
  };
  const hits: Footprint[] = [];
  const candidates = (p: Part, shape: FlatShape) => {
    const index = levels.get(p.meta.level);
    hits.length = 0;
    if (index !== undefined)
      for (const i of index.tree.search(shape.box[0], shape.box[1], shape.box[2], shape.box[3])) hits.push(index.footprints[i]!);
    return hits;
  };
  let settled = 0;
  const progress = () => {
    if (++settled % 5000 === 0) onProgress?.(settled);
  };
  const sqlTargets = new Set<number>();
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    if (p.line) continue;
    progress();
    const shape = shapes[i]!;
    const r = evaluatePolygon(p, shape, candidates(p, shape), srid, history);
    if (r === 'sql') {
      outcome.sqlParts.push(p.id);
      sqlTargets.add(p.meta.targetId);
      continue;
    }
    if (r.designGap !== 'none' && r.designGap !== 'whole') outcome.overlayDesign++;
    if (!r.sameNow && r.nowGap !== 'none' && r.nowGap !== 'whole') outcome.overlayNow++;
    await put(p.id, 'design', r.design);
    await put(p.id, 'now', r.now);
    // A road given as a polygon is left to SQL, which keeps only lines for roads; so is a
    // multipolygon part (SQL stores each of its polygons as a piece).
    if (p.meta.cls === 'road' || wkbType(p.ewkb) === 6) sqlTargets.add(p.meta.targetId);
    else gaps.addPolygonPart(p.meta, p.partsInTarget, p.id, p.measure, r, () => ringsOf(shape));
  }
  phase('settlePolygons');
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    if (!p.line) continue;
    progress();
    const r = evaluateLine(p, shapes[i]!, candidates(p, shapes[i]!), srid, history);
    await put(p.id, 'design', r.design);
    await put(p.id, 'now', r.now);
    if (p.meta.cls === 'road') gaps.addRoadPart(p.meta, r.designGaps, r.downStretches);
    else sqlTargets.add(p.meta.targetId);
  }
  await out.end();
  onProgress?.(settled);
  phase('settleLines');
  for (const id of gaps.sqlTargets) sqlTargets.add(id);
  // A target left to SQL gets all its blind spots there; none of its rows are loaded here.
  const judgeHere = judge ?? (spec.reasons === undefined ? undefined : judgeNear(spec.reasons, spec.settings, box));
  if (judgeHere === undefined) await loadBlindSpotPieces(client, gaps.pieces(sqlTargets));
  else {
    outcome.reasonCounts = emptyReasonCounts();
    await loadBlindSpotPieces(client, judgePieces(gaps.pieces(sqlTargets), judgeHere, outcome.reasonCounts));
  }
  phase('blindSpots');
  if (history !== undefined) {
    await history.copy(client);
    outcome.history = history.leftovers();
    phase('history');
  }
  outcome.sqlTargets = [...sqlTargets].sort((a, b) => a - b);
  return outcome;
}

/**
 * A worker thread for one shard, started (and connected) before its work is known: `start` sends
 * the shard, `outcome` settles with its result or error, `stop` ends it early (a statement in
 * flight is rolled back).
 */
function shardWorker(
  url: string,
  onProgress: (settled: number) => void,
): { start: (spec: ShardSpec) => void; outcome: Promise<ShardOutcome>; stop: () => Promise<number> } {
  const worker = new Worker(new URL('./city-pass-worker.mjs', import.meta.url), { workerData: { url } });
  const outcome = new Promise<ShardOutcome>((resolve, reject) => {
    worker.on('message', (m: { progress?: number; outcome?: ShardOutcome; error?: string }) => {
      if (m.progress !== undefined) onProgress(m.progress);
      if (m.outcome !== undefined) resolve(m.outcome);
      if (m.error !== undefined) reject(new Error(m.error));
    });
    worker.on('error', reject);
    // After an outcome this reject is a no-op.
    worker.on('exit', (code) => reject(new Error(`city pass worker exited (code ${code}) before it reported`)));
  });
  // Observed here: a worker stopped before it was awaited must not raise an unhandled rejection.
  outcome.catch(() => undefined);
  return { start: (spec) => worker.postMessage({ spec }), outcome, stop: () => worker.terminate() };
}

/** Every shard's outcome; when one fails, the others are stopped before the error is passed on. */
async function allShards(runs: Array<ReturnType<typeof shardWorker>>): Promise<ShardOutcome[]> {
  try {
    return await Promise.all(runs.map((r) => r.outcome));
  } catch (e) {
    await Promise.all(runs.map((r) => r.stop()));
    throw e;
  }
}

/**
 * Every part's design and now result (coverage_results is emptied first), every target's
 * blind spots (coverage_blind_spots likewise) and, with `history`, the month-end history, from
 * the stored footprints. Large cities are split west to east into shards run in worker threads,
 * each on its own session, so reading, cutting and writing use every core.
 */
export async function rebuildAllResults(pool: pg.Pool, settings: CoverageSettings, o: RebuildOptions = {}): Promise<RebuildOutcome> {
  const today = o.today ?? engineToday(settings);
  const phasesMs: Record<string, number> = {};
  let t = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phasesMs[name] = Math.round(now - t);
    o.onPhase?.(name, phasesMs[name]);
    t = now;
  };
  const history = o.history === true;
  const { srid, parts: partCount } = (
    await pool.query<{ srid: number; parts: number }>(
      'SELECT xl_metric_srid() AS srid, (SELECT count(*)::int FROM coverage_target_parts) AS parts',
    )
  ).rows[0]!;
  const url = pool.options.connectionString;
  const workers = url === undefined ? 0 : (o.workers ?? (partCount >= 20_000 ? Math.max(1, o.sessions ?? 2) : 0));
  const settled: number[] = [];
  const progress = (k: number) => (n: number) => {
    settled[k] = n;
    o.onProgress?.(settled.reduce((a, b) => a + b, 0));
  };
  // The workers load their code and connect while the tables are emptied here.
  const runs = Array.from({ length: workers }, (_, k) => shardWorker(url!, progress(k)));
  const partFailures: BatchFailure[] = [];
  let blindSpotFailures: BatchFailure[] = [];
  let shards: ShardOutcome[];
  // Indexes are built and keys checked once after the load, not row by row (bulk-load.ts).
  const loaded: BulkTable[] = ['coverage_results', 'coverage_blind_spots'];
  try {
    await pool.query(`TRUNCATE coverage_results, coverage_blind_spots${history ? ', coverage_history' : ''}`);
    await dropForBulkLoad(pool, history ? [...loaded, 'coverage_history'] : loaded);
  } catch (e) {
    await Promise.all(runs.map((r) => r.stop()));
    throw e;
  }
  try {
    const shardReasons =
      o.reasons === undefined || workers === 0
        ? undefined
        : {
            cameras: o.reasons.cameras,
            packed: packObstacles(o.reasons.buildings.obstacles),
            searchRadiusM: reasonSearchRadiusM(cameraIndexOf(o.reasons.cameras)),
          };
    const spec = (xFrom: number | null, xTo: number | null): ShardSpec => ({
      today,
      srid,
      settings,
      history,
      xFrom,
      xTo,
      reasons: shardReasons,
    });
    if (workers === 0) {
      const client = await pool.connect();
      try {
        const judge = o.reasons === undefined ? undefined : settingsJudge(o.reasons.cameras, o.reasons.buildings, settings);
        shards = [await runShard(client, spec(null, null), progress(0), judge)];
      } finally {
        client.release();
      }
    } else {
      const fractions = Array.from({ length: workers - 1 }, (_, k) => (k + 1) / workers);
      const cuts = await pool.query<{ cuts: number[] | null }>(SHARD_CUTS, [fractions]).catch(async (e: unknown) => {
        await Promise.all(runs.map((r) => r.stop()));
        throw e;
      });
      const bounds = [null, ...(cuts.rows[0]!.cuts ?? []), null];
      runs.forEach((r, k) => r.start(spec(bounds[k] ?? null, bounds[k + 1] ?? null)));
      shards = await allShards(runs);
    }
    shards.forEach((s, k) => {
      for (const [name, ms] of Object.entries(s.phasesMs)) phasesMs[`shard${k}.${name}`] = ms;
    });
    phase('shards');
    const sqlParts = shards.flatMap((s) => s.sqlParts);
    if (sqlParts.length > 0) {
      // Fresh statistics first: the table was emptied, and a plan made for an empty table scans
      // all of it for every batch that follows.
      await pool.query('ANALYZE coverage_results');
      partFailures.push(...(await evaluateDesign(pool, sqlParts, { ...o, today, onProgress: undefined })));
      partFailures.push(...(await evaluateNow(pool, sqlParts, { ...o, today, onProgress: undefined })));
    }
    blindSpotFailures = await deriveBlindSpotsInSql(
      pool,
      shards.flatMap((s) => s.sqlTargets),
      settings,
      { ...o, onProgress: undefined },
    );
  } finally {
    // Fresh statistics with the indexes: the rates and lists that follow plan on them.
    await buildInParallel(pool, [...(await restoreStatements(pool, loaded)), 'ANALYZE coverage_results', 'ANALYZE coverage_blind_spots']);
  }
  phase('blindSpots');
  let historyFailures: BatchFailure[] = [];
  if (history) {
    try {
      historyFailures = await storeHistoryLeftovers(
        pool,
        shards.map((s) => s.history!),
        { ...o, onProgress: undefined },
      );
    } finally {
      await restoreAfterBulkLoad(pool, ['coverage_history']);
    }
    phase('history');
  }
  const sum = (f: (s: ShardOutcome) => number) => shards.reduce((a, s) => a + f(s), 0);
  const parts = sum((s) => s.parts);
  const overlayDesign = sum((s) => s.overlayDesign);
  const sqlPartCount = sum((s) => s.sqlParts.length);
  let reasonCounts: ReasonCounts | null = null;
  for (const sh of shards) {
    if (sh.reasonCounts === null) continue;
    reasonCounts ??= emptyReasonCounts();
    for (const mode of ['design', 'now'] as const)
      for (const [k, v] of Object.entries(sh.reasonCounts[mode])) reasonCounts[mode][k as BlindSpotReason] += v;
  }
  return {
    partFailures,
    blindSpotFailures,
    historyFailures,
    reasonCounts,
    sqlTargets: shards.flatMap((sh) => sh.sqlTargets),
    stats: {
      parts,
      footprints: sum((s) => s.footprints),
      settled: parts - overlayDesign - sqlPartCount,
      overlayDesign,
      overlayNow: sum((s) => s.overlayNow),
      sqlParts: sqlPartCount,
      shards: shards.length,
      phasesMs,
    },
  };
}
