// Blind spots that the whole-city pass can cut itself while it evaluates parts: a road's gaps
// (its parts' uncovered stretches joined end to end, as ST_LineMerge does) and the single-part
// polygon targets (a disc, a small place) that are either wholly seen or wholly unseen. Each
// becomes rows for coverage_blind_spots with the rules of xl_insert_blind_spots (migration
// 0016): the same reasons (no_camera; camera_down in "now"), the minimum gap length and sliver
// area, the intersection covered share. Targets that need a polygon union or overlay (several
// parts, or a part only partly seen) are left to that SQL function.
import type pg from 'pg';
import { polygonAreaM2, polygonMembersEwkbHex } from '../../../gis-data/coverage/flat-shape';
import { mergeLines, polylineLength, type Polyline } from '../../../gis-data/coverage/merge-lines';
import type { CoverageSettings } from './settings';
import { SQL } from './sql';

export interface TargetMeta {
  targetId: number;
  cls: string;
  areaId: number | null;
  priority: number;
}

type Settled = 'bare' | 'full' | 'overlay';

const BOTH = '{design,now}';
const NOW = '{now}';

interface RoadGaps {
  meta: TargetMeta;
  design: Polyline[];
  down: Polyline[];
}

export class GapCollector {
  private readonly roads = new Map<number, RoadGaps>();
  private readonly polygons: Array<{ meta: TargetMeta; modes: string; reason: string; measure: number; partId: number | null; hex: string | null }> = [];
  /** Single-part polygon targets whose part GEOS evaluates: cut once its result is stored. */
  private readonly overlays = new Map<number, { meta: TargetMeta; measure: number }>();
  /** Targets whose blind spots the SQL derivation makes (both modes). */
  readonly sqlTargets = new Set<number>();

  constructor(private readonly settings: CoverageSettings) {}

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
   * A polygon part as settled by the city pass. `now` is 'with-design' when the design overlay
   * also decides it. A part of a multi-part target always goes to SQL (its pieces need a union).
   */
  addPolygonPart(meta: TargetMeta, partsInTarget: number, partId: number, measure: number, design: Settled, now: Settled | 'with-design'): void {
    if (partsInTarget === 1 && design === 'overlay') return void this.overlays.set(partId, { meta, measure });
    if (partsInTarget > 1 || design === 'overlay' || now === 'overlay' || now === 'with-design') {
      this.sqlTargets.add(meta.targetId);
      return;
    }
    if (measure <= 0 || measure < this.settings.minSliverM2) return;
    // Wholly unseen in design is unseen now too (same pieces, no_camera); wholly seen in design
    // but unseen now is lost to cameras that are down.
    if (design === 'bare') this.polygons.push({ meta, modes: BOTH, reason: 'no_camera', measure, partId, hex: null });
    else if (now === 'bare') this.polygons.push({ meta, modes: NOW, reason: 'camera_down', measure, partId, hex: null });
  }

  /**
   * Cuts the single-part targets whose part GEOS evaluated, from the stored results: the pieces
   * of the design gap (a polygon or the members of a multipolygon). Where "now" differs from
   * design (a camera down), or GEOS returned anything else, the target goes to SQL.
   */
  async resolveOverlays(db: pg.Pool, srid: number): Promise<void> {
    if (this.overlays.size === 0) return;
    const { rows } = await db.query<{ part_id: string; covered: number; same: boolean; ewkb: Buffer | null }>(SQL.overlayResults, [[...this.overlays.keys()]]);
    for (const r of rows) {
      const o = this.overlays.get(Number(r.part_id))!;
      const members = r.same && r.ewkb !== null ? polygonMembersEwkbHex(r.ewkb, srid) : undefined;
      if (members === undefined) {
        this.sqlTargets.add(o.meta.targetId);
        continue;
      }
      if (members.length === 0 || (o.meta.cls === 'intersection' && r.covered >= this.settings.coveredShare * o.measure)) continue;
      for (const m of members) {
        const area = polygonAreaM2(m.shape);
        if (area >= this.settings.minSliverM2) this.polygons.push({ meta: o.meta, modes: BOTH, reason: 'no_camera', measure: area, partId: null, hex: m.hex });
      }
    }
    this.overlays.clear();
  }

  /** COPY text rows for blind-spot-stage.sql: modes, target, class, area, reason, measure, priority, part or EWKB hex. */
  *rows(lineHex: (l: Polyline) => string): Generator<string> {
    const line = (m: TargetMeta, modes: string, reason: string, measure: number, partId: number | null, hex: string | null) =>
      `${modes}\t${m.targetId}\t${m.cls}\t${m.areaId ?? '\\N'}\t${reason}\t${measure}\t${m.priority}\t${partId ?? '\\N'}\t${hex ?? '\\N'}\n`;
    for (const p of this.polygons) yield line(p.meta, p.modes, p.reason, p.measure, p.partId, p.hex);
    const minGap = this.settings.minGapM;
    for (const r of this.roads.values()) {
      if (r.design.length === 0 && r.down.length === 0) continue;
      const design = mergeLines(r.design).map((l) => ({ l, m: polylineLength(l) })).filter((x) => x.m >= minGap);
      for (const x of design) yield line(r.meta, BOTH, 'no_camera', x.m, null, lineHex(x.l));
      for (const l of mergeLines(r.down)) {
        const m = polylineLength(l);
        if (m >= minGap) yield line(r.meta, NOW, 'camera_down', m, null, lineHex(l));
      }
    }
  }
}
