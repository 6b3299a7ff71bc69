// Flattens font path commands (moves, lines, quadratic and cubic Béziers) into rings of points
// for the SDF rasteriser. Pure.
import type { Ring } from './sdf';

export type PathCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

// 8 steps per curve keep the error well under the 1/24 em pixel the SDF can resolve.
const CURVE_STEPS = 8;

export function flattenPath(commands: readonly PathCommand[]): Ring[] {
  const rings: Ring[] = [];
  let ring: Ring = [];
  let cx = 0;
  let cy = 0;
  const close = () => {
    if (ring.length > 2) rings.push(ring);
    ring = [];
  };
  for (const c of commands) {
    if (c.type === 'M') {
      close();
      ring.push([c.x, c.y]);
      cx = c.x;
      cy = c.y;
    } else if (c.type === 'L') {
      ring.push([c.x, c.y]);
      cx = c.x;
      cy = c.y;
    } else if (c.type === 'Q') {
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        ring.push([u * u * cx + 2 * u * t * c.x1 + t * t * c.x, u * u * cy + 2 * u * t * c.y1 + t * t * c.y]);
      }
      cx = c.x;
      cy = c.y;
    } else if (c.type === 'C') {
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        const a = u * u * u;
        const b = 3 * u * u * t;
        const d = 3 * u * t * t;
        const e = t * t * t;
        ring.push([a * cx + b * c.x1 + d * c.x2 + e * c.x, a * cy + b * c.y1 + d * c.y2 + e * c.y]);
      }
      cx = c.x;
      cy = c.y;
    } else {
      close();
    }
  }
  close();
  return rings;
}
