// Which demand units each camera pose would see at the unit's required detail level, with
// occlusion by buildings: the coverage matrix of a siting instance from real geometry. It uses
// the coverage engine's pure footprint code (view bands per level, obstacle walls and shadows) so
// a suggested camera is judged exactly like an installed one. Work is shared per site: the
// obstacle split and the line-of-sight test depend only on the site, not on the pose.
import { azimuthToMathRad } from '../footprint/band-polygon';
import { splitObstacles } from '../footprint/obstacles';
import { pointInRing, segmentsIntersect } from '../footprint/planar';
import { viewBands } from '../footprint/view-bands';
import type { CameraForFootprint, Obstacle, ViewBand, XY } from '../footprint/types';

export interface SiteInput {
  xy: XY;
  heightM: number;
  /** Camera poses tried at this site (heading, lens, type); position and height come from the site. */
  poses: Omit<CameraForFootprint, 'id' | 'xy' | 'heightM'>[];
}

export interface UnitInput {
  xy: XY;
  requiredPpm: number;
}

export interface PairsResult {
  /** Pose index (sites' poses numbered in order) and unit index of every (pose sees unit) pair. */
  pairPose: Int32Array;
  pairUnit: Int32Array;
  poseCount: number;
}

class GridIndex {
  private cells = new Map<number, number[]>();
  constructor(private readonly cellM: number) {}
  private key(cx: number, cy: number): number {
    return cx * 1_000_003 + cy;
  }
  add(id: number, minX: number, minY: number, maxX: number, maxY: number): void {
    for (let cx = Math.floor(minX / this.cellM); cx <= Math.floor(maxX / this.cellM); cx++) {
      for (let cy = Math.floor(minY / this.cellM); cy <= Math.floor(maxY / this.cellM); cy++) {
        const k = this.key(cx, cy);
        const list = this.cells.get(k);
        if (list === undefined) this.cells.set(k, [id]);
        else list.push(id);
      }
    }
  }
  near(x: number, y: number, r: number, out: Set<number>): void {
    out.clear();
    for (let cx = Math.floor((x - r) / this.cellM); cx <= Math.floor((x + r) / this.cellM); cx++) {
      for (let cy = Math.floor((y - r) / this.cellM); cy <= Math.floor((y + r) / this.cellM); cy++) {
        for (const id of this.cells.get(this.key(cx, cy)) ?? []) out.add(id);
      }
    }
  }
}

const BINS = 360;
const binOf = (angleRad: number) => ((Math.floor(((angleRad + Math.PI) / (2 * Math.PI)) * BINS) % BINS) + BINS) % BINS;

/**
 * Obstacles around one site bucketed by bearing: a unit at bearing θ can only be hidden by a wall
 * or shadow whose angular extent covers θ. Exact tests still decide; the buckets only skip the
 * obstacles in other directions (a site sees hundreds of buildings within 250 m).
 */
