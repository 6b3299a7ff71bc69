// Keeps footprints off the roads. Plots are laid out clear of the streets they face, but winding
// valley roads and village spurs can still cut a plot; any footprint a road crosses is dropped.
import { pointInRing, type XY } from './frame';

const CELL_METERS = 100;

function segmentsCross(a: XY, b: XY, c: XY, d: XY): boolean {
  const o = (p: XY, q: XY, r: XY) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) !== o(a, b, d) && o(c, d, a) !== o(c, d, b);
}

/** Returns the footprints (closed rings) that no road segment crosses or lies inside. */
export function keepOffRoads<T extends { ring: XY[] }>(footprints: readonly T[], roads: readonly (readonly XY[])[]): T[] {
  const grid = new Map<string, [XY, XY][]>();
  for (const line of roads) {
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1] as XY;
      const b = line[i] as XY;
      const x0 = Math.floor(Math.min(a[0], b[0]) / CELL_METERS);
      const x1 = Math.floor(Math.max(a[0], b[0]) / CELL_METERS);
      const y0 = Math.floor(Math.min(a[1], b[1]) / CELL_METERS);
      const y1 = Math.floor(Math.max(a[1], b[1]) / CELL_METERS);
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          const key = `${x},${y}`;
          const list = grid.get(key);
          if (list === undefined) grid.set(key, [[a, b]]);
          else list.push([a, b]);
        }
    }
  }
  return footprints.filter((f) => {
    const xs = f.ring.map((p) => p[0]);
    const ys = f.ring.map((p) => p[1]);
    const seen = new Set<[XY, XY]>();
    for (let x = Math.floor(Math.min(...xs) / CELL_METERS); x <= Math.floor(Math.max(...xs) / CELL_METERS); x++) {
      for (let y = Math.floor(Math.min(...ys) / CELL_METERS); y <= Math.floor(Math.max(...ys) / CELL_METERS); y++) {
        for (const seg of grid.get(`${x},${y}`) ?? []) {
          if (seen.has(seg)) continue;
          seen.add(seg);
          if (pointInRing(seg[0], f.ring) || pointInRing(seg[1], f.ring)) return false;
          for (let i = 1; i < f.ring.length; i++) if (segmentsCross(f.ring[i - 1] as XY, f.ring[i] as XY, seg[0], seg[1])) return false;
        }
      }
    }
    return true;
  });
}

/** A lookup "is this point inside any footprint", so no camera pole is put inside a house. */
export function insideAnyFootprint(footprints: readonly { ring: XY[] }[]): (p: XY) => boolean {
  const grid = new Map<string, XY[][]>();
  for (const f of footprints) {
    const xs = f.ring.map((p) => p[0]);
    const ys = f.ring.map((p) => p[1]);
    for (let x = Math.floor(Math.min(...xs) / CELL_METERS); x <= Math.floor(Math.max(...xs) / CELL_METERS); x++) {
      for (let y = Math.floor(Math.min(...ys) / CELL_METERS); y <= Math.floor(Math.max(...ys) / CELL_METERS); y++) {
        const key = `${x},${y}`;
        const list = grid.get(key);
        if (list === undefined) grid.set(key, [f.ring]);
        else list.push(f.ring);
      }
    }
  }
  return (p: XY) =>
    (grid.get(`${Math.floor(p[0] / CELL_METERS)},${Math.floor(p[1] / CELL_METERS)}`) ?? []).some((ring) => pointInRing(p, ring));
}
