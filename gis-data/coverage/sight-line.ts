// Whether a building hides a point from a camera (a wall across the sight line or a shadow over
// its end), asked only of the buildings whose box meets the sight line. The answers are those of
// pointViewSplit on the camera's whole obstacle split: the same per-building tests on the same
// numbers (tests/unit/coverage/reasons.test.ts pins this). Pure (no I/O).
import { buildingBlocks, geometricBands, OWN_BUILDING_TOLERANCE_M, ownBuilding, type Obstacle, type ViewBand, type XY } from '../footprint';
import { cellKey, type BuildingIndex } from './building-index';
import { cameraReachM, type ReasonCamera } from './camera-index';

/** What the sight-line test needs of the scene (a ReasonContext is one). */
export interface SightScene {
  buildings: BuildingIndex;
  targetHeightM: number;
  /** Lowest density that still counts as seeing: a camera's reach. */
  minPpm: number;
  /** Per camera, what the point test needs (filled on first use). */
  viewers?: WeakMap<ReasonCamera, Viewer>;
}

type Box = [number, number, number, number];

/** What a point test needs from a camera that does not depend on the point. */
export interface Viewer {
  reachM: number;
  /** The buildings the camera's obstacle split would use: bbox within reach of the camera. */
  reachBox: Box;
  cx: number;
  cy: number;
  bands: ViewBand[];
  own: Obstacle | undefined;
}

// Per building index (dropped with it), per target height and reach density, per camera object
// (a changed camera is a new object, so a stale viewer is never found).
const viewerCache = new WeakMap<BuildingIndex, Map<string, WeakMap<ReasonCamera, Viewer>>>();
const boxes = new WeakMap<Obstacle, Box>();

function boxOf(ob: Obstacle): Box {
  let b = boxes.get(ob);
  if (b === undefined) {
    b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of ob.ring) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
    boxes.set(ob, b);
  }
  return b;
}

const meets = (a: Box, b: Box, marginM = 0) =>
  a[0] <= b[2] + marginM && a[2] >= b[0] - marginM && a[1] <= b[3] + marginM && a[3] >= b[1] - marginM;

function viewersOf(ctx: SightScene): WeakMap<ReasonCamera, Viewer> {
  let byKey = viewerCache.get(ctx.buildings);
  if (byKey === undefined) viewerCache.set(ctx.buildings, (byKey = new Map()));
  const key = `${ctx.targetHeightM}:${ctx.minPpm}`;
  let byCam = byKey.get(key);
  if (byCam === undefined) byKey.set(key, (byCam = new WeakMap()));
  return byCam;
}

export function viewerOf(ctx: SightScene, cam: ReasonCamera): Viewer {
  const byCam = (ctx.viewers ??= viewersOf(ctx));
  let v = byCam.get(cam);
  if (v === undefined) {
    const reachM = cameraReachM(cam, ctx.minPpm);
    const [x, y] = cam.xy;
    // Only a building within the mounting tolerance can be the camera's own; look for it among
    // the split's buildings, in the split's order, so overlapping outlines resolve the same way.
    const close = ctx.buildings.near(cam.xy, OWN_BUILDING_TOLERANCE_M + 1e-6);
    const candidates =
      close.length === 0
        ? []
        : ctx.buildings.near(cam.xy, reachM).filter((ob) => meets(boxOf(ob), [x, y, x, y], OWN_BUILDING_TOLERANCE_M + 1e-6));
    const { own, offset } = ownBuilding(cam.xy, candidates);
    v = {
      reachM,
      reachBox: [x - reachM, y - reachM, x + reachM, y + reachM],
      cx: x + offset[0],
      cy: y + offset[1],
      bands: geometricBands(cam, ctx.targetHeightM),
      own,
    };
    byCam.set(cam, v);
  }
  return v;
}

/**
 * Building outlines in a fine grid with their boxes in one flat array, for the many sight-line
 * queries of a recompute (BuildingIndex.near builds a set and filters per call). A visit stamp
 * per building skips the ones already seen in another cell of the same query.
 */
