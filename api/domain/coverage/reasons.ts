// Why a blind spot is blind, judged at its representative point against every camera near it:
// a camera that would see it but is down → camera_down; a camera facing it but blocked by a
// building → occluded; inside a camera's near blind zone → near_blind_zone; seen, but with too
// few pixels → low_detail; otherwise no_camera. Order: the most actionable explanation first.
import { pointViewSplit, splitObstacles, type ObstacleSplit, type PointStatus } from '../../../gis-data/footprint';
import { distanceForPpmM } from '../../../gis-data/optics';
import type { BuildingIndex, SceneCamera } from './scene';

export type BlindReason = 'no_camera' | 'occluded' | 'low_detail' | 'near_blind_zone' | 'camera_down';

export class CameraIndex {
  private readonly cells = new Map<string, SceneCamera[]>();
  private readonly reach = new Map<number, number>();
  constructor(cameras: SceneCamera[], private readonly cellM = 250) {
    for (const c of cameras) this.add(c);
  }

  private key(c: SceneCamera): string {
    return `${Math.floor(c.xy[0] / this.cellM)}:${Math.floor(c.xy[1] / this.cellM)}`;
  }

  add(c: SceneCamera): void {
    this.reach.clear();
    const key = this.key(c);
    const list = this.cells.get(key);
    if (list === undefined) this.cells.set(key, [c]);
    else list.push(c);
  }

  remove(c: SceneCamera): void {
    this.reach.clear();
    const list = this.cells.get(this.key(c));
    if (list === undefined) return;
    const i = list.findIndex((x) => x.id === c.id);
    if (i >= 0) list.splice(i, 1);
  }

  /** The longest reach of any camera at a density (cached per density). */
  maxReachM(minPpm: number): number {
    let m = this.reach.get(minPpm);
    if (m === undefined) {
      m = 0;
      for (const list of this.cells.values()) for (const c of list) m = Math.max(m, cameraReachM(c, minPpm));
      this.reach.set(minPpm, m);
    }
    return m;
  }

  near(x: number, y: number, radiusM: number): SceneCamera[] {
    const out: SceneCamera[] = [];
    const c = this.cellM;
    for (let i = Math.floor((x - radiusM) / c); i <= Math.floor((x + radiusM) / c); i++) {
      for (let j = Math.floor((y - radiusM) / c); j <= Math.floor((y + radiusM) / c); j++) {
        for (const cam of this.cells.get(`${i}:${j}`) ?? []) if (Math.hypot(cam.xy[0] - x, cam.xy[1] - y) <= radiusM) out.push(cam);
      }
    }
    return out;
  }
}

export interface ReasonContext {
  cameras: CameraIndex;
  buildings: BuildingIndex;
  targetHeightM: number;
  /** The widest reach worth checking (a camera further away cannot matter). */
  searchRadiusM: number;
  mode: 'design' | 'now';
  /** Per camera: its obstacles split once, reused for every blind spot near it. */
  splits?: Map<number, ObstacleSplit>;
  /** Lowest density worth calling "seen but too little detail" (the standard's lowest level). */
  minPpm: number;
}

/** Ground reach of a camera at the lowest density that still counts as seeing. */
export function cameraReachM(cam: SceneCamera, minPpm: number): number {
  return distanceForPpmM(cam.resolutionH, Math.min(cam.hfovDeg, 360), minPpm);
}

export function blindReason(ctx: ReasonContext, x: number, y: number, requiredPpm: number): BlindReason {
  const statuses = new Set<PointStatus | 'down'>();
  const splits = (ctx.splits ??= new Map());
  for (const cam of ctx.cameras.near(x, y, ctx.searchRadiusM)) {
    if (!cam.inService) continue;
    const reach = cameraReachM(cam, ctx.minPpm);
    if (Math.hypot(cam.xy[0] - x, cam.xy[1] - y) > reach) continue;
    let split = splits.get(cam.id);
    if (split === undefined) {
      split = splitObstacles(cam.xy, cam.heightM, ctx.targetHeightM, ctx.buildings.near(cam.xy, reach));
      splits.set(cam.id, split);
    }
    const v = pointViewSplit(cam, split, [x, y], requiredPpm, ctx.targetHeightM);
    if (v.status === 'seen' && ctx.mode === 'now' && !cam.working) statuses.add('down');
    else statuses.add(v.status);
  }
  if (statuses.has('down')) return 'camera_down';
  if (statuses.has('occluded')) return 'occluded';
  if (statuses.has('near_blind_zone')) return 'near_blind_zone';
  if (statuses.has('low_detail')) return 'low_detail';
  return 'no_camera';
}
