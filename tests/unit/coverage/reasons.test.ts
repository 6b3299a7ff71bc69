// Blind-spot reasons: each cause on a hand-built case, and the fast judgement (wedge and range
// first, only buildings near the sight line, reach grid) against the exhaustive one it replaced
// (every camera within 400 m, each with its whole obstacle split) on seeded random scenes.
import { describe, expect, it } from 'vitest';
import { pointViewSplit, splitObstacles, type Obstacle, type ObstacleSplit, type PointStatus, type XY } from '../../../gis-data/footprint';
import { blindReason, type BlindSpotReason as BlindReason, type ReasonContext } from '../../../gis-data/coverage/blind-spot-reasons';
import { BuildingIndex } from '../../../gis-data/coverage/building-index';
import { CameraIndex, cameraReachM } from '../../../gis-data/coverage/camera-index';
import type { SceneCamera } from '../../../coverage-engine/scene';

function camera(id: number, xy: XY, o: Partial<SceneCamera> = {}): SceneCamera {
  return {
    id,
    deviceId: `D${id}`,
    type: 'fixed',
    xy,
    heightM: 6,
    azimuthDeg: 90,
    tiltDeg: 15,
    hfovDeg: 60,
    resolutionH: 1920,
    assumed: false,
    inService: true,
    working: true,
    ...o,
  };
}

