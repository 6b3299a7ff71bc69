// Cameras in planar metres, indexed for "which cameras can explain a blind spot here": a grid by
// position and, per reach density, a grid of the cells each camera can reach. Pure (no I/O): the
// server's blind-spot reasons and the browser use the same index.
import type { CameraForFootprint } from '../footprint';
import { distanceForPpmM } from '../optics';
import { cellKey } from './building-index';

/** What judging a blind spot needs of a camera beyond its optics. */
export interface ReasonCamera extends CameraForFootprint {
  /** Installed by the day judged and not removed. */
  inService: boolean;
  /** 完好 on the day judged (the health vocabulary's isWorking; no state = not working). */
  working: boolean;
}

/** The widest search the reach grid answers (the reasons search at most 400 m). */
export const REACH_GRID_CAP_M = 400;

/** Cameras in a grid by position, plus, per reach density, a grid of the cells each can reach. */
export class CameraIndex {
  private readonly cells = new Map<number, ReasonCamera[]>();
  private readonly reach = new Map<number, Map<number, number>>();
  private readonly reachGrids = new Map<string, { minPpm: number; capM: number; cells: Map<number, ReasonCamera[]> }>();
  constructor(
    cameras: ReasonCamera[],
    private readonly cellM = 250,
    private readonly reachCellM = 100,
  ) {
    for (const c of cameras) this.add(c);
  }

  private key(c: ReasonCamera): number {
    return cellKey(Math.floor(c.xy[0] / this.cellM), Math.floor(c.xy[1] / this.cellM));
  }

  add(c: ReasonCamera): void {
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

  remove(c: ReasonCamera): void {
    for (const [ppm, tally] of this.reach) {
      const r = cameraReachM(c, ppm);
      const n = (tally.get(r) ?? 0) - 1;
      if (n > 0) tally.set(r, n);
      else tally.delete(r);
    }
    const drop = (list: ReasonCamera[] | undefined) => {
      const i = list === undefined ? -1 : list.findIndex((x) => x.id === c.id);
      if (i >= 0) list!.splice(i, 1);
    };
    drop(this.cells.get(this.key(c)));
    for (const g of this.reachGrids.values()) this.eachReachCell(c, g.minPpm, g.capM, (k) => drop(g.cells.get(k)));
  }

  private eachReachCell(c: ReasonCamera, minPpm: number, capM: number, f: (key: number) => void): void {
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

  near(x: number, y: number, radiusM: number): ReasonCamera[] {
    const out: ReasonCamera[] = [];
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
  reaching(x: number, y: number, minPpm: number, radiusM: number): readonly ReasonCamera[] {
    if (radiusM > REACH_GRID_CAP_M) return this.near(x, y, radiusM);
    const gk = String(minPpm);
    let g = this.reachGrids.get(gk);
    if (g === undefined) {
      const grid = { minPpm, capM: REACH_GRID_CAP_M, cells: new Map<number, ReasonCamera[]>() };
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

/** Ground reach of a camera at the lowest density that still counts as seeing. */
export function cameraReachM(cam: ReasonCamera, minPpm: number): number {
  return distanceForPpmM(cam.resolutionH, Math.min(cam.hfovDeg, 360), minPpm);
}
