// Building outlines in a grid of cells, in planar metres: which buildings can hide something from
// a camera. Pure (no I/O), so the server's footprints and blind-spot reasons and the browser use
// the same index.
import type { Obstacle, XY } from '../footprint';

/**
 * Building outlines in a grid of cells, for "which buildings can hide something from this
 * camera". Cells are keyed by number and an obstacle's box is computed once: the sweep asks
 * this for every camera, and string keys, a Set and box recomputation were a fifth of its cost.
 * Results keep the order of first appearance (cell by cell), so footprints do not depend on it.
 */
export class BuildingIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly boxes: Float64Array;
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(
    readonly obstacles: Obstacle[],
    private readonly cellM = 100,
  ) {
    this.boxes = new Float64Array(4 * obstacles.length);
    this.seen = new Uint32Array(obstacles.length);
    obstacles.forEach((ob, k) => {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const [x, y] of ob.ring) {
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
      }
      this.boxes.set([x0, y0, x1, y1], 4 * k);
      for (let i = Math.floor(x0 / cellM); i <= Math.floor(x1 / cellM); i++) {
        for (let j = Math.floor(y0 / cellM); j <= Math.floor(y1 / cellM); j++) {
          const key = cellKey(i, j);
          const list = this.cells.get(key);
          if (list === undefined) this.cells.set(key, [k]);
          else list.push(k);
        }
      }
    });
  }

  near(xy: XY, radiusM: number): Obstacle[] {
    const out: Obstacle[] = [];
    const c = this.cellM;
    const [x, y] = xy;
    const stamp = ++this.stamp;
    const b = this.boxes;
    for (let i = Math.floor((x - radiusM) / c); i <= Math.floor((x + radiusM) / c); i++) {
      for (let j = Math.floor((y - radiusM) / c); j <= Math.floor((y + radiusM) / c); j++) {
        const list = this.cells.get(cellKey(i, j));
        if (list === undefined) continue;
        for (const k of list) {
          if (this.seen[k] === stamp) continue;
          this.seen[k] = stamp;
          if (b[4 * k]! <= x + radiusM && b[4 * k + 2]! >= x - radiusM && b[4 * k + 1]! <= y + radiusM && b[4 * k + 3]! >= y - radiusM)
            out.push(this.obstacles[k]!);
        }
      }
    }
    return out;
  }
}

/** A grid cell's key as a number (faster than strings): planar metres stay far below 2^21 cells a side. */
export const cellKey = (i: number, j: number) => i * 4194304 + j;
