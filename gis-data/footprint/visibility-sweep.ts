// Exact 2D visibility from a point among opaque segments, by an angular sweep over the segment
// end points (not a fan of rays): between two consecutive event angles the set of segments that
// span the direction is fixed, so the nearest one at the interval's middle is the nearest over
// the whole interval (building edges do not cross each other). The result is a list of angular
// intervals, each open (nothing in the way) or bounded by one straight wall r(θ) = p / cos(θ − φ).
// Walls that cross (overlapping buildings in real data) are handled where it happens: when the
// nearest wall differs at the two ends of an interval, the interval is split at their crossing.
import type { XY } from './types';

const TWO_PI = Math.PI * 2;

export interface Wall {
  /** Perpendicular distance from the viewpoint to the wall's line. */
  p: number;
  /** Direction (math radians) of the foot of that perpendicular. */
  phi: number;
  /** Which obstacle the wall belongs to (for provenance). */
  obstacle: number;
}

export interface VisibilityInterval {
  startRad: number;
  endRad: number;
  wall: Wall | undefined;
}

interface SweepSeg {
  s: number;
  e: number;
  wall: Wall;
}

function norm(a: number): number {
  const r = a % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}

/** Segments are given relative to the viewpoint (viewpoint at the origin). */
export function visibilitySweep(segments: Array<[XY, XY, number]>): VisibilityInterval[] {
  const segs: SweepSeg[] = [];
  for (const [a0, b0, obstacle] of segments) {
    const cross = a0[0] * b0[1] - a0[1] * b0[0];
    const dx = b0[0] - a0[0];
    const dy = b0[1] - a0[1];
    const len = Math.hypot(dx, dy);
    // A wall seen exactly edge-on hides nothing of positive area.
    if (len < 1e-9 || Math.abs(cross) < 1e-12 * len) continue;
    const [a, b] = cross > 0 ? [a0, b0] : [b0, a0];
    const p = Math.abs(cross) / len;
    // Foot of the perpendicular: a minus its component along the wall.
    const t = -(a[0] * dx + a[1] * dy) / (len * len);
    const fx = a[0] + t * dx;
    const fy = a[1] + t * dy;
    const wall: Wall = { p, phi: Math.atan2(fy, fx), obstacle };
    const s = norm(Math.atan2(a[1], a[0]));
    const e = norm(Math.atan2(b[1], b[0]));
    if (e >= s) segs.push({ s, e, wall });
    else {
      segs.push({ s, e: TWO_PI, wall });
      segs.push({ s: 0, e, wall });
    }
  }
  const events = new Set<number>([0, TWO_PI]);
  for (const sg of segs) {
    events.add(sg.s);
    events.add(sg.e);
  }
  const angles = [...events].sort((x, y) => x - y);
  segs.sort((x, y) => x.s - y.s);
  const active: SweepSeg[] = [];
  let next = 0;
  const out: VisibilityInterval[] = [];
  for (let i = 0; i + 1 < angles.length; i++) {
    const t0 = angles[i]!;
    const t1 = angles[i + 1]!;
    if (t1 - t0 < 1e-12) continue;
    while (next < segs.length && segs[next]!.s <= t0) active.push(segs[next++]!);
    for (let j = active.length - 1; j >= 0; j--) if (active[j]!.e <= t0) active.splice(j, 1);
    emitInterval(active, t0, t1, out, 0);
  }
  return out;
}

function nearestAt(active: SweepSeg[], t: number): Wall | undefined {
  let best: Wall | undefined;
  let bestR = Number.POSITIVE_INFINITY;
  for (const sg of active) {
    if (sg.s > t || sg.e < t) continue;
    const r = sg.wall.p / Math.cos(t - sg.wall.phi);
    if (r > 0 && r < bestR) {
      bestR = r;
      best = sg.wall;
    }
  }
  return best;
}

/** Direction of the crossing of two walls' lines (x·cos φ + y·sin φ = p). */
function crossingRad(a: Wall, b: Wall): number | undefined {
  const det = Math.cos(a.phi) * Math.sin(b.phi) - Math.sin(a.phi) * Math.cos(b.phi);
  if (Math.abs(det) < 1e-15) return undefined;
  const x = (a.p * Math.sin(b.phi) - b.p * Math.sin(a.phi)) / det;
  const y = (Math.cos(a.phi) * b.p - Math.cos(b.phi) * a.p) / det;
  return norm(Math.atan2(y, x));
}

function emitInterval(active: SweepSeg[], t0: number, t1: number, out: VisibilityInterval[], depth: number): void {
  const eps = (t1 - t0) * 1e-7;
  const a = nearestAt(active, t0 + eps);
  const b = nearestAt(active, t1 - eps);
  if (a !== b && a !== undefined && b !== undefined && depth < 12) {
    const tc = crossingRad(a, b);
    if (tc !== undefined && tc > t0 + eps && tc < t1 - eps) {
      emitInterval(active, t0, tc, out, depth + 1);
      emitInterval(active, tc, t1, out, depth + 1);
      return;
    }
  }
  const wall = a === b ? a : nearestAt(active, (t0 + t1) / 2);
  const last = out[out.length - 1];
  if (last !== undefined && last.wall === wall) last.endRad = t1;
  else out.push({ startRad: t0, endRad: t1, wall });
}
