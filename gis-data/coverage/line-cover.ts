// Which stretches of a line string lie inside polygons, as intervals of distance along it
// (metres from its start). Road coverage is one-dimensional: cutting the line where it crosses
// each footprint's rings and keeping the pieces whose middle is inside gives the covered
// length exactly, without the polygon overlay (noding, graph building) a GIS difference runs.
// Intervals from several footprints are then merged in one sort, which is what a union is in 1D.
import type { FlatShape } from './flat-shape';
import { polylineLength, type Polyline } from './merge-lines';

/** Sorted, disjoint [from, to] pairs of distance along the line, flattened. */
export type Intervals = number[];

/** Even-odd inside test over every ring of a polygon shape (holes and members alike). */
export function insideShape(s: FlatShape, x: number, y: number): boolean {
  const { xy, ends } = s;
  let inside = false;
  let start = 0;
  for (let r = 0; r < ends.length; r++) {
    const end = ends[r]!;
    for (let i = start, j = end - 1; i < end; j = i++) {
      const yi = xy[2 * i + 1]!;
      const yj = xy[2 * j + 1]!;
      if (yi > y !== yj > y) {
        const xi = xy[2 * i]!;
        const xj = xy[2 * j]!;
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    start = end;
  }
  return inside;
}

export interface LineCut {
  intervals: Intervals;
  /** The line meets the polygon's boundary somewhere (a touch counts, like ST_Intersects). */
  touches: boolean;
}

/**
 * The stretches of one line string (points `from`..`to` of `line`) inside `poly`, in distance
 * from the line string's start; `cum` holds the cumulative length at each point.
 */
export function lineInsidePolygon(line: FlatShape, from: number, to: number, cum: Float64Array, poly: FlatShape): LineCut {
  const out: Intervals = [];
  let touches = false;
  const pxy = poly.xy;
  const pends = poly.ends;
  const [bx0, by0, bx1, by1] = poly.box;
  const ts: number[] = [];
  for (let i = from; i + 1 < to; i++) {
    const ax = line.xy[2 * i]!;
    const ay = line.xy[2 * i + 1]!;
    const bx = line.xy[2 * i + 2]!;
    const by = line.xy[2 * i + 3]!;
    const sx0 = Math.min(ax, bx);
    const sx1 = Math.max(ax, bx);
    const sy0 = Math.min(ay, by);
    const sy1 = Math.max(ay, by);
    if (sx1 < bx0 || sx0 > bx1 || sy1 < by0 || sy0 > by1) continue;
    const dx = bx - ax;
    const dy = by - ay;
    ts.length = 0;
    ts.push(0, 1);
    let start = 0;
    for (let r = 0; r < pends.length; r++) {
      const end = pends[r]!;
      for (let k = start; k + 1 < end; k++) {
        const cx = pxy[2 * k]!;
        const cy = pxy[2 * k + 1]!;
        const ex = pxy[2 * k + 2]!;
        const ey = pxy[2 * k + 3]!;
        if ((cx < sx0 && ex < sx0) || (cx > sx1 && ex > sx1) || (cy < sy0 && ey < sy0) || (cy > sy1 && ey > sy1)) continue;
        const fx = ex - cx;
        const fy = ey - cy;
        const den = dx * fy - dy * fx;
        if (den === 0) continue;
        const t = ((cx - ax) * fy - (cy - ay) * fx) / den;
        const u = ((cx - ax) * dy - (cy - ay) * dx) / den;
        if (t >= 0 && t <= 1 && u >= 0 && u <= 1) {
          touches = true;
          if (t > 0 && t < 1) ts.push(t);
        }
      }
      start = end;
    }
    if (ts.length > 2) ts.sort((p, q) => p - q);
    const s0 = cum[i]!;
    const len = cum[i + 1]! - s0;
    for (let k = 0; k + 1 < ts.length; k++) {
      const t0 = ts[k]!;
      const t1 = ts[k + 1]!;
      if (t1 <= t0) continue;
      const tm = (t0 + t1) / 2;
      if (!insideShape(poly, ax + dx * tm, ay + dy * tm)) continue;
      const a = s0 + t0 * len;
      const b = t1 === 1 ? cum[i + 1]! : s0 + t1 * len;
      // Continue the previous stretch when it ends where this one starts (across a vertex).
      if (out.length > 0 && out[out.length - 1] === a) out[out.length - 1] = b;
      else out.push(a, b);
    }
  }
  return { intervals: out, touches: touches || out.length > 0 };
}

/** Union of interval lists (each sorted and disjoint). */
export function unionIntervals(lists: Intervals[]): Intervals {
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0]!;
  const pairs: Array<[number, number]> = [];
  for (const l of lists) for (let i = 0; i < l.length; i += 2) pairs.push([l[i]!, l[i + 1]!]);
  pairs.sort((p, q) => p[0] - q[0]);
  const out: Intervals = [];
  for (const [a, b] of pairs) {
    if (out.length > 0 && a <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, b);
    else out.push(a, b);
  }
  return out;
}

/** Cumulative length at each point of the shape's line strings (restarting at each one). */
export function cumulativeLengths(line: FlatShape): Float64Array {
  const cum = new Float64Array(line.xy.length / 2);
  let start = 0;
  for (const end of line.ends) {
    for (let i = start + 1; i < end; i++)
      cum[i] = cum[i - 1]! + Math.hypot(line.xy[2 * i]! - line.xy[2 * i - 2]!, line.xy[2 * i + 1]! - line.xy[2 * i - 1]!);
    start = end;
  }
  return cum;
}

/** The parts of [0, total] outside the intervals. */
export function complementIntervals(covered: Intervals, total: number): Intervals {
  const gaps: Intervals = [];
  let at = 0;
  for (let i = 0; i < covered.length; i += 2) {
    if (covered[i]! > at) gaps.push(at, covered[i]!);
    at = Math.max(at, covered[i + 1]!);
  }
  if (at < total) gaps.push(at, total);
  return gaps;
}

/** The stretches in `a` that are not in `b` (both sorted and disjoint). */
export function subtractIntervals(a: Intervals, b: Intervals): Intervals {
  const out: Intervals = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let from = a[i]!;
    const to = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= from) j += 2;
    for (let k = j; k < b.length && b[k]! < to; k += 2) {
      if (b[k]! > from) out.push(from, b[k]!);
      from = Math.max(from, b[k + 1]!);
    }
    if (from < to) out.push(from, to);
  }
  return out;
}