class AngularIndex<T> {
  private bins: T[][] = Array.from({ length: BINS }, () => []);
  add(item: T, points: XY[]): void {
    if (pointInRing([0, 0], points)) {
      for (const b of this.bins) b.push(item);
      return;
    }
    const a0 = Math.atan2(points[0]![1], points[0]![0]);
    let lo = 0;
    let hi = 0;
    for (const [x, y] of points) {
      let d = Math.atan2(y, x) - a0;
      if (d > Math.PI) d -= 2 * Math.PI;
      if (d < -Math.PI) d += 2 * Math.PI;
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    const first = binOf(a0 + lo) - 1;
    const count = Math.min(BINS, Math.ceil(((hi - lo) / (2 * Math.PI)) * BINS) + 3);
    for (let k = 0; k < count; k++) this.bins[(first + k + BINS) % BINS]!.push(item);
  }
  at(angleRad: number): T[] {
    return this.bins[binOf(angleRad)]!;
  }
}

function inBand(b: ViewBand, angleRad: number, distM: number): boolean {
  if (distM < b.nearM || distM > b.farM) return false;
  if (b.hfovDeg >= 360) return true;
  const diff = Math.abs(((angleRad - azimuthToMathRad(b.azimuthDeg) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
  return diff <= (b.hfovDeg * Math.PI) / 360 + 1e-12;
}

export interface PairsOptions {
  targetHeightM?: number;
  maxRangeM?: number;
}

export function visibilityPairs(sites: SiteInput[], units: UnitInput[], obstacles: Obstacle[], options: PairsOptions = {}): PairsResult {
  const steps = pairSteps(sites, units, obstacles, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The same, giving the event loop a turn every `chunkMs` so a server stays responsive while a
 * suggestion builds its matrix (several seconds on a county).
 */
export async function visibilityPairsAsync(
  sites: SiteInput[],
  units: UnitInput[],
  obstacles: Obstacle[],
  options: PairsOptions = {},
  chunkMs = 50,
): Promise<PairsResult> {
  const steps = pairSteps(sites, units, obstacles, options);
  let since = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (Date.now() - since >= chunkMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      since = Date.now();
    }
  }
}

function* pairSteps(sites: SiteInput[], units: UnitInput[], obstacles: Obstacle[], options: PairsOptions): Generator<void, PairsResult> {
  const targetHeightM = options.targetHeightM ?? 1.6;
  const maxRange = options.maxRangeM ?? 400;
  const unitIndex = new GridIndex(50);
  units.forEach((u, i) => unitIndex.add(i, u.xy[0], u.xy[1], u.xy[0], u.xy[1]));
  const obstacleIndex = new GridIndex(100);
  obstacles.forEach((o, i) => {
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const [x, y] of o.ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    obstacleIndex.add(i, minX, minY, maxX, maxY);
  });
  const ppms = [...new Set(units.map((u) => u.requiredPpm))];
  const pairPose: number[] = [];
  const pairUnit: number[] = [];
  const nearUnits = new Set<number>();
  const nearObstacles = new Set<number>();
  let pose = 0;
  for (const site of sites) {
    // Reach of the farthest-seeing pose at the lowest density asked for.
    let reach = 0;
    const bandsByPose = site.poses.map((p) => {
      const cam: CameraForFootprint = { ...p, id: 0, xy: site.xy, heightM: site.heightM };
      const byPpm = new Map<number, ViewBand[]>();
      for (const ppm of ppms) {
        const bands = viewBands(cam, { ppm, targetHeightM });
        for (const b of bands) reach = Math.max(reach, b.farM);
        byPpm.set(ppm, bands);
      }
      return byPpm;
    });
    reach = Math.min(reach, maxRange);
    unitIndex.near(site.xy[0], site.xy[1], reach, nearUnits);
    if (nearUnits.size === 0 || reach <= 0) {
      pose += site.poses.length;
      continue;
    }
    obstacleIndex.near(site.xy[0], site.xy[1], reach, nearObstacles);
    const split = splitObstacles(
      site.xy,
      site.heightM,
      targetHeightM,
      [...nearObstacles].map((i) => obstacles[i]!),
    );
    const cx = site.xy[0] + split.offset[0];
    const cy = site.xy[1] + split.offset[1];
    const walls = new AngularIndex<[XY, XY]>();
    for (const [a, b] of split.walls) walls.add([a, b], [a, b]);
    const shadows = new AngularIndex<XY[]>();
    for (const ring of split.shadows) shadows.add(ring, ring);
    // Farthest any pose reaches at each density: units beyond it need no line-of-sight test.
    const reachAt = new Map<number, number>();
    for (const ppm of ppms)
      reachAt.set(ppm, Math.min(maxRange, Math.max(0, ...bandsByPose.flatMap((m) => m.get(ppm)!.map((b) => b.farM)))));
    const visible: { unit: number; angle: number; dist: number; ppm: number }[] = [];
    for (const u of nearUnits) {
      const unit = units[u]!;
      const rel: XY = [unit.xy[0] - cx, unit.xy[1] - cy];
      const dist = Math.hypot(rel[0], rel[1]);
      if (dist > reachAt.get(unit.requiredPpm)!) continue;
      const angle = Math.atan2(rel[1], rel[0]);
      if (!bandsByPose.some((m) => m.get(unit.requiredPpm)!.some((b) => inBand(b, angle, dist)))) continue;
      if (walls.at(angle).some(([a, b]) => segmentsIntersect([0, 0], rel, a, b))) continue;
      if (shadows.at(angle).some((ring) => pointInRing(rel, ring))) continue;
      visible.push({ unit: u, angle, dist, ppm: unit.requiredPpm });
    }
    for (const byPpm of bandsByPose) {
      for (const v of visible) {
        if (byPpm.get(v.ppm)!.some((b) => inBand(b, v.angle, v.dist))) {
          pairPose.push(pose);
          pairUnit.push(v.unit);
        }
      }
      pose++;
    }
    yield;
  }
  return { pairPose: Int32Array.from(pairPose), pairUnit: Int32Array.from(pairUnit), poseCount: pose };
}
