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
      pieces.push({ ...pc, kind: 'arc' });
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
      pieces.push({ t0, t1, kind, wall });
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

function outerPath(run: Piece[], farM: number, stepRad: number): XY[] {
  const pts: XY[] = [];
  for (const pc of run) {
    if (pc.kind === 'arc') arcPoints(farM, pc.t0, pc.t1, stepRad, pts);
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
  const stepRad = arcStepDeg * DEG;
  const full = band.hfovDeg >= 360;
  const centre = azimuthToMathRad(band.azimuthDeg);
  const u0 = full ? 0 : centre - (band.hfovDeg / 2) * DEG;
  const u1 = full ? TWO_PI : centre + (band.hfovDeg / 2) * DEG;
  const pieces = classify(vis, u0, u1, band.nearM, band.farM);
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
    const outer = outerPath(pieces, band.farM, stepRad);
    outer.pop(); // the point at 2π repeats the one at 0
    if (band.nearM <= 0) return [[close(outer)]];
    const hole: XY[] = [];
    arcPoints(band.nearM, TWO_PI, 0, stepRad, hole);
    hole.pop();
    return [[close(outer), close(hole)]];
  }
  // A full circle cut by gaps: the run through angle 0 continues the last run.
  if (full && runs.length > 1 && pieces[0]!.kind !== 'gap' && pieces[pieces.length - 1]!.kind !== 'gap') {
    const last = runs.pop()!;
    runs[0] = [...last.map((p) => ({ ...p, t0: p.t0 - TWO_PI, t1: p.t1 - TWO_PI, wall: p.wall === undefined ? undefined : { ...p.wall, phi: p.wall.phi - TWO_PI } })), ...runs[0]!];
  }
  const polys: MultiPolygonXY = [];
  for (const run of runs) {
    const ta = run[0]!.t0;
    const tb = run[run.length - 1]!.t1;
    if (tb - ta < 1e-9) continue;
    const outer = outerPath(run, band.farM, stepRad);
    if (band.nearM > 0) arcPoints(band.nearM, tb, ta, stepRad, outer);
    else outer.push([0, 0]);
    const ring = dedupe(outer);
    if (ring.length >= 3) polys.push([close(ring)]);
  }
  return polys;
}