/**
 * The stretches of one line string (points `from`..`to`) given as intervals of distance along
 * it, as coordinate lists that follow the line through its vertices.
 */
export function stretchesOf(line: FlatShape, from: number, to: number, cum: Float64Array, intervals: Intervals): Polyline[] {
  const pieces: Polyline[] = [];
  let seg = from;
  const pointAt = (s: number, out: number[]) => {
    while (seg + 2 < to && cum[seg + 1]! < s) seg++;
    const s0 = cum[seg]!;
    const len = cum[seg + 1]! - s0;
    const t = len === 0 ? 0 : (s - s0) / len;
    if (t <= 0) out.push(line.xy[2 * seg]!, line.xy[2 * seg + 1]!);
    else if (t >= 1) out.push(line.xy[2 * seg + 2]!, line.xy[2 * seg + 3]!);
    else
      out.push(
        line.xy[2 * seg]! + (line.xy[2 * seg + 2]! - line.xy[2 * seg]!) * t,
        line.xy[2 * seg + 1]! + (line.xy[2 * seg + 3]! - line.xy[2 * seg + 1]!) * t,
      );
  };
  for (let g = 0; g < intervals.length; g += 2) {
    const a = intervals[g]!;
    const b = intervals[g + 1]!;
    if (b <= a) continue;
    const piece: number[] = [];
    pointAt(a, piece);
    for (let k = seg + 1; k < to - 1 && cum[k]! < b; k++) if (cum[k]! > a) piece.push(line.xy[2 * k]!, line.xy[2 * k + 1]!);
    const before = piece.length;
    pointAt(b, piece);
    if (piece.length === before + 2 && piece[before] === piece[before - 2] && piece[before + 1] === piece[before - 1])
      piece.length = before;
    if (piece.length >= 4) pieces.push(piece);
  }
  return pieces;
}

/** Length of coordinate lists. */
export function piecesLength(pieces: Polyline[]): number {
  let s = 0;
  for (const p of pieces) s += polylineLength(p);
  return s;
}
