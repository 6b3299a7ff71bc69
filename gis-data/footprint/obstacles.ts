// How each building near a camera affects what it sees, for targets of height h:
// - its own building (the camera sits on or in it) is an opaque wall whatever its height;
// - a building at least as high as the camera hides everything behind it (a wall in the sweep);
// - a building lower than the camera but higher than h hides only a finite shadow: along a ray
//   that leaves the building at distance s, the sight line to a target at distance d passes
//   over the roof when d ≥ s·k with k = (H − h) / (H − B). For a convex building P the hidden
//   set ∪_{λ∈[1,k]} λP equals conv(P ∪ kP) (a convex combination of p and k·q is λ times a point
//   of P), so the shadow is a convex polygon; concave buildings use their hull (slightly more
//   hidden, on the safe side);
// - a building no higher than h hides nothing.
import { closestOnSegment, convexHull, pointInRing } from './planar';
import type { Obstacle, Ring, XY } from './types';

export interface ObstacleSplit {
  /** Opaque walls relative to the (possibly nudged) camera: [a, b, obstacleId]. */
  walls: Array<[XY, XY, number]>;
  /** Finite shadows of low buildings, relative to the camera, closed CCW rings. */
  shadows: Ring[];
  /** The camera position used, relative to the input position (moved out of its own building). */
  offset: XY;
  ownBuilding: number | undefined;
  assumed: boolean;
}

const MOUNT_TOLERANCE_M = 1;
const NUDGE_M = 0.05;

export interface OwnBuilding {
  /** The building the camera is on or in (within MOUNT_TOLERANCE_M), if any. */
  own: Obstacle | undefined;
  /** The camera position used, relative to the input position (moved out of its own building). */
  offset: XY;
}

/** The camera's own building and where the camera really stands (first match wins, as listed). */
export function ownBuilding(cameraXY: XY, obstacles: Obstacle[]): OwnBuilding {
  let own: Obstacle | undefined;
  let ownD = Number.POSITIVE_INFINITY;
  let ownQ: XY | undefined;
  let inside = false;
  for (const ob of obstacles) {
    const isIn = pointInRing(cameraXY, ob.ring);
    let best = Number.POSITIVE_INFINITY;
    let bestQ: XY | undefined;
    for (let i = 0; i + 1 < ob.ring.length; i++) {
      const c = closestOnSegment(cameraXY, ob.ring[i]!, ob.ring[i + 1]!);
      if (c.d < best) {
        best = c.d;
        bestQ = c.q;
      }
    }
    if ((isIn || best <= MOUNT_TOLERANCE_M) && (isIn || best < ownD)) {
      own = ob;
      ownD = isIn ? -1 : best;
      ownQ = bestQ;
      inside = isIn;
    }
  }
  // A camera digitised inside its building is mounted on the nearest wall, just outside it.
  let offset: XY = [0, 0];
  if (own !== undefined && inside && ownQ !== undefined) {
    const vx = ownQ[0] - cameraXY[0];
    const vy = ownQ[1] - cameraXY[1];
    const len = Math.hypot(vx, vy) || 1;
    offset = [vx + (vx / len) * NUDGE_M, vy + (vy / len) * NUDGE_M];
  }
  return { own, offset };
}

/** Only a building within this distance of a camera can be its own (a cheap prefilter). */
export const OWN_BUILDING_TOLERANCE_M = MOUNT_TOLERANCE_M;

/**
 * What one building does to the view from (cx, cy): opaque walls (edges relative to the
 * camera), a finite shadow ring (relative), or nothing. Same numbers as splitObstacles.
 */
export function obstacleEffect(
  ob: Obstacle,
  cx: number,
  cy: number,
  cameraHeightM: number,
  targetHeightM: number,
  isOwn: boolean,
): { walls: Ring } | { shadow: Ring } | undefined {
  if (!isOwn && ob.heightM <= targetHeightM) return undefined;
  const rel = ob.ring.map(([x, y]) => [x - cx, y - cy] as XY);
  if (isOwn || ob.heightM >= cameraHeightM) return { walls: rel };
  const k = (cameraHeightM - targetHeightM) / (cameraHeightM - ob.heightM);
  const pts: XY[] = [];
  for (const [x, y] of rel) pts.push([x, y], [x * k, y * k]);
  return { shadow: convexHull(pts) };
}

export function splitObstacles(cameraXY: XY, cameraHeightM: number, targetHeightM: number, obstacles: Obstacle[]): ObstacleSplit {
  const { own, offset } = ownBuilding(cameraXY, obstacles);
  const cx = cameraXY[0] + offset[0];
  const cy = cameraXY[1] + offset[1];
  const walls: Array<[XY, XY, number]> = [];
  const shadows: Ring[] = [];
  let assumed = false;
  for (const ob of obstacles) {
    const effect = obstacleEffect(ob, cx, cy, cameraHeightM, targetHeightM, ob === own);
    if (effect === undefined) continue;
    if (ob.heightAssumed === true) assumed = true;
    if ('walls' in effect) {
      const rel = effect.walls;
      for (let i = 0; i + 1 < rel.length; i++) walls.push([rel[i]!, rel[i + 1]!, ob.id]);
    } else shadows.push(effect.shadow);
  }
  return { walls, shadows, offset, ownBuilding: own?.id, assumed };
}
