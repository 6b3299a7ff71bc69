// Blind spots that the whole-city pass can cut itself while it evaluates parts: a road's gaps
// (its parts' uncovered stretches joined end to end, as ST_LineMerge does) and the single-part
// polygon targets (a disc, a small place), from the gaps the pass found (whole part, or the
// pieces of its polygon overlay). Each becomes rows for coverage_blind_spots with the rules of
// xl_insert_blind_spots (migrations 0016, 0060): the same reasons (no_camera; camera_down in
// "now"), the minimum gap length and sliver area, the intersection covered share. Targets whose
// pieces need a union across parts (several parts) are left to that SQL function.
import { polygonsEwkbHex } from '../../../gis-data/coverage/flat-shape';
import { mergeLines, polylineLength, type Polyline } from '../../../gis-data/coverage/merge-lines';
import type { OverlayResult } from '../../../gis-data/coverage/polygon-overlay';
import type { CoverageSettings } from './settings';

export interface TargetMeta {
  targetId: number;
  cls: string;
  areaId: number | null;
  priority: number;
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

const BOTH = '{design,now}';
const DESIGN = '{design}';
const NOW = '{now}';

interface RoadGaps {
  meta: TargetMeta;
  design: Polyline[];
  down: Polyline[];
}

export class GapCollector {
  private readonly roads = new Map<number, RoadGaps>();
  private readonly polygons: Array<{ meta: TargetMeta; modes: string; reason: string; measure: number; partId: number | null; hex: string | null }> = [];
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
  addPolygonPart(meta: TargetMeta, partsInTarget: number, partId: number, measure: number, g: PolygonGaps): void {
    if (partsInTarget > 1) {
      this.sqlTargets.add(meta.targetId);
      return;
    }
    const meets = (covered: number) => meta.cls === 'intersection' && covered >= this.settings.coveredShare * measure;
    const add = (gap: PolygonGap, modes: string, reason: string) => {
      if (gap === 'none') return;
      if (gap === 'whole') {
        if (measure > 0 && measure >= this.settings.minSliverM2) this.polygons.push({ meta, modes, reason, measure, partId, hex: null });
        return;
      }
      for (const piece of gap.polygons) {
        if (piece.area >= this.settings.minSliverM2) this.polygons.push({ meta, modes, reason, measure: piece.area, partId: null, hex: polygonsEwkbHex([piece.rings], this.srid) });
      }
    };
    if (!meets(g.design.covered)) add(g.designGap, g.sameNow ? BOTH : DESIGN, 'no_camera');
    if (g.sameNow || g.nowGap === 'none' || meets(g.now.covered)) return;
    add(g.designGap, NOW, 'no_camera');
    add(g.downGap, NOW, 'camera_down');
  }

  /**
   * COPY text rows for blind-spot-stage.sql: modes, target, class, area, reason, measure,
   * priority, part or EWKB hex. Targets in `skip` (left to SQL) give none.
   */
  *rows(lineHex: (l: Polyline) => string, skip: Set<number> = this.sqlTargets): Generator<string> {
    const line = (m: TargetMeta, modes: string, reason: string, measure: number, partId: number | null, hex: string | null) =>
      `${modes}\t${m.targetId}\t${m.cls}\t${m.areaId ?? '\\N'}\t${reason}\t${measure}\t${m.priority}\t${partId ?? '\\N'}\t${hex ?? '\\N'}\n`;
    for (const p of this.polygons) if (!skip.has(p.meta.targetId)) yield line(p.meta, p.modes, p.reason, p.measure, p.partId, p.hex);
    const minGap = this.settings.minGapM;
    for (const r of this.roads.values()) {
      if ((r.design.length === 0 && r.down.length === 0) || skip.has(r.meta.targetId)) continue;
      const design = mergeLines(r.design).map((l) => ({ l, m: polylineLength(l) })).filter((x) => x.m >= minGap);
      for (const x of design) yield line(r.meta, BOTH, 'no_camera', x.m, null, lineHex(x.l));
      for (const l of mergeLines(r.down)) {
        const m = polylineLength(l);
        if (m >= minGap) yield line(r.meta, NOW, 'camera_down', m, null, lineHex(l));
      }
    }
  }
}
