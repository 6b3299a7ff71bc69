// How a target part (disc, hotspot piece) lies against one footprint, without an overlay:
// apart, wholly inside, or anything else. Most parts of a city are either seen by no camera or
// wholly inside one footprint; only the rest need a polygon difference (done by GEOS). Any
// contact between the two boundaries counts as "partial", so a doubtful case always goes to
// the exact overlay rather than being guessed here.
import type { FlatShape } from './flat-shape';
import { insideShape } from './line-cover';

export type PartRelation = 'disjoint' | 'within' | 'partial';

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function between(a: number, b: number, v: number): boolean {
  return a <= b ? a <= v && v <= b : b <= v && v <= a;
}

/** Closed segments ab and cd meet (crossing, touching or overlapping). */
function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && between(cx, dx, ax) && between(cy, dy, ay)) return true;
  if (d2 === 0 && between(cx, dx, bx) && between(cy, dy, by)) return true;
  if (d3 === 0 && between(ax, bx, cx) && between(ay, by, cy)) return true;
  if (d4 === 0 && between(ax, bx, dx) && between(ay, by, dy)) return true;
  return false;
}

function boundariesMeet(part: FlatShape, f: FlatShape): boolean {
  const [x0, y0, x1, y1] = part.box;
  const fxy = f.xy;
  const pxy = part.xy;
  let fs = 0;
  for (const fe of f.ends) {
    for (let k = fs; k + 1 < fe; k++) {
      const cx = fxy[2 * k]!;
      const cy = fxy[2 * k + 1]!;
      const dx = fxy[2 * k + 2]!;
      const dy = fxy[2 * k + 3]!;
      // Only footprint edges within the part's box can meet it.
      if ((cx < x0 && dx < x0) || (cx > x1 && dx > x1) || (cy < y0 && dy < y0) || (cy > y1 && dy > y1)) continue;
      const ex0 = Math.min(cx, dx);
      const ex1 = Math.max(cx, dx);
      const ey0 = Math.min(cy, dy);
      const ey1 = Math.max(cy, dy);
      let ps = 0;
      for (const pe of part.ends) {
        for (let i = ps; i + 1 < pe; i++) {
          const ax = pxy[2 * i]!;
          const ay = pxy[2 * i + 1]!;
          const bx = pxy[2 * i + 2]!;
          const by = pxy[2 * i + 3]!;
          if ((ax < ex0 && bx < ex0) || (ax > ex1 && bx > ex1) || (ay < ey0 && by < ey0) || (ay > ey1 && by > ey1)) continue;
          if (segmentsMeet(ax, ay, bx, by, cx, cy, dx, dy)) return true;
        }
        ps = pe;
      }
    }
    fs = fe;
  }
  return false;
}

/** Whether some ring of `f` has its first point inside `part` (a hole or member inside it). */
function ringOfInside(f: FlatShape, part: FlatShape): boolean {
  const [x0, y0, x1, y1] = part.box;
  let start = 0;
  for (const end of f.ends) {
    const x = f.xy[2 * start]!;
    const y = f.xy[2 * start + 1]!;
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && insideShape(part, x, y)) return true;
    start = end;
  }
  return false;
}

export function partRelation(part: FlatShape, f: FlatShape): PartRelation {
  const a = part.box;
  const b = f.box;
  if (a[2] < b[0] || a[0] > b[2] || a[3] < b[1] || a[1] > b[3]) return 'disjoint';
  if (boundariesMeet(part, f)) return 'partial';
  // The boundaries do not meet: each ring of one lies wholly inside or outside the other.
  // A part of several members is within only if every ring's first point is.
  let inRings = 0;
  let start = 0;
  for (const end of part.ends) {
    if (insideShape(f, part.xy[2 * start]!, part.xy[2 * start + 1]!)) inRings++;
    start = end;
  }
  if (inRings !== 0 && inRings !== part.ends.length) return 'partial';
  if (ringOfInside(f, part)) return 'partial';
  return inRings === 0 ? 'disjoint' : 'within';
}
