// The points at which a blind-spot piece's reason is judged, as xl_blind_spot_samples (migration
// 0018) picks them in PostGIS: three along a gap (ST_LineInterpolatePoint at 0.15, 0.5, 0.85 of
// its first line string) and one inside an area (ST_PointOnSurface, GEOS's InteriorPointArea).
// The city pass judges the pieces it cuts before storing them, and a refresh judges stored
// pieces in SQL: both must look at the same points, so the arithmetic follows PostGIS's and
// GEOS's step by step (a test compares the two on generated and real shapes).

export const LINE_SAMPLE_FRACTIONS = [0.15, 0.5, 0.85] as const;

// Exact products and sums of doubles (Dekker, Knuth), for a correctly rounded hypot.
const SPLIT = 134217729; // 2^27 + 1
function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const v = s - a;
  return [s, a - (s - v) + (b - v)];
}

/**
 * √(dx² + dy²) rounded as the C library's hypot rounds it (to nearest): PostGIS measures a
 * segment with hypot, and JavaScript's Math.hypot differs from it in the last bit now and then.
 */
export function hypot(dx: number, dy: number): number {
  const [xh, xl] = twoProd(dx, dx);
  const [yh, yl] = twoProd(dy, dy);
  const [sh, sl] = twoSum(xh, yh);
  const hi = sh + (sl + xl + yl);
  const lo = sl + xl + yl - (hi - sh);
  const r = Math.sqrt(hi);
  const [rh, rl] = twoProd(r, r);
  return r + (hi - rh - rl + lo) / (2 * r);
}

/** ST_LineInterpolatePoint of a line (x, y pairs) at fraction f of its 2-D length. */
export function lineInterpolatePoint(xy: ArrayLike<number>, f: number): [number, number] {
  const n = xy.length / 2;
  if (f === 0) return [xy[0]!, xy[1]!];
  if (f === 1 || n === 1) return [xy[2 * n - 2]!, xy[2 * n - 1]!];
  let length = 0;
  for (let i = 1; i < n; i++) {
    const dx = xy[2 * i - 2]! - xy[2 * i]!;
    const dy = xy[2 * i - 1]! - xy[2 * i + 1]!;
    length += Math.sqrt(dx * dx + dy * dy);
  }
  let consumed = 0;
  for (let i = 0; i < n - 1; i++) {
    const x1 = xy[2 * i]!;
    const y1 = xy[2 * i + 1]!;
    const x2 = xy[2 * i + 2]!;
    const y2 = xy[2 * i + 3]!;
    const segment = hypot(x2 - x1, y2 - y1) / length;
    if (f < consumed + segment) {
      const t = (f - consumed) / segment;
      return [x1 + (x2 - x1) * t, y1 + (y2 - y1) * t];
    }
    consumed += segment;
  }
  // Rounding left the point past the last segment.
  return [xy[2 * n - 2]!, xy[2 * n - 1]!];
}

const avg = (a: number, b: number) => (a + b) / 2;

/**
 * ST_PointOnSurface of one polygon (closed rings, shell first): on a horizontal scan line that
 * avoids vertices near the middle of the shell's extent, the middle of the widest stretch inside.
 * Returns the stretch's width too, so a multipolygon can keep its widest polygon's point.
 */
export function polygonInteriorPoint(rings: ArrayLike<number>[]): { x: number; y: number; width: number } {
  const shell = rings[0]!;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 1; i < shell.length; i += 2) {
    if (shell[i]! < minY) minY = shell[i]!;
    if (shell[i]! > maxY) maxY = shell[i]!;
  }
  // The scan line: halfway between the vertex ordinates nearest the centre, below and above.
  const centreY = avg(minY, maxY);
  let loY = minY;
  let hiY = maxY;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i += 2) {
      const y = ring[i]!;
      if (y <= centreY) {
        if (y > loY) loY = y;
      } else if (y < hiY) hiY = y;
    }
  }
  const scanY = avg(hiY, loY);
  const crossings: number[] = [];
  for (const ring of rings) {
    let rMin = Infinity;
    let rMax = -Infinity;
    for (let i = 1; i < ring.length; i += 2) {
      if (ring[i]! < rMin) rMin = ring[i]!;
      if (ring[i]! > rMax) rMax = ring[i]!;
    }
    if (scanY < rMin || scanY > rMax) continue;
    for (let i = 2; i < ring.length; i += 2) {
      const x0 = ring[i - 2]!;
      const y0 = ring[i - 1]!;
      const x1 = ring[i]!;
      const y1 = ring[i + 1]!;
      if ((y0 > scanY && y1 > scanY) || (y0 < scanY && y1 < scanY)) continue;
      // Horizontal edges, and a vertex on the line, count once.
      if (y0 === y1) continue;
      if (y0 === scanY && y1 < scanY) continue;
      if (y1 === scanY && y0 < scanY) continue;
      crossings.push(x0 === x1 ? x0 : x0 + (scanY - y0) / ((y1 - y0) / (x1 - x0)));
    }
  }
  let best = { x: shell[0]!, y: shell[1]!, width: 0 };
  crossings.sort((a, b) => a - b);
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const width = crossings[i + 1]! - crossings[i]!;
    if (width > best.width) best = { x: avg(crossings[i]!, crossings[i + 1]!), y: scanY, width };
  }
  return best;
}

/** ST_PointOnSurface of a multipolygon (each polygon its closed rings): the widest polygon's point. */
export function pointOnSurface(polygons: ArrayLike<number>[][]): [number, number] {
  let best: { x: number; y: number; width: number } | undefined;
  for (const rings of polygons) {
    if (rings.length === 0 || rings[0]!.length === 0) continue;
    const p = polygonInteriorPoint(rings);
    if (best === undefined || p.width > best.width) best = p;
  }
  if (best === undefined) throw new Error('pointOnSurface: empty geometry');
  return [best.x, best.y];
}
