// Blind spots that the whole-city pass can cut itself while it evaluates parts: a road's gaps
// (its parts' uncovered stretches joined end to end, as ST_LineMerge does) and the single-part
// polygon targets (a disc, a small place), from the gaps the pass found (whole part, or the
// pieces of its polygon overlay). Each becomes rows for coverage_blind_spots with the rules of
// xl_insert_blind_spots (migrations 0016, 0060): the same reasons (no_camera; camera_down in
// "now"), the minimum gap length and sliver area, the intersection covered share. Targets whose
// pieces need a union across parts (several parts) are left to that SQL function.
import type { CopyBinaryWriter } from '../db/copy-binary';
import { lineStringsEwkb, polygonsEwkb } from '../gis-data/coverage/flat-shape';
import { mergeLines, polylineLength, type Polyline } from '../gis-data/coverage/merge-lines';
import type { OverlayResult } from '../gis-data/coverage/polygon-overlay';
import { LINE_SAMPLE_FRACTIONS, lineInterpolatePoint, pointOnSurface } from '../gis-data/coverage/sample-points';
import { zeroReasonCounts, type BlindSpotReason, type PieceJudge } from '../gis-data/coverage/blind-spot-reasons';
import type { CoverageSettings } from './settings';

export interface TargetMeta {
  targetId: number;
  cls: string;
  areaId: number | null;
  priority: number;
  /** The detail level the target requires (its pieces are judged at it). */
  level: string;
}

/** What of a polygon part no camera sees: nothing, all of it, or the pieces an overlay left. */
export type PolygonGap = 'none' | 'whole' | OverlayResult;

/** A polygon part's results and gaps, as the city pass found them. */
export interface PolygonGaps {
  design: { covered: number };
  now: { covered: number };
  /** "Now" is the design result: every camera that sees the part works. */
  sameNow: boolean;
  designGap: PolygonGap;
  nowGap: PolygonGap;
  /** What only cameras now down see (the "now" gap less the design gap); 'none' when sameNow. */
  downGap: PolygonGap;
}

/** The modes a piece is stored for (comma-separated, as blind-spot-stage.sql splits them). */
const BOTH = 'design,now';
const DESIGN = 'design';
const NOW = 'now';

/** One blind-spot piece for coverage_blind_spots: a whole part (partId) or its own geometry. */
export interface Piece {
  meta: TargetMeta;
  modes: string;
  reason: string;
  measure: number;
  partId: number | null;
  ewkb: Uint8Array | null;
  /** Its shape for the sample points (xl_blind_spot_samples): a gap's line, or a polygon's closed rings. */
  shape: { line: number[] } | { rings: ArrayLike<number>[] };
}

/** Where a piece's reason is judged: three points along a gap, one inside an area (sample-points.ts). */
export function samplesOf(p: Piece): Array<[number, number]> {
  if ('line' in p.shape) {
    const line = p.shape.line;
    return LINE_SAMPLE_FRACTIONS.map((f) => lineInterpolatePoint(line, f));
  }
  return [pointOnSurface([p.shape.rings])];
}

interface RoadGaps {
  meta: TargetMeta;
  design: Polyline[];
  down: Polyline[];
}

export class GapCollector {
  private readonly roads = new Map<number, RoadGaps>();
  private readonly polygons: Piece[] = [];
  /** Targets whose blind spots the SQL derivation makes (both modes). */
  readonly sqlTargets = new Set<number>();

  constructor(
    private readonly settings: CoverageSettings,
    private readonly srid: number,
  ) {}

  /** A road part's design gaps and the stretches only cameras now down see. */
  addRoadPart(meta: TargetMeta, designGaps: Polyline[], downStretches: Polyline[]): void {
    let r = this.roads.get(meta.targetId);
    if (r === undefined) this.roads.set(meta.targetId, (r = { meta, design: [], down: [] }));
    for (const g of designGaps) r.design.push(g);
    for (const g of downStretches) r.down.push(g);
    r.meta.priority = Math.max(r.meta.priority, meta.priority);
    if (meta.areaId !== null && (r.meta.areaId === null || meta.areaId < r.meta.areaId)) r.meta.areaId = meta.areaId;
  }

