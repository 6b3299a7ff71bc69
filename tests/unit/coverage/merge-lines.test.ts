// Road gaps from consecutive parts are one blind spot when they meet end to end, as
// ST_LineMerge makes them; a fork stays split, so a junction is not glued to one branch.
import { describe, expect, it } from 'vitest';
import { mergeLines, polylineLength } from '../../../gis-data/coverage/merge-lines';

describe('mergeLines', () => {
  it('joins pieces that meet end to end, whichever way each runs', () => {
    const out = mergeLines([
      [0, 0, 10, 0],
      [20, 0, 10, 0],
      [20, 0, 30, 0],
    ]);
    expect(out).toHaveLength(1);
    expect(polylineLength(out[0]!)).toBe(30);
    expect([out[0]![0], out[0]![out[0]!.length - 2]].sort((a, b) => a! - b!)).toEqual([0, 30]);
  });
  it('keeps three pieces meeting at one point apart', () => {
    expect(
      mergeLines([
        [0, 0, 10, 0],
        [10, 0, 20, 0],
        [10, 0, 10, 10],
      ]),
    ).toHaveLength(3);
  });
  it('closes a loop into one ring and leaves separate pieces separate', () => {
    const out = mergeLines([
      [0, 0, 10, 0],
      [10, 0, 10, 10],
      [10, 10, 0, 0],
      [50, 50, 60, 60],
    ]);
    expect(out.map((l) => Math.round(polylineLength(l) * 1000) / 1000).sort((a, b) => a - b)).toEqual([14.142, 34.142]);
  });
});
