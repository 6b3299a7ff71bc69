// Road coverage in one dimension: the covered stretches of a line inside footprints must be
// exact (they become published road coverage) and must handle holes, vertices and touches.
import { describe, expect, it } from 'vitest';
import { flatShape } from '../../../gis-data/coverage/flat-shape';
import {
  complementIntervals,
  cumulativeLengths,
  lineInsidePolygon,
  stretchesOf,
  subtractIntervals,
  unionIntervals,
} from '../../../gis-data/coverage/line-cover';

const shape = (dim: 1 | 2, rings: number[][]) => {
  const xy = rings.flat();
  const ends: number[] = [];
  let n = 0;
  for (const r of rings) ends.push((n += r.length / 2));
  return flatShape(dim, Float64Array.from(xy), Int32Array.from(ends));
};
const square = (x0: number, y0: number, s: number) => [x0, y0, x0 + s, y0, x0 + s, y0 + s, x0, y0 + s, x0, y0];

describe('lineInsidePolygon', () => {
  it('finds the stretch of a straight road inside a square, in metres from the start', () => {
    const line = shape(1, [[0, 5, 100, 5]]);
    const c = lineInsidePolygon(line, 0, 2, cumulativeLengths(line), shape(2, [square(20, 0, 30)]));
    expect(c.intervals).toEqual([20, 50]);
    expect(c.touches).toBe(true);
  });

  it('leaves out a hole and joins stretches across the line’s own vertices', () => {
    const line = shape(1, [[0, 5, 40, 5, 100, 5]]);
    const poly = shape(2, [square(10, 0, 80), square(45, 2, 10)]);
    const c = lineInsidePolygon(line, 0, 3, cumulativeLengths(line), poly);
    expect(c.intervals).toEqual([10, 45, 55, 90]);
  });

  it('says a line that only touches a corner touches, with nothing covered (ST_Intersects counts it)', () => {
    const line = shape(1, [[0, 0, 10, 10]]);
    const c = lineInsidePolygon(line, 0, 2, cumulativeLengths(line), shape(2, [square(10, 10, 5)]));
    expect(c.intervals).toEqual([]);
    expect(c.touches).toBe(true);
  });

  it('says a line far away neither touches nor is covered', () => {
    const line = shape(1, [[0, 0, 10, 0]]);
    expect(lineInsidePolygon(line, 0, 2, cumulativeLengths(line), shape(2, [square(50, 50, 5)]))).toEqual({
      intervals: [],
      touches: false,
    });
  });
});

describe('interval algebra', () => {
  it('unions overlapping and touching stretches once', () => {
    expect(
      unionIntervals([
        [0, 10, 30, 40],
        [5, 20],
        [40, 45],
      ]),
    ).toEqual([0, 20, 30, 45]);
  });
  it('gives the gaps of a line from its covered stretches', () => {
    expect(complementIntervals([10, 20, 30, 100], 100)).toEqual([0, 10, 20, 30]);
    expect(complementIntervals([], 7)).toEqual([0, 7]);
  });
  it('subtracts what working cameras still see from what all cameras see', () => {
    expect(subtractIntervals([0, 50, 60, 100], [10, 20, 40, 70])).toEqual([0, 10, 20, 40, 70, 100]);
    expect(subtractIntervals([0, 10], [0, 10])).toEqual([]);
  });
});

describe('stretchesOf', () => {
  it('turns intervals back into coordinates that follow the line through its bends', () => {
    const line = shape(1, [[0, 0, 10, 0, 10, 10]]);
    expect(stretchesOf(line, 0, 3, cumulativeLengths(line), [5, 15])).toEqual([[5, 0, 10, 0, 10, 5]]);
  });
});
