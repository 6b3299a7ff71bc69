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

/** How far splitObstacles may move a camera standing outside a building (onto a wall ≤ 1 m away, plus its nudge). */
const MOVE_MARGIN_M = 1.1;
/** Up to this many units in view of a site, its walls and shadows are tested one by one. */
const LINEAR_TEST_MAX_UNITS = 16;
const BINS = 360;
const NONE: readonly never[] = [];
const binOf = (angleRad: number) => ((Math.floor(((angleRad + Math.PI) / (2 * Math.PI)) * BINS) % BINS) + BINS) % BINS;

/**
 * Obstacles around one site bucketed by bearing: a unit at bearing θ can only be hidden by a wall
 * or shadow whose angular extent covers θ. Exact tests still decide; the buckets only skip the
 * obstacles in other directions (a site sees hundreds of buildings within 250 m).
 */
class AngularIndex<T> {
  // Bins are made when first filled: most of a site's 360 bearings hold nothing, and a county
  // has thousands of sites (allocating every bin was a tenth of a suggestion's time, in GC).
  private bins: (T[] | undefined)[] = new Array<T[] | undefined>(BINS);
  private push(bin: number, item: T): void {
    const b = this.bins[bin];
    if (b === undefined) this.bins[bin] = [item];
    else b.push(item);
  }
  add(item: T, points: XY[]): void {
    if (pointInRing([0, 0], points)) {
      for (let k = 0; k < BINS; k++) this.push(k, item);
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
    for (let k = 0; k < count; k++) this.push((first + k + BINS) % BINS, item);
  }
  at(angleRad: number): readonly T[] {
    return this.bins[binOf(angleRad)] ?? NONE;
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

/** The view bands of every pose of a site at every density asked for, and how far they reach. */
interface SiteBands {
  byPose: Map<number, ViewBand[]>[];
  /** Farthest any pose reaches at the lowest density. */
  reach: number;
  /** Farthest any pose reaches at each density. */
  reachAt: Map<number, number>;
}

function siteBands(site: SiteInput, ppms: number[], targetHeightM: number, maxRange: number): SiteBands {
  let reach = 0;
  const byPose = site.poses.map((p) => {
    const cam: CameraForFootprint = { ...p, id: 0, xy: site.xy, heightM: site.heightM };
    const byPpm = new Map<number, ViewBand[]>();
    for (const ppm of ppms) {
      const bands = viewBands(cam, { ppm, targetHeightM });
      for (const b of bands) reach = Math.max(reach, b.farM);
      byPpm.set(ppm, bands);
    }
    return byPpm;
  });
  const reachAt = new Map<number, number>();
  for (const ppm of ppms) reachAt.set(ppm, Math.min(maxRange, Math.max(0, ...byPose.flatMap((m) => m.get(ppm)!.map((b) => b.farM)))));
  return { byPose, reach: Math.min(reach, maxRange), reachAt };
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
  // Bands depend on the poses and the mount height, not on where the site is: sites share the
  // same pose list and a handful of heights, so each combination is worked out once.
  const bandCache = new Map<SiteInput['poses'], Map<number, SiteBands>>();
  let pose = 0;
  for (const site of sites) {
    let byHeight = bandCache.get(site.poses);
    if (byHeight === undefined) bandCache.set(site.poses, (byHeight = new Map()));
    let sb = byHeight.get(site.heightM);
    if (sb === undefined) byHeight.set(site.heightM, (sb = siteBands(site, ppms, targetHeightM, maxRange)));
    const { byPose: bandsByPose, reach, reachAt } = sb;
    unitIndex.near(site.xy[0], site.xy[1], reach, nearUnits);
    if (nearUnits.size === 0 || reach <= 0) {
      pose += site.poses.length;
      continue;
    }
    // The buildings are split only for a site with a unit within reach at its density (most
    // road poles have none): measured from the site, with the margin the split may move the
    // camera by (onto a wall within MOUNT_TOLERANCE_M); a site inside a building may move
    // further, so it is always split.
    obstacleIndex.near(site.xy[0], site.xy[1], 0, nearObstacles);
    let worth = [...nearObstacles].some((i) => pointInRing(site.xy, obstacles[i]!.ring));
    for (const u of nearUnits) {
      if (worth) break;
      const unit = units[u]!;
      worth = Math.hypot(unit.xy[0] - site.xy[0], unit.xy[1] - site.xy[1]) <= reachAt.get(unit.requiredPpm)! + MOVE_MARGIN_M;
    }
    if (!worth) {
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
    // Units in some pose's band, nearest obstacles aside; then the line of sight of each.
    const inBandUnits: { unit: number; rel: XY; angle: number; dist: number; ppm: number }[] = [];
    for (const u of nearUnits) {
      const unit = units[u]!;
      const rel: XY = [unit.xy[0] - cx, unit.xy[1] - cy];
      const dist = Math.hypot(rel[0], rel[1]);
      if (dist > reachAt.get(unit.requiredPpm)!) continue;
      const angle = Math.atan2(rel[1], rel[0]);
      if (!bandsByPose.some((m) => m.get(unit.requiredPpm)!.some((b) => inBand(b, angle, dist)))) continue;
      inBandUnits.push({ unit: u, rel, angle, dist, ppm: unit.requiredPpm });
    }
    // A few units: test every wall and shadow; many: bucket them by bearing first (building the
    // buckets costs more than the tests it saves when a site sees only a few units).
    let blockedByWall: (rel: XY, angle: number) => boolean;
    let inShadow: (rel: XY, angle: number) => boolean;
    if (inBandUnits.length <= LINEAR_TEST_MAX_UNITS) {
      blockedByWall = (rel) => split.walls.some(([a, b]) => segmentsIntersect([0, 0], rel, a, b));
      inShadow = (rel) => split.shadows.some((ring) => pointInRing(rel, ring));
    } else {
      const walls = new AngularIndex<[XY, XY]>();
      for (const [a, b] of split.walls) walls.add([a, b], [a, b]);
      const shadows = new AngularIndex<XY[]>();
      for (const ring of split.shadows) shadows.add(ring, ring);
      blockedByWall = (rel, angle) => walls.at(angle).some(([a, b]) => segmentsIntersect([0, 0], rel, a, b));
      inShadow = (rel, angle) => shadows.at(angle).some((ring) => pointInRing(rel, ring));
    }
    const visible = inBandUnits.filter((v) => !blockedByWall(v.rel, v.angle) && !inShadow(v.rel, v.angle));
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
