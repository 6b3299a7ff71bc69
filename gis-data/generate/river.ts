// The river of one row of counties (the Han River through Ankang flows west to east): a gently
// meandering centreline y(x) and a varying half width. Trunk roads, county-seat grids and bank
// towns are laid out at fixed offsets from this centreline, so nothing is built in the water.
import type { XY } from './frame';
import type { Prng } from './prng';

export interface River {
  /** Centreline northing (m) at easting x (m). */
  centerY(x: number): number;
  halfWidthMeters(x: number): number;
  /** True when the point is in the water (with a safety margin). */
  contains(p: XY, marginMeters?: number): boolean;
  /** Water polygon between x0 and x1 (closed ring, counter-clockwise). */
  ring(x0: number, x1: number, stepMeters: number): XY[];
}

/** Widest the river gets: roads along it keep clear of this. */
export const RIVER_MAX_HALF_WIDTH_METERS = 150;

export function makeRiver(rng: Prng, rowCenterY: number): River {
  // Amplitudes and wavelengths keep the bank slope under ~20°, so the curvilinear street grid
  // that follows the river stays close to rectangular.
  const a1 = rng.range(600, 900);
  const l1 = rng.range(20_000, 26_000);
  const p1 = rng.range(0, Math.PI * 2);
  const a2 = rng.range(60, 110);
  const l2 = rng.range(4_500, 6_000);
  const p2 = rng.range(0, Math.PI * 2);
  const w0 = rng.range(100, 120);
  const lw = rng.range(6_000, 9_000);
  const pw = rng.range(0, Math.PI * 2);
  const centerY = (x: number): number =>
    rowCenterY + a1 * Math.sin((2 * Math.PI * x) / l1 + p1) + a2 * Math.sin((2 * Math.PI * x) / l2 + p2);
  const halfWidthMeters = (x: number): number => Math.min(RIVER_MAX_HALF_WIDTH_METERS, w0 + 25 * Math.sin((2 * Math.PI * x) / lw + pw));
  return {
    centerY,
    halfWidthMeters,
    contains(p, marginMeters = 0) {
      return Math.abs(p[1] - centerY(p[0])) < halfWidthMeters(p[0]) + marginMeters;
    },
    ring(x0, x1, stepMeters) {
      const xs: number[] = [];
      const n = Math.max(1, Math.ceil((x1 - x0) / stepMeters));
      for (let i = 0; i <= n; i++) xs.push(x0 + ((x1 - x0) * i) / n);
      const south: XY[] = xs.map((x) => [x, centerY(x) - halfWidthMeters(x)]);
      const north: XY[] = xs
        .slice()
        .reverse()
        .map((x) => [x, centerY(x) + halfWidthMeters(x)]);
      const ring = [...south, ...north];
      ring.push(ring[0] as XY);
      return ring;
    },
  };
}
