// The "why" of a page of blind spots reads the cameras and buildings near each piece: boxes that
// overlap become one (each read once), far-apart pieces keep their own (a page spread over a
// whole M city read every camera and building in it).
import { describe, expect, it } from 'vitest';
import { mergeBoxes } from '../../../api/domain/blind-spots/explain';

describe('mergeBoxes', () => {
  it('keeps boxes apart that do not overlap', () => {
    expect(
      mergeBoxes([
        [0, 0, 10, 10],
        [20, 0, 30, 10],
      ]),
    ).toEqual([
      [0, 0, 10, 10],
      [20, 0, 30, 10],
    ]);
  });

  it('merges overlapping and touching boxes, also through a chain', () => {
    const merged = mergeBoxes([
      [0, 0, 10, 10],
      [100, 100, 110, 110],
      [10, 0, 20, 10], // touches the first
      [19, 5, 40, 8], // overlaps the second of the chain only
    ]);
    expect(merged).toEqual([
      [0, 0, 40, 10],
      [100, 100, 110, 110],
    ]);
  });

  it('returns nothing for no boxes and leaves its input as it was', () => {
    expect(mergeBoxes([])).toEqual([]);
    const input: Array<[number, number, number, number]> = [
      [0, 0, 1, 1],
      [0.5, 0.5, 2, 2],
    ];
    mergeBoxes(input);
    expect(input[0]).toEqual([0, 0, 1, 1]);
  });
});
