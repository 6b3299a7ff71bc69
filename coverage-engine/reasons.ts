// Why a blind spot is blind, judged at its representative point against every camera near it:
// a camera that would see it but is down → camera_down; a camera facing it but blocked by a
// building → occluded; inside a camera's near blind zone → near_blind_zone; seen, but with too
// few pixels → low_detail; otherwise no_camera. Order: the most actionable explanation first.
// Speed: the wedge, range and near-zone test comes first (most cameras near a point face away),
// and only a camera that has the point in view looks at buildings, and only at those whose
// bounding box meets its sight line (a building away from the line can neither cross it nor
// cast a shadow over its end). The answers are those of pointViewSplit on the camera's whole
// obstacle split: the same per-building tests on the same numbers (tests pin this).
import {
  buildingBlocks,
  geometricBands,
  OWN_BUILDING_TOLERANCE_M,
  ownBuilding,
  pointGeometry,
  type Obstacle,
  type ViewBand,
  type XY,
} from '../gis-data/footprint';
import { distanceForPpmM } from '../gis-data/optics';
import { cellKey, type BuildingIndex, type SceneCamera } from './scene';

export type BlindReason = 'no_camera' | 'occluded' | 'low_detail' | 'near_blind_zone' | 'camera_down';

/** The widest search the reach grid answers (assignReasons searches at most 400 m). */
export const REACH_GRID_CAP_M = 400;

/** Cameras in a grid by position, plus, per reach density, a grid of the cells each can reach. */
export class CameraIndex {
  private readonly cells = new Map<number, SceneCamera[]>();
  private readonly reach = new Map<number, Map<number, number>>();
  private readonly reachGrids = new Map<string, { minPpm: number; capM: number; cells: Map<number, SceneCamera[]> }>();
  constructor(
    cameras: SceneCamera[],
    private readonly cellM = 250,
    private readonly reachCellM = 100,
  ) {
    for (const c of cameras) this.add(c);
  }

  private key(c: SceneCamera): number {
    return cellKey(Math.floor(c.xy[0] / this.cellM), Math.floor(c.xy[1] / this.cellM));
  }

  add(c: SceneCamera): void {
    // Keep the reach tallies current (recomputing the longest reach walks every camera).
    for (const [ppm, tally] of this.reach) {
      const r = cameraReachM(c, ppm);
      tally.set(r, (tally.get(r) ?? 0) + 1);
    }
    const key = this.key(c);
    const list = this.cells.get(key);
    if (list === undefined) this.cells.set(key, [c]);
    else list.push(c);
    for (const g of this.reachGrids.values())
      this.eachReachCell(c, g.minPpm, g.capM, (k) => {
        const l = g.cells.get(k);
        if (l === undefined) g.cells.set(k, [c]);
        else l.push(c);
      });
  }

  remove(c: SceneCamera): void {
    for (const [ppm, tally] of this.reach) {
      const r = cameraReachM(c, ppm);
      const n = (tally.get(r) ?? 0) - 1;
      if (n > 0) tally.set(r, n);
      else tally.delete(r);
    }
    const drop = (list: SceneCamera[] | undefined) => {
      const i = list === undefined ? -1 : list.findIndex((x) => x.id === c.id);
      if (i >= 0) list!.splice(i, 1);
    };
    drop(this.cells.get(this.key(c)));
    for (const g of this.reachGrids.values()) this.eachReachCell(c, g.minPpm, g.capM, (k) => drop(g.cells.get(k)));
  }

  private eachReachCell(c: SceneCamera, minPpm: number, capM: number, f: (key: number) => void): void {
    const r = Math.min(capM, cameraReachM(c, minPpm));
    const s = this.reachCellM;
    for (let i = Math.floor((c.xy[0] - r) / s); i <= Math.floor((c.xy[0] + r) / s); i++) {
      for (let j = Math.floor((c.xy[1] - r) / s); j <= Math.floor((c.xy[1] + r) / s); j++) f(cellKey(i, j));
    }
  }

  /** The longest reach of any camera at a density (a tally per density, kept by add/remove). */
  maxReachM(minPpm: number): number {
    let tally = this.reach.get(minPpm);
    if (tally === undefined) {
      tally = new Map();
      for (const list of this.cells.values()) {
        for (const c of list) {
          const r = cameraReachM(c, minPpm);
          tally.set(r, (tally.get(r) ?? 0) + 1);
        }
      }
      this.reach.set(minPpm, tally);
    }
    let m = 0;
    // Cameras share a few lens set-ups, so there are few distinct reaches.
    for (const r of tally.keys()) if (r > m) m = r;
    return m;
  }

  near(x: number, y: number, radiusM: number): SceneCamera[] {
    const out: SceneCamera[] = [];
    const c = this.cellM;
    for (let i = Math.floor((x - radiusM) / c); i <= Math.floor((x + radiusM) / c); i++) {
      for (let j = Math.floor((y - radiusM) / c); j <= Math.floor((y + radiusM) / c); j++) {
        for (const cam of this.cells.get(cellKey(i, j)) ?? []) if (Math.hypot(cam.xy[0] - x, cam.xy[1] - y) <= radiusM) out.push(cam);
      }
    }
    return out;
  }

