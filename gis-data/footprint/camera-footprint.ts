// The ground footprint of one camera at one or more detail levels: the optics bands (near blind
// zone to far edge, within the field of view; PTZ presets or a full circle; fisheye disc),
// clipped to what the camera can see past buildings. One sweep per camera serves every level.
import { difference } from 'polyclip-ts';
import { sectorsFromBands, sectorsPolygon } from './band-polygon';
import { splitObstacles } from './obstacles';
import { multiPolygonAreaM2, translate } from './planar';
import { viewBands } from './view-bands';
import { visibilitySweep, type VisibilityInterval } from './visibility-sweep';
import type { CameraForFootprint, MultiPolygonXY, Obstacle, ViewBand } from './types';

export interface LevelRequest {
  level: string;
  ppm: number;
}

export interface LevelFootprint {
  level: string;
  ppm: number;
  /** Absolute planar metres; empty when nothing is seen at this level. */
  polygon: MultiPolygonXY;
  nearM: number;
  rangeM: number;
  areaM2: number;
  /** True when an assumed building height shaped it. */
  assumed: boolean;
  /**
   * With `subtractShadows: false`: the low-building shadows (absolute metres) that still have to
   * be subtracted from `polygon` (the batch path lets PostGIS do it, which is faster).
   */
  shadows: MultiPolygonXY;
}

export interface FootprintOptions {
  targetHeightM?: number;
  occlusion?: boolean;
  arcStepDeg?: number;
  subtractShadows?: boolean;
}

const OPEN: VisibilityInterval[] = [{ startRad: 0, endRad: Math.PI * 2, wall: undefined }];

export function cameraFootprints(
  camera: CameraForFootprint,
  obstacles: Obstacle[],
  levels: LevelRequest[],
  options: FootprintOptions = {},
): LevelFootprint[] {
  const targetHeightM = options.targetHeightM ?? 1.6;
  const occlusion = options.occlusion ?? true;
  const split = occlusion ? splitObstacles(camera.xy, camera.heightM, targetHeightM, obstacles) : undefined;
  const vis = split === undefined || split.walls.length === 0 ? OPEN : visibilitySweep(split.walls);
  const ox = camera.xy[0] + (split?.offset[0] ?? 0);
  const oy = camera.xy[1] + (split?.offset[1] ?? 0);
  return levels.map((lv) => {
    const bands = viewBands(camera, { ppm: lv.ppm, targetHeightM });
    let poly = bandsPolygon(vis, bands, options.arcStepDeg);
    let shadowUsed = false;
    let pending: MultiPolygonXY = [];
    if (split !== undefined && poly.length > 0 && split.shadows.length > 0) {
      const reach = Math.max(...bands.map((b) => b.farM));
      const near = split.shadows.filter((ring) => ringTouchesSquare(ring, reach));
      if (near.length > 0) {
        shadowUsed = true;
        if (options.subtractShadows === false) pending = near.map((r) => [r]);
        else poly = difference(poly, ...near.map((r) => [r])) as MultiPolygonXY;
      }
    }
    const nearM = bands.length === 0 ? 0 : Math.min(...bands.map((b) => b.nearM));
    const rangeM = bands.length === 0 ? 0 : Math.max(...bands.map((b) => b.farM));
    return {
      level: lv.level,
      ppm: lv.ppm,
      polygon: translate(poly, ox, oy),
      nearM,
      rangeM,
      areaM2: multiPolygonAreaM2(poly),
      assumed: split !== undefined && split.assumed && (shadowUsed || split.walls.length > 0),
      shadows: translate(pending, ox, oy),
    };
  });
}

function bandsPolygon(vis: VisibilityInterval[], bands: ViewBand[], arcStepDeg: number | undefined): MultiPolygonXY {
  // PTZ presets overlap: one polar pass over their merged sectors is their exact envelope.
  return sectorsPolygon(vis, sectorsFromBands(bands), arcStepDeg);
}

/** Bounding-box test: only shadows that can reach the band are subtracted. */
function ringTouchesSquare(ring: Array<[number, number]>, halfM: number): boolean {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return minX <= halfM && maxX >= -halfM && minY <= halfM && maxY >= -halfM;
}