function box(id: number, x0: number, y0: number, x1: number, y1: number, heightM: number): Obstacle {
  return {
    id,
    ring: [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
    heightM,
  };
}

function ctxOf(cameras: SceneCamera[], buildings: Obstacle[], mode: 'design' | 'now' = 'design'): ReasonContext {
  const index = new CameraIndex(cameras);
  return {
    cameras: index,
    buildings: new BuildingIndex(buildings),
    targetHeightM: 1.6,
    searchRadiusM: Math.min(400, index.maxReachM(12.5)),
    mode,
    minPpm: 12.5,
  };
}

/** The judgement before the speed-up, kept here as the reference the fast one must match. */
const splits = new WeakMap<ReasonContext, Map<number, ObstacleSplit>>();
function exhaustiveReason(ctx: ReasonContext, x: number, y: number, requiredPpm: number): BlindReason {
  const statuses = new Set<PointStatus | 'down'>();
  let byCamera = splits.get(ctx);
  if (byCamera === undefined) splits.set(ctx, (byCamera = new Map()));
  for (const cam of ctx.cameras.near(x, y, ctx.searchRadiusM)) {
    if (!cam.inService) continue;
    const reach = cameraReachM(cam, ctx.minPpm);
    if (Math.hypot(cam.xy[0] - x, cam.xy[1] - y) > reach) continue;
    let split = byCamera.get(cam.id);
    if (split === undefined)
      byCamera.set(cam.id, (split = splitObstacles(cam.xy, cam.heightM, ctx.targetHeightM, ctx.buildings.near(cam.xy, reach))));
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

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('blind-spot reasons', () => {
  // One camera at the origin looking east (azimuth 90°), 6 m high, 60° wide, tilted 15°.
  const cam = camera(1, [0, 0]);

  it('calls a point behind a tall building in front of a camera occluded, so the fix is a second viewpoint', () => {
    const wall = box(10, 15, -5, 18, 5, 20);
    expect(blindReason(ctxOf([cam], [wall]), 30, 0, 62.5)).toBe('occluded');
    expect(exhaustiveReason(ctxOf([cam], [wall]), 30, 0, 62.5)).toBe('occluded');
  });

  it("calls a point in a low building's shadow occluded, and a point past the shadow not", () => {
    // A 3 m building 10-12 m out: a 1.6 m target is hidden up to 12·(6-1.6)/(6-3) ≈ 17.6 m.
    const low = box(11, 10, -3, 12, 3, 3);
    expect(blindReason(ctxOf([cam], [low]), 15, 0, 62.5)).toBe('occluded');
    expect(blindReason(ctxOf([cam], [low]), 25, 0, 62.5)).not.toBe('occluded');
  });

  it('calls a point a down camera would see camera_down in "now" but not in design, so repairs come first', () => {
    const down = camera(2, [0, 0], { working: false });
    expect(blindReason(ctxOf([down], [], 'now'), 20, 0, 62.5)).toBe('camera_down');
    expect(blindReason(ctxOf([down], [], 'design'), 20, 0, 62.5)).toBe('no_camera');
  });

  it('prefers camera_down over occluded when one camera is down and another is blocked', () => {
    const down = camera(2, [0, 0], { working: false });
    const blocked = camera(3, [40, 10], { azimuthDeg: 250 });
    const wall = box(10, 28, 0, 30, 12, 20);
    const ctx = ctxOf([down, blocked], [wall], 'now');
    expect(blindReason(ctx, 20, 0, 62.5)).toBe('camera_down');
    expect(exhaustiveReason(ctx, 20, 0, 62.5)).toBe('camera_down');
  });

  it('calls a point under a steeply tilted camera near_blind_zone', () => {
    const steep = camera(4, [0, 0], { tiltDeg: 60, heightM: 10 });
    expect(blindReason(ctxOf([steep], []), 1, 0, 62.5)).toBe('near_blind_zone');
  });

  it('calls a point seen with too few pixels low_detail, so the fix is a longer lens', () => {
    // 1920 px over 60° gives 62.5 px/m out to about 26 m: at 45 m it is seen, but too coarsely.
    expect(blindReason(ctxOf([cam], []), 45, 0, 62.5)).toBe('low_detail');
  });

  it('calls a point behind the camera, or out of service cameras, no_camera', () => {
    expect(blindReason(ctxOf([cam], []), -20, 0, 62.5)).toBe('no_camera');
    expect(blindReason(ctxOf([camera(5, [0, 0], { inService: false })], []), 20, 0, 62.5)).toBe('no_camera');
  });

  it("hides what is behind a camera's own building even when the camera was digitised inside it", () => {
    // The camera point lies 0.5 m inside a 4 m building; it is mounted on the east wall, facing west.
    const own = box(12, -10, -5, 0.5, 5, 4);
    const inside = camera(6, [0, 0], { azimuthDeg: 270 });
    expect(blindReason(ctxOf([inside], [own]), -20, 0, 62.5)).toBe('occluded');
    expect(exhaustiveReason(ctxOf([inside], [own]), -20, 0, 62.5)).toBe('occluded');
  });

  it('gives exactly the answers of the exhaustive judgement on random scenes, so the speed-up changed no reason', () => {
    let compared = 0;
    const seen = new Set<BlindReason>();
    for (let seed = 1; seed <= 4; seed++) {
      const rnd = prng(seed);
      const buildings: Obstacle[] = [];
      for (let i = 0; i < 120; i++) {
        const x = rnd() * 400;
        const y = rnd() * 400;
        buildings.push(box(i + 1, x, y, x + 5 + rnd() * 25, y + 5 + rnd() * 25, rnd() < 0.2 ? 1 : 2 + rnd() * 20));
      }
      const types = ['fixed', 'fixed', 'dome', 'ptz', 'fisheye'] as const;
      const cameras: SceneCamera[] = [];
      for (let i = 0; i < 60; i++) {
        const type = types[Math.floor(rnd() * types.length)]!;
        cameras.push(
          camera(i + 1, [rnd() * 400, rnd() * 400], {
            type,
            azimuthDeg: rnd() * 360,
            tiltDeg: 5 + rnd() * 40,
            heightM: 3 + rnd() * 12,
            hfovDeg: type === 'fisheye' ? 360 : 30 + rnd() * 80,
            resolutionH: rnd() < 0.5 ? 1920 : 2560,
            ptzPresets: type === 'ptz' && rnd() < 0.5 ? [{ azimuthDeg: rnd() * 360 }, { azimuthDeg: rnd() * 360, tiltDeg: 20 }] : [],
            working: rnd() < 0.7,
            inService: rnd() < 0.9,
          }),
        );
      }
      for (const mode of ['design', 'now'] as const) {
        const fast = ctxOf(cameras, buildings, mode);
        const slow = ctxOf(cameras, buildings, mode);
        for (let k = 0; k < 400; k++) {
          const x = rnd() * 400;
          const y = rnd() * 400;
          const ppm = [25, 62.5, 125, 250][k % 4]!;
          const want = exhaustiveReason(slow, x, y, ppm);
          expect(blindReason(fast, x, y, ppm), `seed ${seed} ${mode} (${x.toFixed(2)}, ${y.toFixed(2)}) at ${ppm} px/m`).toBe(want);
          seen.add(want);
          compared++;
        }
      }
    }
    expect(compared).toBe(3200);
    // The scenes exercise every reason, so agreement is not agreement on "no_camera" alone.
    expect([...seen].sort()).toEqual(['camera_down', 'low_detail', 'near_blind_zone', 'no_camera', 'occluded']);
  });

  it('keeps the reach grid and the longest reach current as cameras are added, moved and removed', () => {
    const a = camera(7, [0, 0]);
    const index = new CameraIndex([a]);
    const before = index.maxReachM(12.5);
    expect(index.reaching(20, 0, 12.5, 400)).toContain(a);
    const far = camera(8, [5000, 0], { resolutionH: 7680 });
    index.add(far);
    expect(index.maxReachM(12.5)).toBeGreaterThan(before);
    expect(index.reaching(5020, 0, 12.5, 400)).toContain(far);
    index.remove(far);
    expect(index.maxReachM(12.5)).toBe(before);
    expect(index.reaching(5020, 0, 12.5, 400)).not.toContain(far);
    const moved = { ...a, xy: [1000, 0] as XY };
    index.remove(a);
    index.add(moved);
    expect(index.reaching(20, 0, 12.5, 400)).not.toContain(a);
    expect(index.reaching(1020, 0, 12.5, 400)).toContain(moved);
  });
});