  /**
   * Cameras whose reach at minPpm may include the point, for a search radius up to
   * REACH_GRID_CAP_M: a superset of those within min(reach, radius) of it, from one cell lookup.
   * The grid is built on first use and kept current by add and remove.
   */
  reaching(x: number, y: number, minPpm: number, radiusM: number): readonly SceneCamera[] {
    if (radiusM > REACH_GRID_CAP_M) return this.near(x, y, radiusM);
    const gk = String(minPpm);
    let g = this.reachGrids.get(gk);
    if (g === undefined) {
      const grid = { minPpm, capM: REACH_GRID_CAP_M, cells: new Map<number, SceneCamera[]>() };
      this.reachGrids.set(gk, grid);
      for (const list of this.cells.values())
        for (const c of list)
          this.eachReachCell(c, minPpm, grid.capM, (k) => {
            const l = grid.cells.get(k);
            if (l === undefined) grid.cells.set(k, [c]);
            else l.push(c);
          });
      g = grid;
    }
    return g.cells.get(cellKey(Math.floor(x / this.reachCellM), Math.floor(y / this.reachCellM))) ?? [];
  }
}

export interface ReasonContext {
  cameras: CameraIndex;
  buildings: BuildingIndex;
  targetHeightM: number;
  /** The widest reach worth checking (a camera further away cannot matter). */
  searchRadiusM: number;
  mode: 'design' | 'now';
  /** Lowest density worth calling "seen but too little detail" (the standard's lowest level). */
  minPpm: number;
  /** Per camera, what the point test needs (filled on first use). */
  viewers?: WeakMap<SceneCamera, Viewer>;
}

/** Ground reach of a camera at the lowest density that still counts as seeing. */
export function cameraReachM(cam: SceneCamera, minPpm: number): number {
  return distanceForPpmM(cam.resolutionH, Math.min(cam.hfovDeg, 360), minPpm);
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
const viewerCache = new WeakMap<BuildingIndex, Map<string, WeakMap<SceneCamera, Viewer>>>();
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

function viewersOf(ctx: ReasonContext): WeakMap<SceneCamera, Viewer> {
  let byKey = viewerCache.get(ctx.buildings);
  if (byKey === undefined) viewerCache.set(ctx.buildings, (byKey = new Map()));
  const key = `${ctx.targetHeightM}:${ctx.minPpm}`;
  let byCam = byKey.get(key);
  if (byCam === undefined) byKey.set(key, (byCam = new WeakMap()));
  return byCam;
}

function viewerOf(ctx: ReasonContext, cam: SceneCamera): Viewer {
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
function sightBlocked(ctx: ReasonContext, cam: SceneCamera, v: Viewer, x: number, y: number): boolean {
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

const OCCLUDED = 1;
const NEAR = 2;
const LOW = 4;

/**
 * What a camera makes of one point, kept while the same point is judged in another mode (the
 * view geometry and the sight line do not depend on the mode).
 */
export type PointMemo = Map<SceneCamera, { g: ReturnType<typeof pointGeometry>; blocked?: boolean }>;

export function blindReason(ctx: ReasonContext, x: number, y: number, requiredPpm: number, memo?: PointMemo): BlindReason {
  let found = 0;
  const p: XY = [x, y];
  for (const cam of ctx.cameras.reaching(x, y, ctx.minPpm, ctx.searchRadiusM)) {
    if (!cam.inService) continue;
    const d = Math.hypot(cam.xy[0] - x, cam.xy[1] - y);
    if (d > ctx.searchRadiusM) continue;
    const v = viewerOf(ctx, cam);
    if (d > v.reachM) continue;
    let m = memo?.get(cam);
    if (m === undefined) {
      m = { g: pointGeometry(cam, v.bands, v.cx, v.cy, p, ctx.targetHeightM) };
      memo?.set(cam, m);
    }
    const g = m.g;
    if (g.status === 'outside_view') continue;
    if (g.status === 'near_blind_zone') {
      found |= NEAR;
      continue;
    }
    const clear = !(g.ppm < requiredPpm);
    const down = clear && ctx.mode === 'now' && !cam.working;
    // Once something is occluded, only a down camera could still change the answer.
    if ((found & OCCLUDED) !== 0 && !down) continue;
    m.blocked ??= sightBlocked(ctx, cam, v, x, y);
    if (m.blocked) {
      // In design nothing outranks occluded (no camera is down there).
      if (ctx.mode === 'design') return 'occluded';
      found |= OCCLUDED;
    } else if (down) return 'camera_down';
    else if (!clear) found |= LOW;
  }
  if ((found & OCCLUDED) !== 0) return 'occluded';
  if ((found & NEAR) !== 0) return 'near_blind_zone';
  if ((found & LOW) !== 0) return 'low_detail';
  return 'no_camera';
}
