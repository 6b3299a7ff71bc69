// WKB in and out of the city pass: what it reads must be what PostGIS stored, and what it writes
// must be what PostGIS reads back (hex EWKB with the SRID).
import { describe, expect, it } from 'vitest';
import { lineStringsEwkb, readWkb } from '../../../gis-data/coverage/flat-shape';

// MULTIPOLYGON(((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1)),((10 10,11 10,11 11,10 10))) in big-endian WKB.
function bigEndianMultiPolygon(): Buffer {
  const rings = [
    [
      [0, 0, 4, 0, 4, 4, 0, 4, 0, 0],
      [1, 1, 2, 1, 2, 2, 1, 2, 1, 1],
    ],
    [[10, 10, 11, 10, 11, 11, 10, 10]],
  ];
  const parts: Buffer[] = [];
  const head = (type: number) => {
    const b = Buffer.alloc(5);
    b.writeUInt8(0, 0);
    b.writeUInt32BE(type, 1);
    return b;
  };
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n, 0);
    return b;
  };
  parts.push(head(6), u32(rings.length));
  for (const poly of rings) {
    parts.push(head(3), u32(poly.length));
    for (const ring of poly) {
      parts.push(u32(ring.length / 2));
      for (const v of ring) {
        const b = Buffer.alloc(8);
        b.writeDoubleBE(v, 0);
        parts.push(b);
      }
    }
  }
  return Buffer.concat(parts);
}

describe('flat shapes', () => {
  it('reads big-endian multipolygons ring by ring', () => {
    const s = readWkb(bigEndianMultiPolygon());
    expect(s.dim).toBe(2);
    expect(Array.from(s.ends)).toEqual([5, 10, 14]);
    expect(s.box).toEqual([0, 0, 11, 11]);
  });
  it('writes line strings PostGIS reads back, empty and multi included', () => {
    const one = readWkb(lineStringsEwkb([[0, 0, 3, 4]], 4326));
    expect(Array.from(one.xy)).toEqual([0, 0, 3, 4]);
    const two = readWkb(
      lineStringsEwkb(
        [
          [0, 0, 1, 1],
          [5, 5, 6, 6, 7, 7],
        ],
        4326,
      ),
    );
    expect(Array.from(two.ends)).toEqual([2, 5]);
    expect(readWkb(lineStringsEwkb([], 4326)).xy.length).toBe(0);
  });
});
