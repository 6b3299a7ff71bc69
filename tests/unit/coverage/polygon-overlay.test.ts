// The city pass's polygon overlay (Clipper2): what of a part the footprints leave, with holes,
// rings in either direction, multipolygon footprints, and the "now less design" cut; and the
// EWKB it writes, read back.
import { describe, expect, it } from 'vitest';
import { flatShape, polygonsEwkb, readWkb } from '../../../gis-data/coverage/flat-shape';
import { subtractResults, uncoveredPart } from '../../../gis-data/coverage/polygon-overlay';

// UTM-sized coordinates, as the engine sees them.
const X = 512_345;
const Y = 3_541_200;
const poly = (...rings: number[][]) => {
  const ends: number[] = [];
  let n = 0;
  for (const r of rings) ends.push((n += r.length / 2));
  return flatShape(2, Float64Array.from(rings.flat()), Int32Array.from(ends));
};
/** A closed square ring, counter-clockwise unless `cw`. */
const square = (x0: number, y0: number, s: number, cw = false) => {
  const r = [X + x0, Y + y0, X + x0 + s, Y + y0, X + x0 + s, Y + y0 + s, X + x0, Y + y0 + s];
  const pts = cw ? [r[0]!, r[1]!, r[6]!, r[7]!, r[4]!, r[5]!, r[2]!, r[3]!] : r;
  return [...pts, pts[0]!, pts[1]!];
};

describe('uncoveredPart', () => {
  const part = poly(square(0, 0, 10));

  it('leaves the part less the union of its footprints, whatever their ring direction', () => {
    const r = uncoveredPart(part, [poly(square(0, 0, 5, true)), poly(square(2, 2, 5))]);
    expect(r.area).toBeCloseTo(100 - (25 + 25 - 9), 9);
    expect(r.polygons).toHaveLength(1);
  });

  it('keeps a footprint hole open and an island in a part hole out', () => {
    // A footprint over the whole part with a 2 × 2 hole (ring drawn the same way as its shell).
    const r = uncoveredPart(part, [poly(square(-10, -10, 30), square(4, 4, 2))]);
    expect(r.area).toBeCloseTo(4, 9);
    expect(r.polygons[0]!.rings).toHaveLength(1);
    // A footprint inside the part: the part is left with a hole.
    const inner = uncoveredPart(part, [poly(square(3, 3, 4))]);
    expect(inner.area).toBeCloseTo(84, 9);
    expect(inner.polygons).toHaveLength(1);
    expect(inner.polygons[0]!.rings).toHaveLength(2);
    expect(inner.polygons[0]!.area).toBeCloseTo(84, 9);
  });

  it('takes a multipolygon footprint (two shells) as both its polygons', () => {
    const r = uncoveredPart(part, [poly(square(0, 0, 3), square(7, 7, 3, true))]);
    expect(r.area).toBeCloseTo(100 - 18, 9);
  });

  it('gives the same gap for a footprint reaching far past the part and back into it (cut to the part box first)', () => {
    // A U-shaped footprint 50 m across whose slot (3 ≤ x ≤ 7, from y = 3 up) runs through the part.
    const u = [-50, -50, 60, -50, 60, 60, 7, 60, 7, 3, 3, 3, 3, 60, -50, 60, -50, -50];
    const r = uncoveredPart(part, [poly(u.map((v, i) => v + (i % 2 === 0 ? X : Y)))]);
    expect(r.area).toBeCloseTo(4 * 7, 9);
    expect(r.polygons).toHaveLength(1);
    // Its vertices are the slot's within the part: nothing from the cut along the box.
    const xs = Array.from(r.polygons[0]!.rings[0]!)
      .filter((_, i) => i % 2 === 0)
      .map((x) => x - X);
    expect(Math.min(...xs)).toBeCloseTo(3, 9);
    expect(Math.max(...xs)).toBeCloseTo(7, 9);
  });

  it('returns nothing when the footprints cover the part, and the whole part when none is given', () => {
    expect(uncoveredPart(part, [poly(square(-1, -1, 12))]).polygons).toEqual([]);
    expect(uncoveredPart(part, []).area).toBeCloseTo(100, 9);
  });

  it('cuts what only cameras now down saw: the "now" gap less the design gap', () => {
    const design = uncoveredPart(part, [poly(square(0, 0, 5)), poly(square(5, 5, 5))]);
    const now = uncoveredPart(part, [poly(square(0, 0, 5))]);
    const down = subtractResults(now, design);
    expect(down.area).toBeCloseTo(25, 9);
    expect(() => subtractResults(now, uncoveredPart(poly(square(50, 50, 10)), []))).toThrow(/different parts/);
  });
});

describe('polygonsEwkb', () => {
  it('writes POLYGON EMPTY, a POLYGON or a MULTIPOLYGON that reads back to the same rings', () => {
    const part = poly(square(0, 0, 10));
    // A band across the middle leaves two polygons.
    const band = [X - 1, Y + 4, X + 11, Y + 4, X + 11, Y + 6, X - 1, Y + 6, X - 1, Y + 4];
    const two = uncoveredPart(part, [poly(band)]);
    expect(two.polygons).toHaveLength(2);
    const srid = 32650;
    const wkb = polygonsEwkb(
      two.polygons.map((p) => p.rings),
      srid,
    );
    const back = readWkb(wkb);
    expect(wkb.readUInt32LE(1) & 0xff).toBe(6);
    expect(wkb.readUInt32LE(5)).toBe(srid);
    expect(Array.from(back.xy)).toEqual(two.polygons.flatMap((p) => p.rings.flatMap((r) => Array.from(r))));
    expect(polygonsEwkb([two.polygons[0]!.rings], srid).readUInt32LE(1) & 0xff).toBe(3);
    expect(readWkb(polygonsEwkb([], srid)).ends.length).toBe(0);
  });
});