  /**
   * A polygon part as the city pass evaluated it. A part of a multi-part target always goes to
   * SQL (its pieces need a union across parts). Otherwise the rules of xl_insert_blind_spots:
   * design pieces unless an intersection meets the covered share; "now" the same pieces when
   * nothing differs, else the design gap as no_camera and what only cameras now down saw as
   * camera_down (unless "now" meets the share); pieces under the sliver area are dropped.
   */
  addPolygonPart(
    meta: TargetMeta,
    partsInTarget: number,
    partId: number,
    measure: number,
    g: PolygonGaps,
    partRings: () => ArrayLike<number>[],
  ): void {
    if (partsInTarget > 1) {
      this.sqlTargets.add(meta.targetId);
      return;
    }
    const meets = (covered: number) => meta.cls === 'intersection' && covered >= this.settings.coveredShare * measure;
    const add = (gap: PolygonGap, modes: string, reason: string) => {
      if (gap === 'none') return;
      if (gap === 'whole') {
        if (measure > 0 && measure >= this.settings.minSliverM2)
          this.polygons.push({ meta, modes, reason, measure, partId, ewkb: null, shape: { rings: partRings() } });
        return;
      }
      for (const piece of gap.polygons) {
        if (piece.area >= this.settings.minSliverM2)
          this.polygons.push({
            meta,
            modes,
            reason,
            measure: piece.area,
            partId: null,
            ewkb: polygonsEwkb([piece.rings], this.srid),
            shape: { rings: piece.rings },
          });
      }
    };
    if (!meets(g.design.covered)) add(g.designGap, g.sameNow ? BOTH : DESIGN, 'no_camera');
    if (g.sameNow || g.nowGap === 'none' || meets(g.now.covered)) return;
    add(g.designGap, NOW, 'no_camera');
    add(g.downGap, NOW, 'camera_down');
  }

  /**
   * The blind-spot pieces of the targets collected here (targets in `skip`, left to SQL, give
   * none): a piece that is a whole part names it, others carry their EWKB.
   */
  *pieces(skip: Set<number> = this.sqlTargets): Generator<Piece> {
    for (const p of this.polygons) {
      if (!skip.has(p.meta.targetId)) yield p;
    }
    const minGap = this.settings.minGapM;
    for (const r of this.roads.values()) {
      if ((r.design.length === 0 && r.down.length === 0) || skip.has(r.meta.targetId)) continue;
      for (const l of mergeLines(r.design)) {
        const m = polylineLength(l);
        if (m >= minGap)
          yield {
            meta: r.meta,
            modes: BOTH,
            reason: 'no_camera',
            measure: m,
            partId: null,
            ewkb: lineStringsEwkb([l], this.srid),
            shape: { line: l },
          };
      }
      for (const l of mergeLines(r.down)) {
        const m = polylineLength(l);
        if (m >= minGap)
          yield {
            meta: r.meta,
            modes: NOW,
            reason: 'camera_down',
            measure: m,
            partId: null,
            ewkb: lineStringsEwkb([l], this.srid),
            shape: { line: l },
          };
      }
    }
  }
}

/** Writes pieces as binary COPY rows for blind-spot-stage.sql's bs_stage. */
export async function writePieces(w: CopyBinaryWriter, pieces: Iterable<Piece>): Promise<void> {
  for (const p of pieces) {
    const m = p.meta;
    w.rows.row(9).text(p.modes).int8(m.targetId).text(m.cls);
    if (m.areaId === null) w.rows.null();
    else w.rows.int4(m.areaId);
    w.rows.text(p.reason).float8(p.measure).float4(m.priority);
    if (p.partId === null) w.rows.null();
    else w.rows.int8(p.partId);
    w.rows.bytes(p.ewkb);
    await w.sent();
  }
}

export type ReasonCounts = Record<'design' | 'now', Record<BlindSpotReason, number>>;

export const emptyReasonCounts = (): ReasonCounts => ({ design: zeroReasonCounts(), now: zeroReasonCounts() });

/**
 * Gives pieces their reasons before they are stored (what assignReasons does to stored ones): a
 * piece cut as no_camera is judged at its sample points in each of its modes, and split in two
 * when design and "now" disagree; camera_down pieces keep theirs. Counts every piece by mode.
 */
export function* judgePieces(pieces: Iterable<Piece>, judge: PieceJudge, counts: ReasonCounts): Generator<Piece> {
  for (const p of pieces) {
    const modes = p.modes.split(',') as Array<'design' | 'now'>;
    if (p.reason !== 'no_camera') {
      for (const m of modes) counts[m][p.reason as BlindSpotReason]++;
      yield p;
      continue;
    }
    const reasons = judge(modes, samplesOf(p), p.meta.level);
    modes.forEach((m, k) => counts[m][reasons[k]!]++);
    if (reasons.every((r) => r === reasons[0])) yield { ...p, reason: reasons[0]! };
    else for (let k = 0; k < modes.length; k++) yield { ...p, modes: modes[k]!, reason: reasons[k]! };
  }
}
