// The planner's live coverage gain, computed in the browser while a proposed camera is dragged:
// which pieces of the current blind spots (from the blind-spot tiles already on screen) fall
// inside the proposed cameras' footprints at the level each piece requires. Intersections count
// as targets, roads as kilometres (sampled every SAMPLE_M metres), areas as m² (sampled on a
// SAMPLE_M grid). An estimate: the server's evaluation on release is the figure of record.
import type { MultiPolygonXY, XY } from '../../../gis-data/footprint/types';
import { pointInRing } from '../../../gis-data/footprint/planar';

const SAMPLE_M = 2;

export interface BlindPiece {
  key: string;
  targetId: string;
  cls: string;
  level: string;
  /** Planar metres. */
  geometry: { type: 'Point'; xy: XY } | { type: 'Line'; lines: XY[][] } | { type: 'Area'; polygons: XY[][][] };
  /** Only samples inside this planar box count (the tile's own extent, so tile buffers do not double count). */
  clip: [number, number, number, number];
}

export interface Gain {
  targets: number;
  roadKm: number;
  areaM2: number;
  byClass: Record<string, number>;
}

export function inMultiPolygon(p: XY, mp: MultiPolygonXY): boolean {
  for (const poly of mp) {
    if (poly.length === 0 || !pointInRing(p, poly[0]!)) continue;
    let inHole = false;
    for (let i = 1; i < poly.length; i++) if (pointInRing(p, poly[i]!)) inHole = true;
    if (!inHole) return true;
  }
  return false;
}

const inClip = (p: XY, c: BlindPiece['clip']) => p[0] >= c[0] && p[0] < c[2] && p[1] >= c[1] && p[1] < c[3];

type Box = [number, number, number, number];

function boxOf(points: Iterable<XY>): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

function pieceBox(g: BlindPiece['geometry']): Box {
  if (g.type === 'Point') return [g.xy[0], g.xy[1], g.xy[0], g.xy[1]];
  if (g.type === 'Line') return boxOf(g.lines.flat());
  return boxOf(g.polygons.flatMap((p) => p[0] ?? []));
}

const overlaps = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** footprintsByLevel: for each level name, the proposed cameras' footprints at that level. */
export function localGain(pieces: Iterable<BlindPiece>, footprintsByLevel: ReadonlyMap<string, MultiPolygonXY[]>): Gain {
  const gain: Gain = { targets: 0, roadKm: 0, areaM2: 0, byClass: {} };
  const seenPoints = new Set<string>();
  // Only pieces near a footprint can gain: a box test first keeps this cheap while dragging
  // (a city's blind spots are many, the proposed cameras few).
  const boxes = new Map<string, Array<{ box: Box; fp: MultiPolygonXY }>>();
  for (const [level, fps] of footprintsByLevel) {
    boxes.set(level, fps.filter((fp) => fp.length > 0).map((fp) => ({ box: boxOf(fp.flatMap((poly) => poly[0] ?? [])), fp })));
  }
  for (const piece of pieces) {
    const pb = pieceBox(piece.geometry);
    const near = (boxes.get(piece.level) ?? []).filter((c) => overlaps(c.box, pb));
    if (near.length === 0) continue;
    const inside = (p: XY) => near.some((c) => inMultiPolygon(p, c.fp));
    const g = piece.geometry;
    let got = 0;
    if (g.type === 'Point') {
      if (seenPoints.has(piece.targetId) || !inside(g.xy)) continue;
      seenPoints.add(piece.targetId);
      gain.targets++;
      got = 1;
    } else if (g.type === 'Line') {
      let m = 0;
      for (const line of g.lines) {
        for (let i = 0; i + 1 < line.length; i++) {
          const [a, b] = [line[i]!, line[i + 1]!];
          const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
          const steps = Math.max(1, Math.ceil(len / SAMPLE_M));
          for (let s = 0; s < steps; s++) {
            const t = (s + 0.5) / steps;
            const p: XY = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
            if (inClip(p, piece.clip) && inside(p)) m += len / steps;
          }
        }
      }
      gain.roadKm += m / 1000;
      got = m / 1000;
    } else {
      let m2 = 0;
      for (const poly of g.polygons) {
        const outer = poly[0];
        if (outer === undefined) continue;
        // Sample only where the piece and a nearby footprint can overlap.
        const ob = boxOf(outer);
        const fb = boxOf(near.flatMap((c) => [[c.box[0], c.box[1]], [c.box[2], c.box[3]]] as XY[]));
        const [x0, y0, x1, y1] = [Math.max(ob[0], fb[0]), Math.max(ob[1], fb[1]), Math.min(ob[2], fb[2]), Math.min(ob[3], fb[3])];
        for (let x = x0 + SAMPLE_M / 2; x < x1; x += SAMPLE_M) {
          for (let y = y0 + SAMPLE_M / 2; y < y1; y += SAMPLE_M) {
            const p: XY = [x, y];
            if (!inClip(p, piece.clip) || !pointInRing(p, outer) || poly.slice(1).some((h) => pointInRing(p, h))) continue;
            if (inside(p)) m2 += SAMPLE_M * SAMPLE_M;
          }
        }
      }
      gain.areaM2 += m2;
      got = m2;
    }
    gain.byClass[piece.cls] = (gain.byClass[piece.cls] ?? 0) + got;
  }
  return gain;
}
