// Length of a polyline inside a set of polygons (planar metres), for shapes held as nested
// [x, y] arrays (the planner's preview): the city pass's one-dimensional cut (line-cover.ts)
// on flat copies. Even-odd over all rings, so holes and one union's members count once.
import { multiPolygonAreaM2, pointInRing, type MultiPolygonXY, type XY } from '../footprint';
import { flatShape } from './flat-shape';
import { cumulativeLengths, lineInsidePolygon } from './line-cover';

/** Whether a point lies in a multipolygon (inside an outer ring and in none of its holes). */
export function pointInMultiPolygon(p: XY, mp: MultiPolygonXY): boolean {
  return mp.some((poly) => pointInRing(p, poly[0]!) && !poly.slice(1).some((h) => pointInRing(p, h)));
}

export function lengthInsideM(line: XY[], mp: MultiPolygonXY): number {
  if (line.length < 2) return 0;
  const l = flatShape(1, Float64Array.from(line.flat()), Int32Array.of(line.length));
  const rings = mp.flat();
  let n = 0;
  const poly = flatShape(2, Float64Array.from(rings.flat(2)), Int32Array.from(rings.map((r) => (n += r.length))));
  const inside = lineInsidePolygon(l, 0, line.length, cumulativeLengths(l), poly).intervals;
  let total = 0;
  for (let i = 0; i < inside.length; i += 2) total += inside[i + 1]! - inside[i]!;
  return total;
}

export { multiPolygonAreaM2 };
