// Whether one camera sees one ground point at a required density, and if not, why. Used for
// the point query ("which cameras see here, at what px/m") and to give each blind spot a reason.
import { pixelsPerMeterAt } from '../optics/pixel-density';
import { azimuthToMathRad } from './band-polygon';
import { splitObstacles, type ObstacleSplit } from './obstacles';
import { pointInRing, segmentsIntersect } from './planar';
import { viewBands } from './view-bands';
import type { CameraForFootprint, Obstacle, XY } from './types';

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

export function pointView(camera: CameraForFootprint, obstacles: Obstacle[], point: XY, requiredPpm: number, targetHeightM = 1.6): PointView {
  return pointViewSplit(camera, splitObstacles(camera.xy, camera.heightM, targetHeightM, obstacles), point, requiredPpm, targetHeightM);
}

/** Same, with the camera's obstacles already split (reuse it for many points). */
export function pointViewSplit(camera: CameraForFootprint, split: ObstacleSplit, point: XY, requiredPpm: number, targetHeightM = 1.6): PointView {
  const cx = camera.xy[0] + split.offset[0];
  const cy = camera.xy[1] + split.offset[1];
  const rx = point[0] - cx;
  const ry = point[1] - cy;
  const distanceM = Math.hypot(rx, ry);
  const drop = Math.max(0, camera.heightM - targetHeightM);
  const slant = Math.hypot(distanceM, drop);
  const bands = viewBands(camera, { ppm: GEOMETRIC_PPM, targetHeightM });
  const angle = Math.atan2(ry, rx);
  const inWedge = bands.filter((b) => {
    if (b.hfovDeg >= 360) return true;
    const diff = Math.abs(((angle - azimuthToMathRad(b.azimuthDeg) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
    return diff <= (b.hfovDeg * Math.PI) / 360 + 1e-12;
  });
  const base = { cameraId: camera.id, distanceM };
  if (inWedge.length === 0) return { ...base, ppm: 0, status: 'outside_view' };
  const hfov = inWedge.reduce((m, b) => Math.min(m, b.hfovDeg), 360);
  const ppm = pixelsPerMeterAt(camera.resolutionH, hfov >= 360 ? camera.hfovDeg : hfov, slant);
  const inRange = inWedge.filter((b) => distanceM <= b.farM);
  if (inRange.length === 0) return { ...base, ppm, status: 'outside_view' };
  if (inRange.every((b) => distanceM < b.nearM)) return { ...base, ppm, status: 'near_blind_zone' };
  const rel: XY = [rx, ry];
  const blocked = split.walls.some(([a, b]) => segmentsIntersect([0, 0], rel, a, b)) || split.shadows.some((ring) => pointInRing(rel, ring));
  if (blocked) return { ...base, ppm, status: 'occluded' };
  if (ppm < requiredPpm) return { ...base, ppm, status: 'low_detail' };
  return { ...base, ppm, status: 'seen' };
}
