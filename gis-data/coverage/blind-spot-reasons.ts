// Why a blind spot is blind: the one rule for every part that judges a piece (the city pass of a
// full recompute, a refresh's assignReasons, the pieces of another date for the list and the
// tiles, and the browser if it judges pieces), so that they all give a piece the same reason.
// Pure: no fs, pg or DOM.
//
// At each sample point of a piece (gis-data/coverage/sample-points.ts, xl_blind_spot_samples),
// against every camera in service near it: a camera that would see it but is down → camera_down;
// a camera facing it but blocked by a building → occluded; inside a camera's near blind zone →
// near_blind_zone; seen, but with too few pixels → low_detail; otherwise no_camera. A piece takes
// the most actionable reason of its samples (BLIND_SPOT_REASONS is that ranking).
// Speed: the wedge, range and near-zone test comes first (most cameras near a point face away),
// and only a camera that has the point in view looks at buildings, and only at those whose
// bounding box meets its sight line (sight-line.ts).
import { pointGeometry, type XY } from '../footprint';
import type { BuildingIndex } from './building-index';
import { CameraIndex, cameraReachM, type ReasonCamera } from './camera-index';
import { sightBlocked, viewerOf, warmSightGrid, type SightScene } from './sight-line';

/**
 * The reason codes (coverage_blind_spots.reason, the API, the tiles, the CLI, the legend), most
 * actionable first: when the samples of one piece disagree, the earlier reason wins. A down
 * camera is fixed by a repair, a building by moving or adding a camera, a near blind zone by
 * tilting or a second camera, too little detail by a longer lens; no camera needs a new one.
 */
export const BLIND_SPOT_REASONS = ['camera_down', 'occluded', 'near_blind_zone', 'low_detail', 'no_camera'] as const;
export type BlindSpotReason = (typeof BLIND_SPOT_REASONS)[number];

const RANK = new Map<string, number>(BLIND_SPOT_REASONS.map((r, i) => [r, i]));

export function isBlindSpotReason(v: unknown): v is BlindSpotReason {
  return typeof v === 'string' && RANK.has(v);
}

/** Whether reason `a` explains a gap better (is more actionable) than `b`. */
export function outranks(a: BlindSpotReason, b: BlindSpotReason): boolean {
  return RANK.get(a)! < RANK.get(b)!;
}

/** A count per reason, all zero. */
export function zeroReasonCounts(): Record<BlindSpotReason, number> {
  return Object.fromEntries(BLIND_SPOT_REASONS.map((r) => [r, 0])) as Record<BlindSpotReason, number>;
}

/** "Seen with too little detail" starts at the lowest level of either standard (monitor). */
export const REASON_MIN_PPM = 12.5;
/** A camera further away does not explain a gap usefully (and would dominate the cost). */
export const REASON_SEARCH_M = 400;
/** The density judged when a piece's level is unknown (observe, DORI). */
export const FALLBACK_REQUIRED_PPM = 62.5;

/** How far from a camera a blind spot's reason can depend on it (its reach, capped). */
export function reasonRadiusM(cam: ReasonCamera): number {
  return Math.min(REASON_SEARCH_M, cameraReachM(cam, REASON_MIN_PPM));
}

/** How far from a piece a camera can explain it: the longest reach at the lowest density, at most 400 m. */
export function reasonSearchRadiusM(index: CameraIndex): number {
  return Math.min(REASON_SEARCH_M, index.maxReachM(REASON_MIN_PPM));
}

/** Builds the reach grid and the sight-line grid now (server start), not in the first judgement. */
export function warmReasonIndex(index: CameraIndex, buildings: BuildingIndex): void {
  index.reaching(0, 0, REASON_MIN_PPM, REASON_SEARCH_M);
  warmSightGrid(buildings);
}

// The full recompute judges design and now in two calls with the same camera list: index it
// (and build its reach grid) once.
const indexes = new WeakMap<ReasonCamera[], CameraIndex>();
export function cameraIndexOf(cameras: ReasonCamera[]): CameraIndex {
  let index = indexes.get(cameras);
  if (index === undefined) indexes.set(cameras, (index = new CameraIndex(cameras)));
  return index;
}

export type ReasonMode = 'design' | 'now';

export interface ReasonContext extends SightScene {
  cameras: CameraIndex;
  /** The widest reach worth checking (a camera further away cannot matter). */
  searchRadiusM: number;
  /** design: every camera in service counts; now: a camera not working makes a gap camera_down. */
  mode: ReasonMode;
}

const OCCLUDED = 1;
const NEAR = 2;
const LOW = 4;

/**
 * What a camera makes of one point, kept while the same point is judged in another mode (the
 * view geometry and the sight line do not depend on the mode).
 */
export type PointMemo = Map<ReasonCamera, { g: ReturnType<typeof pointGeometry>; blocked?: boolean }>;

/** The reason at one point; `memo` keeps what each camera makes of the point for another mode. */
export function blindReason(ctx: ReasonContext, x: number, y: number, requiredPpm: number, memo?: PointMemo): BlindSpotReason {
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

/**
 * The reasons of one piece in each of its modes, from its sample points (in each mode the most
 * actionable of theirs; no_camera for a piece without points).
 */
export type PieceJudge = (modes: readonly ReasonMode[], points: Iterable<readonly [number, number]>, level: string) => BlindSpotReason[];

export interface PieceJudgeOptions {
  /** Height of the thing to be seen (the coverage settings' targetHeightM). */
  targetHeightM: number;
  /** The px/m a piece's required level asks for (undefined: unknown level, FALLBACK_REQUIRED_PPM). */
  requiredPpm: (level: string) => number | undefined;
  /** Default: from these cameras. Must come from the whole city when `cameras` is only the part near some pieces. */
  searchRadiusM?: number;
}

/**
 * The one judge of blind-spot pieces over these cameras and buildings. A point judged in both
 * modes is looked at once (the view geometry and the sight line do not depend on the mode).
 */
export function pieceJudge(cameras: ReasonCamera[] | CameraIndex, buildings: BuildingIndex, o: PieceJudgeOptions): PieceJudge {
  const index = cameras instanceof CameraIndex ? cameras : cameraIndexOf(cameras);
  const searchRadiusM = o.searchRadiusM ?? reasonSearchRadiusM(index);
  const ctxOf = (mode: ReasonMode): ReasonContext => ({
    cameras: index,
    buildings,
    targetHeightM: o.targetHeightM,
    searchRadiusM,
    mode,
    minPpm: REASON_MIN_PPM,
  });
  const ctx = { design: ctxOf('design'), now: ctxOf('now') };
  const ppm = new Map<string, number>();
  const memo: PointMemo = new Map();
  return (modes, points, level) => {
    let required = ppm.get(level);
    if (required === undefined) ppm.set(level, (required = o.requiredPpm(level) ?? FALLBACK_REQUIRED_PPM));
    const best: Array<BlindSpotReason | undefined> = modes.map(() => undefined);
    // Only a second mode can reuse what a camera makes of the point.
    const keep = modes.length > 1 ? memo : undefined;
    for (const [x, y] of points) {
      keep?.clear();
      modes.forEach((mode, k) => {
        // camera_down is first in the order: no other sample can beat it.
        if (best[k] === 'camera_down') return;
        const reason = blindReason(ctx[mode], x, y, required, keep);
        if (best[k] === undefined || outranks(reason, best[k]!)) best[k] = reason;
      });
    }
    return best.map((r) => r ?? 'no_camera');
  };
}
