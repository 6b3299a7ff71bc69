// Building outlines packed into shared typed arrays, so footprint workers read one copy of the
// city's buildings instead of each receiving a structured clone of ~500k small objects.
import type { Obstacle, XY } from '../gis-data/footprint';

export interface PackedObstacles {
  ids: Int32Array;
  heightsM: Float64Array;
  assumed: Uint8Array;
  /** Ring i is coords[2 * offsets[i] .. 2 * offsets[i + 1]) as x, y pairs. */
  offsets: Int32Array;
  coords: Float64Array;
}

const shared = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));

// A recompute hands the same outlines to the footprint workers and to the city-pass shards:
// packed once per list.
const packedCache = new WeakMap<Obstacle[], PackedObstacles>();

export function packObstacles(obstacles: Obstacle[]): PackedObstacles {
  const cached = packedCache.get(obstacles);
  if (cached !== undefined) return cached;
  const packed = packAll(obstacles);
  packedCache.set(obstacles, packed);
  return packed;
}

function packAll(obstacles: Obstacle[]): PackedObstacles {
  const n = obstacles.length;
  let points = 0;
  for (const ob of obstacles) points += ob.ring.length;
  const out: PackedObstacles = {
    ids: new Int32Array(shared(4 * n), 0, n),
    heightsM: new Float64Array(shared(8 * n), 0, n),
    assumed: new Uint8Array(shared(n), 0, n),
    offsets: new Int32Array(shared(4 * (n + 1)), 0, n + 1),
    coords: new Float64Array(shared(16 * points), 0, 2 * points),
  };
  let p = 0;
  obstacles.forEach((ob, i) => {
    out.ids[i] = ob.id;
    out.heightsM[i] = ob.heightM;
    out.assumed[i] = ob.heightAssumed === true ? 1 : 0;
    out.offsets[i] = p;
    for (const [x, y] of ob.ring) {
      out.coords[2 * p] = x;
      out.coords[2 * p + 1] = y;
      p++;
    }
  });
  out.offsets[n] = p;
  return out;
}

/** The outlines again as objects; with `box` ([x0, y0, x1, y1]) only those whose extent meets it. */
export function unpackObstacles(packed: PackedObstacles, box?: [number, number, number, number]): Obstacle[] {
  const out: Obstacle[] = [];
  const c = packed.coords;
  for (let i = 0; i < packed.ids.length; i++) {
    if (box !== undefined) {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let p = packed.offsets[i]!; p < packed.offsets[i + 1]!; p++) {
        if (c[2 * p]! < x0) x0 = c[2 * p]!;
        if (c[2 * p]! > x1) x1 = c[2 * p]!;
        if (c[2 * p + 1]! < y0) y0 = c[2 * p + 1]!;
        if (c[2 * p + 1]! > y1) y1 = c[2 * p + 1]!;
      }
      if (x0 > box[2] || x1 < box[0] || y0 > box[3] || y1 < box[1]) continue;
    }
    const ring: XY[] = [];
    for (let p = packed.offsets[i]!; p < packed.offsets[i + 1]!; p++) ring.push([packed.coords[2 * p]!, packed.coords[2 * p + 1]!]);
    out.push({ id: packed.ids[i]!, ring, heightM: packed.heightsM[i]!, heightAssumed: packed.assumed[i] === 1 });
  }
  return out;
}
