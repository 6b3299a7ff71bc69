// Signed-distance-field rasteriser for one glyph outline, the bitmap format MapLibre expects
// in glyph PBFs (24 px em, 3 px buffer, radius 8, cutoff 0.25: the same numbers as
// node-fontnik and TinySDF, so server glyphs and MapLibre's local CJK glyphs look alike).
// Pure: takes flattened outlines, no font library or I/O.

export const GLYPH_EM_PIXELS = 24;
export const SDF_BUFFER_PIXELS = 3;
const SDF_RADIUS_PIXELS = 8;
const SDF_CUTOFF = 0.25;

/** Closed rings of [x, y] in pixels, y pointing down (screen convention). */
export type Ring = Array<[number, number]>;

export interface SdfBitmap {
  /** Glyph box without the buffer. */
  width: number;
  height: number;
  /** Offset of the box from the pen position (left) and above the baseline (top, y up). */
  left: number;
  top: number;
  /** (width + 2 buffer) × (height + 2 buffer) bytes, row-major. */
  data: Uint8Array;
}

function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lenSq = dx * dx + dy * dy;
  let t = lenSq === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lenSq;
  t = Math.max(0, Math.min(1, t));
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return cx * cx + cy * cy;
}

/** Non-zero winding: font outlines overlap (e.g. composite glyphs), so even-odd would punch holes. */
function winding(px: number, py: number, rings: Ring[]): number {
  let w = 0;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[j]!;
      const [bx, by] = ring[i]!;
      if (ay <= py) {
        if (by > py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) > 0) w++;
      } else if (by <= py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) < 0) w--;
    }
  }
  return w;
}

export function rasteriseSdf(rings: Ring[]): SdfBitmap | null {
  let xMin = Infinity;
  let yMin = Infinity;
  let xMax = -Infinity;
  let yMax = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      xMin = Math.min(xMin, x);
      yMin = Math.min(yMin, y);
      xMax = Math.max(xMax, x);
      yMax = Math.max(yMax, y);
    }
  }
  if (!Number.isFinite(xMin)) return null;
  const left = Math.floor(xMin);
  const topY = Math.floor(yMin);
  const width = Math.max(1, Math.ceil(xMax) - left);
  const height = Math.max(1, Math.ceil(yMax) - topY);
  const b = SDF_BUFFER_PIXELS;
  const w = width + 2 * b;
  const h = height + 2 * b;
  const data = new Uint8Array(w * h);
  for (let row = 0; row < h; row++) {
    const py = topY - b + row + 0.5;
    for (let col = 0; col < w; col++) {
      const px = left - b + col + 0.5;
      let best = Infinity;
      for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const d = segmentDistanceSq(px, py, ring[j]![0], ring[j]![1], ring[i]![0], ring[i]![1]);
          if (d < best) best = d;
        }
      }
      const dist = Math.sqrt(best);
      const signed = winding(px, py, rings) !== 0 ? -dist : dist;
      const v = Math.round(255 - 255 * (signed / SDF_RADIUS_PIXELS + SDF_CUTOFF));
      data[row * w + col] = Math.max(0, Math.min(255, v));
    }
  }
  // top is measured upward from the baseline (screen y is down, so negate).
  return { width, height, left, top: -topY, data };
}