class ObstacleGrid {
  private readonly boxes: Float64Array;
  private readonly cells = new Map<number, number[]>();
  private readonly stamp: Uint32Array;
  private tick = 0;
  constructor(
    readonly obstacles: readonly Obstacle[],
    private readonly cellM = 50,
  ) {
    this.boxes = new Float64Array(obstacles.length * 4);
    this.stamp = new Uint32Array(obstacles.length);
    obstacles.forEach((ob, k) => {
      const b = boxOf(ob);
      this.boxes.set(b, k * 4);
      for (let i = Math.floor(b[0] / cellM); i <= Math.floor(b[2] / cellM); i++) {
        for (let j = Math.floor(b[1] / cellM); j <= Math.floor(b[3] / cellM); j++) {
          const key = cellKey(i, j);
          const list = this.cells.get(key);
          if (list === undefined) this.cells.set(key, [k]);
          else list.push(k);
        }
      }
    });
  }

  /** Calls f for each building whose box meets [x0, x1] × [y0, y1] until f returns true. */
  some(x0: number, y0: number, x1: number, y1: number, f: (ob: Obstacle, box: Float64Array, at: number) => boolean): boolean {
    const c = this.cellM;
    const t = ++this.tick;
    const bx = this.boxes;
    for (let i = Math.floor(x0 / c); i <= Math.floor(x1 / c); i++) {
      for (let j = Math.floor(y0 / c); j <= Math.floor(y1 / c); j++) {
        const list = this.cells.get(cellKey(i, j));
        if (list === undefined) continue;
        for (const k of list) {
          if (this.stamp[k] === t) continue;
          this.stamp[k] = t;
          const a = k * 4;
          if (bx[a]! > x1 || bx[a + 2]! < x0 || bx[a + 1]! > y1 || bx[a + 3]! < y0) continue;
          if (f(this.obstacles[k]!, bx, a)) return true;
        }
      }
    }
    return false;
  }
}

const grids = new WeakMap<BuildingIndex, ObstacleGrid>();

/** Builds the sight-line grid of these buildings now (server start), not in the first refresh. */
export function warmSightGrid(buildings: BuildingIndex): void {
  gridOf(buildings);
}
function gridOf(buildings: BuildingIndex): ObstacleGrid {
  let g = grids.get(buildings);
  if (g === undefined) grids.set(buildings, (g = new ObstacleGrid(buildings.obstacles)));
  return g;
}

/** Whether the segment (x0, y0)-(x1, y1) meets the box (slab test; the box carries a margin). */
function segmentMeetsBox(x0: number, y0: number, x1: number, y1: number, bx0: number, by0: number, bx1: number, by1: number): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  if (dx === 0) {
    if (x0 < bx0 || x0 > bx1) return false;
  } else {
    let a = (bx0 - x0) / dx;
    let b = (bx1 - x0) / dx;
    if (a > b) [a, b] = [b, a];
    t0 = Math.max(t0, a);
    t1 = Math.min(t1, b);
    if (t0 > t1) return false;
  }
  if (dy === 0) return y0 >= by0 && y0 <= by1;
  let a = (by0 - y0) / dy;
  let b = (by1 - y0) / dy;
  if (a > b) [a, b] = [b, a];
  return Math.max(t0, a) <= Math.min(t1, b);
}

/** Whether any building of the camera's split hides the point (sight line or shadow). */
export function sightBlocked(ctx: SightScene, cam: ReasonCamera, v: Viewer, x: number, y: number): boolean {
  const p: XY = [x, y];
  if (v.own !== undefined && meets(boxOf(v.own), v.reachBox) && buildingBlocks(v.own, v.cx, v.cy, cam.heightM, ctx.targetHeightM, true, p))
    return true;
  // Buildings whose box meets the sight line's box (1 µm margin) and the split's reach box.
  const m = 1e-6;
  const r = v.reachBox;
  return gridOf(ctx.buildings).some(
    Math.min(v.cx, x) - m,
    Math.min(v.cy, y) - m,
    Math.max(v.cx, x) + m,
    Math.max(v.cy, y) + m,
    (ob, b, a) => {
      if (ob === v.own) return false;
      if (b[a]! > r[2] || b[a + 2]! < r[0] || b[a + 1]! > r[3] || b[a + 3]! < r[1]) return false;
      // A wall crossing the sight line, or a shadow over its end (its point at λ ≥ 1 times a
      // point of the hull on the line), needs the line to pass through the building's box.
      if (!segmentMeetsBox(v.cx, v.cy, x, y, b[a]! - m, b[a + 1]! - m, b[a + 2]! + m, b[a + 3]! + m)) return false;
      return buildingBlocks(ob, v.cx, v.cy, cam.heightM, ctx.targetHeightM, false, p);
    },
  );
}
