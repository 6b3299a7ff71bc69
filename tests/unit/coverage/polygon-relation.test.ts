// The boundary test decides which parts skip the polygon overlay: any doubt must go to GEOS,
// so touching and holes inside the part count as "partial".
import { describe, expect, it } from 'vitest';
import { flatShape } from '../../../gis-data/coverage/flat-shape';
import { partRelation } from '../../../gis-data/coverage/polygon-relation';

const poly = (...rings: number[][]) => {
  const ends: number[] = [];
  let n = 0;
  for (const r of rings) ends.push((n += r.length / 2));
  return flatShape(2, Float64Array.from(rings.flat()), Int32Array.from(ends));
};
const square = (x0: number, y0: number, s: number) => [x0, y0, x0 + s, y0, x0 + s, y0 + s, x0, y0 + s, x0, y0];

describe('partRelation', () => {
  it('finds a disc-like part wholly inside a footprint', () => {
    expect(partRelation(poly(square(10, 10, 5)), poly(square(0, 0, 100)))).toBe('within');
  });
  it('finds parts apart, even when their boxes overlap', () => {
    const lShape = poly([0, 0, 100, 0, 100, 10, 10, 10, 10, 100, 0, 100, 0, 0]);
    expect(partRelation(poly(square(50, 50, 10)), lShape)).toBe('disjoint');
  });
  it('calls crossing boundaries partial', () => {
    expect(partRelation(poly(square(90, 10, 20)), poly(square(0, 0, 100)))).toBe('partial');
  });
  it('calls a shared edge partial, leaving the exact answer to the overlay', () => {
    expect(partRelation(poly(square(100, 0, 10)), poly(square(0, 0, 100)))).toBe('partial');
  });
  it('calls a footprint hole inside the part partial (the part is not wholly seen)', () => {
    expect(partRelation(poly(square(10, 10, 50)), poly(square(0, 0, 100), square(20, 20, 5)))).toBe('partial');
  });
  it('calls a footprint lying inside the part partial', () => {
    expect(partRelation(poly(square(0, 0, 100)), poly(square(40, 40, 10)))).toBe('partial');
  });
});
