// Clips a visibility result (star-shaped around the camera) to one view band: directions within
// the wedge, distances between the near blind zone edge and the far edge. Works in polar form:
// each wall piece is split where it crosses the near and far circles, so the output is exact
// except for arcs, which are drawn as chords at most `arcStepDeg` apart.
import type { VisibilityInterval, Wall } from './visibility-sweep';
import type { MultiPolygonXY, Ring, ViewBand, XY } from './types';

const TWO_PI = Math.PI * 2;
const DEG = Math.PI / 180;

type Kind = 'arc' | 'line' | 'gap';
interface Piece {
  t0: number;
  t1: number;
  kind: Kind;
  wall: Wall | undefined;
  nearM: number;
  farM: number;
}

/** An angular range [startRad, endRad] (math radians) seen between nearM and farM. */
export interface Sector {
  startRad: number;
  endRad: number;
  nearM: number;
  farM: number;
}

function wallR(w: Wall, t: number): number {
  return w.p / Math.cos(t - w.phi);
}

/** The visibility intervals covering [u0, u1], which may run outside [0, 2π). */
function piecesIn(vis: VisibilityInterval[], u0: number, u1: number): Array<{ t0: number; t1: number; wall: Wall | undefined }> {
  const out: Array<{ t0: number; t1: number; wall: Wall | undefined }> = [];
  const kStart = Math.floor(u0 / TWO_PI);
  const kEnd = Math.floor(u1 / TWO_PI);
  for (let k = kStart; k <= kEnd; k++) {
    for (const iv of vis) {
      const a = Math.max(u0, iv.startRad + k * TWO_PI);
      const b = Math.min(u1, iv.endRad + k * TWO_PI);
      if (b - a > 1e-12) {
        const shifted = iv.wall === undefined ? undefined : { ...iv.wall, phi: iv.wall.phi + k * TWO_PI };
        out.push({ t0: a, t1: b, wall: shifted });
      }
    }
  }
  return out;
}

function classify(vis: VisibilityInterval[], u0: number, u1: number, nearM: number, farM: number): Piece[] {
  const pieces: Piece[] = [];
  for (const pc of piecesIn(vis, u0, u1)) {
    const w = pc.wall;
    if (w === undefined) {
      pieces.push({ ...pc, kind: 'arc', nearM, farM });
      continue;
    }
    // Bring φ next to the piece so the crossing angles land inside it.
    const mid0 = (pc.t0 + pc.t1) / 2;
    const phi = w.phi + Math.round((mid0 - w.phi) / TWO_PI) * TWO_PI;
    const wall = { ...w, phi };
    const cuts = [pc.t0, pc.t1];
    for (const x of [nearM, farM]) {
      if (x > 0 && w.p < x) {
        const c = Math.acos(w.p / x);
        for (const t of [phi - c, phi + c]) if (t > pc.t0 && t < pc.t1) cuts.push(t);
      }
    }
    cuts.sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const t0 = cuts[i]!;
      const t1 = cuts[i + 1]!;
      if (t1 - t0 < 1e-12) continue;
      const r = wallR(wall, (t0 + t1) / 2);
      const kind: Kind = r >= farM ? 'arc' : r <= nearM ? 'gap' : 'line';
      pieces.push({ t0, t1, kind, wall, nearM, farM });
    }
  }
  return pieces;
}

function arcPoints(r: number, t0: number, t1: number, stepRad: number, out: XY[]): void {
  const n = Math.max(1, Math.ceil(Math.abs(t1 - t0) / stepRad));
  for (let i = 0; i <= n; i++) {
    const t = t0 + ((t1 - t0) * i) / n;
    out.push([r * Math.cos(t), r * Math.sin(t)]);
  }
}

function outerPath(run: Piece[], stepRad: number): XY[] {
  const pts: XY[] = [];
  for (const pc of run) {
    if (pc.kind === 'arc') arcPoints(pc.farM, pc.t0, pc.t1, stepRad, pts);
    else if (pc.wall !== undefined) {
      for (const t of [pc.t0, pc.t1]) {
        const r = wallR(pc.wall, t);
        pts.push([r * Math.cos(t), r * Math.sin(t)]);
      }
    }
  }
  return dedupe(pts);
}

function dedupe(pts: XY[]): XY[] {
  const out: XY[] = [];
  for (const p of pts) {
    const q = out[out.length - 1];
    if (q === undefined || Math.abs(q[0] - p[0]) > 1e-9 || Math.abs(q[1] - p[1]) > 1e-9) out.push(p);
  }
  return out;
}

function close(r: XY[]): Ring {
  const first = r[0]!;
  return [...r, [first[0], first[1]]];
}

/** Compass azimuth to the math angle of the wedge's centre. */
export function azimuthToMathRad(azimuthDeg: number): number {
  return (90 - azimuthDeg) * DEG;
}

/** The band's visible area around the origin (translate afterwards). */
export function bandPolygon(vis: VisibilityInterval[], band: ViewBand, arcStepDeg = 1): MultiPolygonXY {
  return sectorsPolygon(vis, sectorsFromBands([band]), arcStepDeg);
}

