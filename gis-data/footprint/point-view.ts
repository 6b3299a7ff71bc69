// Whether one camera sees one ground point at a required density, and if not, why. Used for
// the point query ("which cameras see here, at what px/m") and to give each blind spot a reason.
import { pixelsPerMeterAt } from '../optics/pixel-density';
import { azimuthToMathRad } from './band-polygon';
import { obstacleEffect, splitObstacles, type ObstacleSplit } from './obstacles';
import { pointInRing, segmentsIntersect } from './planar';
import { viewBands } from './view-bands';
import type { CameraForFootprint, Obstacle, ViewBand, XY } from './types';

export type PointStatus = 'seen' | 'outside_view' | 'near_blind_zone' | 'occluded' | 'low_detail';

export interface PointView {
  cameraId: number;
  distanceM: number;
  /** Pixel density at the point along the line of sight (0 when outside the view). */
  ppm: number;
  status: PointStatus;
}

// A density so low that the band is limited only by tilt and field of view.
const GEOMETRIC_PPM = 1e-6;

export function pointView(
  camera: CameraForFootprint,
  obstacles: Obstacle[],
  point: XY,
  requiredPpm: number,
  targetHeightM = 1.6,
): PointView {
  return pointViewSplit(camera, splitObstacles(camera.xy, camera.heightM, targetHeightM, obstacles), point, requiredPpm, targetHeightM);
}

/** Where a point falls in a camera's view, before any building is considered. */
export interface PointGeometry {
  distanceM: number;
  ppm: number;
  status: 'outside_view' | 'near_blind_zone' | 'in_view';
}

/** The camera's geometric bands (no density limit), the same for every point: compute once. */
export function geometricBands(camera: CameraForFootprint, targetHeightM = 1.6): ViewBand[] {
  return viewBands(camera, { ppm: GEOMETRIC_PPM, targetHeightM });
}

/** Wedge, range and near blind zone of a point seen from (cx, cy) (the camera, nudged). */
export function pointGeometry(
  camera: CameraForFootprint,
  bands: ViewBand[],
  cx: number,
  cy: number,
  point: XY,
  targetHeightM = 1.6,
): PointGeometry {
  const rx = point[0] - cx;
  const ry = point[1] - cy;
  const distanceM = Math.hypot(rx, ry);
  const drop = Math.max(0, camera.heightM - targetHeightM);
  const slant = Math.hypot(distanceM, drop);
  const angle = Math.atan2(ry, rx);
  // One pass without arrays (this runs for every camera near every blind-spot sample).
  let inWedge = 0;
  let hfov = 360;
  let inRange = 0;
  let allNear = true;
  for (const b of bands) {
    if (b.hfovDeg < 360) {
      const diff = Math.abs(((angle - azimuthToMathRad(b.azimuthDeg) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
      if (!(diff <= (b.hfovDeg * Math.PI) / 360 + 1e-12)) continue;
    }
    inWedge++;
    hfov = Math.min(hfov, b.hfovDeg);
    if (distanceM <= b.farM) {
      inRange++;
      if (!(distanceM < b.nearM)) allNear = false;
    }
  }
  if (inWedge === 0) return { distanceM, ppm: 0, status: 'outside_view' };
  const ppm = pixelsPerMeterAt(camera.resolutionH, hfov >= 360 ? camera.hfovDeg : hfov, slant);
  if (inRange === 0) return { distanceM, ppm, status: 'outside_view' };
  if (allNear) return { distanceM, ppm, status: 'near_blind_zone' };
  return { distanceM, ppm, status: 'in_view' };
}

/**
 * Whether one building blocks the sight line from (cx, cy) to the point: its walls cross the
 * line, or the point lies in its shadow. Same test as pointViewSplit on a split of that
 * building, so checking only the buildings near the line gives the same answer.
 */
export function buildingBlocks(
  ob: Obstacle,
  cx: number,
  cy: number,
  cameraHeightM: number,
  targetHeightM: number,
  isOwn: boolean,
  point: XY,
): boolean {
  const effect = obstacleEffect(ob, cx, cy, cameraHeightM, targetHeightM, isOwn);
  if (effect === undefined) return false;
  const rel: XY = [point[0] - cx, point[1] - cy];
  if ('shadow' in effect) return pointInRing(rel, effect.shadow);
  const w = effect.walls;
  for (let i = 0; i + 1 < w.length; i++) if (segmentsIntersect([0, 0], rel, w[i]!, w[i + 1]!)) return true;
  return false;
}

/** Same, with the camera's obstacles already split (reuse it for many points). */
export function pointViewSplit(
  camera: CameraForFootprint,
  split: ObstacleSplit,
  point: XY,
  requiredPpm: number,
  targetHeightM = 1.6,
): PointView {
  const cx = camera.xy[0] + split.offset[0];
  const cy = camera.xy[1] + split.offset[1];
  const g = pointGeometry(camera, geometricBands(camera, targetHeightM), cx, cy, point, targetHeightM);
  const base = { cameraId: camera.id, distanceM: g.distanceM, ppm: g.ppm };
  if (g.status !== 'in_view') return { ...base, status: g.status };
  const rel: XY = [point[0] - cx, point[1] - cy];
  const blocked =
    split.walls.some(([a, b]) => segmentsIntersect([0, 0], rel, a, b)) || split.shadows.some((ring) => pointInRing(rel, ring));
  if (blocked) return { ...base, status: 'occluded' };
  if (g.ppm < requiredPpm) return { ...base, status: 'low_detail' };
  return { ...base, status: 'seen' };
}
