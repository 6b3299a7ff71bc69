// Building footprints with heights. A block is cut into a lattice of plots in its own (s, t)
// coordinates and each plot may hold one building inset from the plot's edges, so footprints
// never overlap each other or the streets, and every footprint is a valid convex quadrilateral.
import { add, orientedRect, unitFromBearing, bearingDeg, type XY } from './frame';
import type { Prng } from './prng';
import type { Block, BlockZone } from './roads-grid';
import type { Village } from './roads-valley';

export interface BuildingXY {
  ring: XY[];
  kind: string;
  name: string | null;
  heightM: number;
  heightAssumed: boolean;
  center: XY;
}

/** Bilinear map of the block's unit square onto its quadrilateral. */
export function blockPoint(c: Block['corners'], s: number, t: number): XY {
  const [a, b, cc, d] = c;
  const x = (1 - s) * (1 - t) * a[0] + s * (1 - t) * b[0] + s * t * cc[0] + (1 - s) * t * d[0];
  const y = (1 - s) * (1 - t) * a[1] + s * (1 - t) * b[1] + s * t * cc[1] + (1 - s) * t * d[1];
  return [x, y];
}

const ZONE: Record<BlockZone, { plotW: number; plotD: number; fill: number; floors: [number, number] }> = {
  core: { plotW: 45, plotD: 40, fill: 0.75, floors: [8, 30] },
  seat: { plotW: 38, plotD: 34, fill: 0.65, floors: [4, 12] },
  town: { plotW: 24, plotD: 24, fill: 0.6, floors: [2, 5] },
};

function storeyHeight(rng: Prng, floors: [number, number]): number {
  // 3 m storeys plus a little roof, rounded to 0.5 m.
  return Math.round((rng.int(floors[0], floors[1]) * 3 + rng.range(0, 2)) * 2) / 2;
}

/** Fills one block with buildings; `kind` overrides the default (school, hospital, ...). */
export function fillBlock(
  block: Block,
  rng: Prng,
  opts: { kind?: string; fill?: number; floors?: [number, number]; plotScale?: number } = {},
): BuildingXY[] {
  const zone = ZONE[block.zone];
  const [a, b, , d] = block.corners;
  const widthM = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const depthM = Math.hypot(d[0] - a[0], d[1] - a[1]);
  const scale = opts.plotScale ?? 1;
  const setbackM = 10; // street half-width plus pavement
  const usableW = widthM - 2 * setbackM;
  const usableD = depthM - 2 * setbackM;
  if (usableW < 10 || usableD < 10) return [];
  // Blocks are often an exact multiple of the plot size: the epsilon keeps floating-point noise in
  // the corner positions from flipping the plot count (and with it every later random draw).
  const nx = Math.max(1, Math.floor(usableW / (zone.plotW * scale) + 1e-6));
  const ny = Math.max(1, Math.floor(usableD / (zone.plotD * scale) + 1e-6));
  const s0 = setbackM / widthM;
  const t0 = setbackM / depthM;
  const ds = (1 - 2 * s0) / nx;
  const dt = (1 - 2 * t0) / ny;
  const out: BuildingXY[] = [];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      if (!rng.chance(opts.fill ?? zone.fill)) continue;
      // Plot insets: 10-25 % each side keeps gaps between neighbours.
      const il = rng.range(0.1, 0.25);
      const ir = rng.range(0.1, 0.25);
      const ib = rng.range(0.1, 0.25);
      const it = rng.range(0.1, 0.25);
      const sa = s0 + (i + il) * ds;
      const sb = s0 + (i + 1 - ir) * ds;
      const ta = t0 + (j + ib) * dt;
      const tb = t0 + (j + 1 - it) * dt;
      const ring = [
        blockPoint(block.corners, sa, ta),
        blockPoint(block.corners, sb, ta),
        blockPoint(block.corners, sb, tb),
        blockPoint(block.corners, sa, tb),
      ];
      ring.push(ring[0] as XY);
      out.push({
        ring,
        kind: opts.kind ?? (block.zone === 'town' ? 'house' : 'residential'),
        name: null,
        heightM: storeyHeight(rng, opts.floors ?? zone.floors),
        heightAssumed: rng.chance(0.3),
        center: blockPoint(block.corners, (sa + sb) / 2, (ta + tb) / 2),
      });
    }
  }
  return out;
}

/** Houses along the last stretch of a village's spur road, on both sides. */
export function villageHouses(village: Village, rng: Prng): BuildingXY[] {
  const out: BuildingXY[] = [];
  const spur = village.spur;
  const end = spur[spur.length - 1] as XY;
  const before = spur[spur.length - 2] as XY;
  const az = bearingDeg(before, end);
  const back = unitFromBearing(az + 180);
  const across = unitFromBearing(az + 90);
  // Only along the spur's last straight stretch, so no house lands on the road where it bends.
  const stretch = Math.hypot(end[0] - before[0], end[1] - before[1]);
  const plots = Math.min(rng.int(5, 10), Math.floor((stretch - 25) / 20));
  for (let i = 0; i < plots; i++) {
    for (const side of [1, -1]) {
      for (const row of [1, 2]) {
        if (!rng.chance(0.55)) continue;
        const c = add(add(end, back, 10 + i * 20), across, side * row * 20);
        out.push({
          ring: orientedRect(c, rng.range(9, 14), rng.range(8, 12), az),
          kind: 'house',
          name: null,
          heightM: storeyHeight(rng, [1, 3]),
          heightAssumed: rng.chance(0.5),
          center: c,
        });
      }
    }
  }
  return out;
}