/**
 * Overlapping bands of one camera (PTZ presets) as disjoint sectors: in each angular piece the
 * union of the radial ranges [near, far] is taken as [min near, max far] (presets of one camera
 * overlap in range, so this is their exact union there). Angles are brought into [0, 2π).
 */
export function sectorsFromBands(bands: ViewBand[]): Sector[] {
  const spans: Sector[] = [];
  for (const b of bands) {
    if (b.hfovDeg >= 360) {
      spans.push({ startRad: 0, endRad: TWO_PI, nearM: b.nearM, farM: b.farM });
      continue;
    }
    const c = azimuthToMathRad(b.azimuthDeg);
    let a0 = (c - (b.hfovDeg / 2) * DEG) % TWO_PI;
    if (a0 < 0) a0 += TWO_PI;
    const a1 = a0 + b.hfovDeg * DEG;
    if (a1 <= TWO_PI) spans.push({ startRad: a0, endRad: a1, nearM: b.nearM, farM: b.farM });
    else {
      spans.push({ startRad: a0, endRad: TWO_PI, nearM: b.nearM, farM: b.farM });
      spans.push({ startRad: 0, endRad: a1 - TWO_PI, nearM: b.nearM, farM: b.farM });
    }
  }
  if (spans.length <= 1) return spans;
  const cuts = [...new Set(spans.flatMap((sp) => [sp.startRad, sp.endRad]))].sort((x, y) => x - y);
  const out: Sector[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const t0 = cuts[i]!;
    const t1 = cuts[i + 1]!;
    const mid = (t0 + t1) / 2;
    const cover = spans.filter((sp) => sp.startRad <= mid && sp.endRad >= mid);
    if (cover.length === 0) continue;
    out.push({ startRad: t0, endRad: t1, nearM: Math.min(...cover.map((c) => c.nearM)), farM: Math.max(...cover.map((c) => c.farM)) });
  }
  return out;
}

/** Visible area of disjoint sectors in ascending angle order, around the origin. */
export function sectorsPolygon(vis: VisibilityInterval[], sectors: Sector[], arcStepDeg = 1): MultiPolygonXY {
  const stepRad = arcStepDeg * DEG;
  if (sectors.length === 0) return [];
  // A wedge sector of a fixed camera may run below 0 or past 2π; piecesIn handles both.
  const pieces: Piece[] = [];
  let prevEnd: number | undefined;
  for (const sc of sectors) {
    // A hole between sectors breaks a run like a gap does.
    if (prevEnd !== undefined && sc.startRad - prevEnd > 1e-12)
      pieces.push({ t0: prevEnd, t1: sc.startRad, kind: 'gap', wall: undefined, nearM: 0, farM: 0 });
    pieces.push(...classify(vis, sc.startRad, sc.endRad, sc.nearM, sc.farM));
    prevEnd = sc.endRad;
  }
  const first = sectors[0]!;
  const last = sectors[sectors.length - 1]!;
  const full = Math.abs(first.startRad) < 1e-12 && Math.abs(last.endRad - TWO_PI) < 1e-12;
  const runs: Piece[][] = [];
  let cur: Piece[] = [];
  for (const pc of pieces) {
    if (pc.kind === 'gap') {
      if (cur.length > 0) runs.push(cur);
      cur = [];
    } else cur.push(pc);
  }
  if (cur.length > 0) runs.push(cur);
  if (runs.length === 0) return [];
  const noGap = pieces.every((p) => p.kind !== 'gap');
  if (full && noGap) {
    const outer = outerPath(pieces, stepRad);
    outer.pop(); // the point at 2π repeats the one at 0
    if (pieces.some((p) => p.nearM <= 0)) return [[close(dedupe(outer))]];
    const hole: XY[] = [];
    for (let i = pieces.length - 1; i >= 0; i--) arcPoints(pieces[i]!.nearM, pieces[i]!.t1, pieces[i]!.t0, stepRad, hole);
    const h = dedupe(hole);
    h.pop();
    return [[close(dedupe(outer)), close(h)]];
  }
  // A full circle cut by gaps: the run through angle 0 continues the last run.
  if (full && runs.length > 1 && pieces[0]!.kind !== 'gap' && pieces[pieces.length - 1]!.kind !== 'gap') {
    const lastRun = runs.pop()!;
    runs[0] = [
      ...lastRun.map((p) => ({
        ...p,
        t0: p.t0 - TWO_PI,
        t1: p.t1 - TWO_PI,
        wall: p.wall === undefined ? undefined : { ...p.wall, phi: p.wall.phi - TWO_PI },
      })),
      ...runs[0]!,
    ];
  }
  const polys: MultiPolygonXY = [];
  for (const run of runs) {
    const ta = run[0]!.t0;
    const tb = run[run.length - 1]!.t1;
    if (tb - ta < 1e-9) continue;
    const outer = outerPath(run, stepRad);
    for (let i = run.length - 1; i >= 0; i--) {
      const pc = run[i]!;
      if (pc.nearM > 0) arcPoints(pc.nearM, pc.t1, pc.t0, stepRad, outer);
      else outer.push([0, 0]);
    }
    const ring = dedupe(outer);
    if (ring.length >= 3) polys.push([close(ring)]);
  }
  return polys;
}
