// Length of a polyline inside a set of polygons (planar metres): cut every segment where it
// crosses a ring and keep the pieces whose middle lies inside (even-odd over all rings, so holes
// and overlapping unions count once when the polygons come from one union).
import { multiPolygonAreaM2, pointInRing, type MultiPolygonXY, type XY } from '../footprint';

/** Whether a point lies in a multipolygon (inside an outer ring and in none of its holes). */
export function pointInMultiPolygon(p: XY, mp: MultiPolygonXY): boolean {
  return mp.some((poly) => pointInRing(p, poly[0]!) && !poly.slice(1).some((h) => pointInRing(p, h)));
}

export function lengthInsideM(line: XY[], mp: MultiPolygonXY): number {
  let total = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const ts = [0, 1];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    for (const poly of mp) {
      for (const ring of poly) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const c = ring[k]!;
          const d = ring[k + 1]!;
          const ex = d[0] - c[0];
          const ey = d[1] - c[1];
          const den = dx * ey - dy * ex;
          if (Math.abs(den) < 1e-15) continue;
          const t = ((c[0] - a[0]) * ey - (c[1] - a[1]) * ex) / den;
          const u = ((c[0] - a[0]) * dy - (c[1] - a[1]) * dx) / den;
          if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
        }
      }
    }
    ts.sort((x, y) => x - y);
    const len = Math.hypot(dx, dy);
    for (let k = 0; k + 1 < ts.length; k++) {
      const tm = (ts[k]! + ts[k + 1]!) / 2;
      if (pointInMultiPolygon([a[0] + dx * tm, a[1] + dy * tm], mp)) total += (ts[k + 1]! - ts[k]!) * len;
    }
  }
  return total;
}

export { multiPolygonAreaM2 };
