// The coverage a few proposed cameras add over the current blind spots: the planner's live
// preview, run in the browser on every drag frame. Pieces of blind spots (from the blind-spot
// tiles on screen) and the proposed cameras' footprints are planar metres of the data's UTM
// zone (./projection), the same measure as the server. Intersections count as targets (one each,
// when their centre is seen, as the server's intersection unit), road pieces as the exact length
// inside the footprints (./line-in-polygons), areas as the exact area of the overlap (polygon
// clipping). Pure: no DOM, no I/O.
import { intersection, union } from 'polyclip-ts';
import { multiPolygonAreaM2, type MultiPolygonXY, type XY } from '../footprint';
import { lengthInsideM, pointInMultiPolygon } from './line-in-polygons';

/** A planar box [xmin, ymin, xmax, ymax] in metres. */
export type BoxXY = [number, number, number, number];

export interface BlindPiece {
  key: string;
  targetId: string;
  cls: string;
  /** The detail level the piece's target requires. */
  level: string;
  geometry: { type: 'Point'; xy: XY } | { type: 'Line'; lines: XY[][] } | { type: 'Area'; polygons: XY[][][] };
  /** Only what lies inside this box counts (the tile's own extent, so tile buffers do not double count). */
  clip: BoxXY;
}

export interface BlindGain {
  /** Intersections newly seen. */
  targets: number;
  roadKm: number;
  areaM2: number;
  /** Per class: targets for intersections, km for roads, m² for areas. */
  byClass: Record<string, number>;
}

export const NO_GAIN: Readonly<BlindGain> = Object.freeze({
  targets: 0,
  roadKm: 0,
  areaM2: 0,
  byClass: Object.freeze({}) as Record<string, number>,
});

function boxOf(points: Iterable<XY>): BoxXY {
  const b: BoxXY = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

function pieceBox(g: BlindPiece['geometry']): BoxXY {
  if (g.type === 'Point') return [g.xy[0], g.xy[1], g.xy[0], g.xy[1]];
  if (g.type === 'Line') return boxOf(g.lines.flat());
  return boxOf(g.polygons.flatMap((p) => p[0] ?? []));
}

const overlaps = (a: BoxXY, b: BoxXY) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

function boxPolygon(b: BoxXY): MultiPolygonXY {
  // Infinite clip boxes (pieces that are whole targets) are capped well outside any footprint.
  const c = (v: number, far: number) => (Number.isFinite(v) ? v : far);
  const [x0, y0, x1, y1] = [c(b[0], -1e9), c(b[1], -1e9), c(b[2], 1e9), c(b[3], 1e9)];
  return [
    [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  ];
}

/** Footprints that may overlap a box, unioned once per level and box (pieces share tiles). */
class SeenCache {
  private readonly byKey = new Map<string, MultiPolygonXY>();
  constructor(private readonly levels: ReadonlyMap<string, Array<{ box: BoxXY; fp: MultiPolygonXY }>>) {}

  near(level: string, box: BoxXY): Array<{ box: BoxXY; fp: MultiPolygonXY }> {
    return (this.levels.get(level) ?? []).filter((c) => overlaps(c.box, box));
  }

  /** The union of the level's footprints near the piece, cut to the piece's clip box. */
  seenIn(level: string, near: Array<{ fp: MultiPolygonXY }>, clip: BoxXY): MultiPolygonXY {
    const key = `${level}|${clip.join(',')}|${near.length}`;
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    const fps = near.map((c) => c.fp);
    const merged = fps.length === 1 ? fps[0]! : (union(fps[0]!, ...fps.slice(1)) as MultiPolygonXY);
    const seen = intersection(merged, boxPolygon(clip)) as MultiPolygonXY;
    this.byKey.set(key, seen);
    return seen;
  }
}

/** footprintsByLevel: for each level name, the proposed cameras' footprints at that level. */
export function blindGain(pieces: Iterable<BlindPiece>, footprintsByLevel: ReadonlyMap<string, MultiPolygonXY[]>): BlindGain {
  const gain: BlindGain = { targets: 0, roadKm: 0, areaM2: 0, byClass: {} };
  const seenPoints = new Set<string>();
  // Only pieces near a footprint can gain: a box test first keeps this cheap while dragging
  // (a city's blind spots are many, the proposed cameras few).
  const levels = new Map<string, Array<{ box: BoxXY; fp: MultiPolygonXY }>>();
  for (const [level, fps] of footprintsByLevel) {
    levels.set(
      level,
      fps.filter((fp) => fp.length > 0).map((fp) => ({ box: boxOf(fp.flatMap((poly) => poly[0] ?? [])), fp })),
    );
  }
  const cache = new SeenCache(levels);
  for (const piece of pieces) {
    const near = cache.near(piece.level, pieceBox(piece.geometry));
    if (near.length === 0) continue;
    const g = piece.geometry;
    let got = 0;
    if (g.type === 'Point') {
      if (seenPoints.has(piece.targetId) || !near.some((c) => pointInMultiPolygon(g.xy, c.fp))) continue;
      seenPoints.add(piece.targetId);
      gain.targets++;
      got = 1;
    } else {
      try {
        const seen = cache.seenIn(piece.level, near, piece.clip);
        if (seen.length === 0) continue;
        if (g.type === 'Line') {
          const m = g.lines.reduce((s, line) => s + lengthInsideM(line, seen), 0);
          gain.roadKm += m / 1000;
          got = m / 1000;
        } else {
          const m2 = multiPolygonAreaM2(intersection(g.polygons as MultiPolygonXY, seen) as MultiPolygonXY);
          gain.areaM2 += m2;
          got = m2;
        }
      } catch {
        // A degenerate tile polygon (quantised to the tile grid) the clipper refuses: the
        // preview leaves that piece out; the server's check on release still counts it.
        continue;
      }
    }
    gain.byClass[piece.cls] = (gain.byClass[piece.cls] ?? 0) + got;
  }
  return gain;
}
