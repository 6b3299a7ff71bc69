import { describe, expect, it } from 'vitest';
import {
  cameraFootprints,
  multiPolygonAreaM2,
  pointInRing,
  pointView,
  tiltBandM,
  visibilitySweep,
  type CameraForFootprint,
  type MultiPolygonXY,
  type Obstacle,
  type XY,
} from '../../../gis-data/footprint';

const cam = (over: Partial<CameraForFootprint> = {}): CameraForFootprint => ({
  id: 1,
  type: 'fixed',
  xy: [0, 0],
  heightM: 6,
  azimuthDeg: 0,
  tiltDeg: 10,
  hfovDeg: 60,
  resolutionH: 1920,
  ...over,
});
const box = (id: number, x0: number, y0: number, x1: number, y1: number, heightM: number): Obstacle => ({
  id,
  heightM,
  ring: [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
});
const inside = (mp: MultiPolygonXY, p: XY) => mp.some((poly) => pointInRing(p, poly[0]!) && !poly.slice(1).some((h) => pointInRing(p, h)));
const observe = [{ level: 'observe', ppm: 62.5 }];

describe('footprint optics', () => {
  it('puts the near blind zone edge at (H − h)/tan(θ + V/2), where a mast camera stops seeing feet', () => {
    const b = tiltBandM(6, 1.6, 10, 40);
    expect(b.nearM).toBeCloseTo(4.4 / Math.tan((30 * Math.PI) / 180), 9);
    expect(b.farM).toBe(Number.POSITIVE_INFINITY);
    expect(tiltBandM(6, 1.6, 30, 20).farM).toBeCloseTo(4.4 / Math.tan((20 * Math.PI) / 180), 9);
  });

  it('covers the annular sector exactly when nothing is in the way (area within chord error)', () => {
    const [fp] = cameraFootprints(cam(), [], observe, { arcStepDeg: 1 });
    const expected = (60 / 360) * Math.PI * (fp!.rangeM ** 2 - fp!.nearM ** 2);
    expect(Math.abs(fp!.areaM2 - expected) / expected).toBeLessThan(2e-4);
  });

  it('draws a PTZ camera without presets as a full disc (it can turn anywhere)', () => {
    const [fp] = cameraFootprints(cam({ type: 'ptz', hfovDeg: 60 }), [], observe, { arcStepDeg: 1 });
    expect(fp!.nearM).toBe(0);
    expect(Math.abs(fp!.areaM2 - Math.PI * fp!.rangeM ** 2) / fp!.areaM2).toBeLessThan(2e-4);
  });

  it('draws PTZ presets as their envelope: two opposite presets see north and south but not east', () => {
    const c = cam({ type: 'ptz', ptzPresets: [{ azimuthDeg: 0 }, { azimuthDeg: 180 }] });
    const [fp] = cameraFootprints(c, [], observe);
    expect(inside(fp!.polygon, [0, 15])).toBe(true);
    expect(inside(fp!.polygon, [0, -15])).toBe(true);
    expect(inside(fp!.polygon, [15, 0])).toBe(false);
  });

  it('gives a fisheye a disc whose reach falls with the required density', () => {
    const c = cam({ type: 'fisheye', hfovDeg: 360, resolutionH: 2880 });
    const [a, b] = cameraFootprints(
      c,
      [],
      [
        { level: 'detect', ppm: 25 },
        { level: 'observe', ppm: 62.5 },
      ],
    );
    expect(a!.rangeM).toBeGreaterThan(b!.rangeM);
    expect(inside(a!.polygon, [-10, 0])).toBe(true);
  });
});

describe('occlusion', () => {
  it('hides what lies behind a building taller than the camera', () => {
    const tall = box(1, -3, 12, 3, 16, 20);
    const [fp] = cameraFootprints(cam(), [tall], observe);
    expect(inside(fp!.polygon, [0, 20])).toBe(false);
    expect(inside(fp!.polygon, [8, 20])).toBe(true);
  });

  it('lets a high camera see over a low building: only a short shadow behind it is hidden', () => {
    const c = cam({ heightM: 12, tiltDeg: 15 });
    const low = box(1, -3, 14, 3, 16, 4); // k = (12 − 1.6)/(12 − 4) = 1.3: hidden to 16 × 1.3 = 20.8 m
    const [fp] = cameraFootprints(c, [low], observe);
    expect(inside(fp!.polygon, [0, 18])).toBe(false);
    expect(inside(fp!.polygon, [0, 24])).toBe(true);
  });

  it('ignores buildings lower than the target height', () => {
    const wall = box(1, -3, 14, 3, 15, 1.0);
    const [a] = cameraFootprints(cam(), [wall], observe);
    const [b] = cameraFootprints(cam(), [], observe);
    expect(a!.areaM2).toBeCloseTo(b!.areaM2, 6);
  });

  it('does not let a camera on a wall see through its own building, even a low one', () => {
    const own = box(1, -10, -10, 10, 0, 3); // camera on its north wall, facing south into it
    const c = cam({ xy: [0, 0.2], azimuthDeg: 180, heightM: 2.8 });
    const [fp] = cameraFootprints(c, [own], [{ level: 'detect', ppm: 25 }]);
    expect(fp!.areaM2).toBeLessThan(1);
    const inner = cam({ xy: [0, -0.3], azimuthDeg: 0, heightM: 2.8 }); // digitised inside, facing out
    const [out] = cameraFootprints(inner, [own], [{ level: 'detect', ppm: 25 }]);
    expect(inside(out!.polygon, [0, 15])).toBe(true);
  });

  it('finds the same nearest wall as brute-force ray casting in every direction (exact sweep)', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const walls: Array<[XY, XY, number]> = [];
    for (let i = 0; i < 60; i++) {
      const cx = (rnd() - 0.5) * 200;
      const cy = (rnd() - 0.5) * 200;
      if (Math.hypot(cx, cy) < 8) continue;
      const a = rnd() * Math.PI;
      const l = 2 + rnd() * 10;
      walls.push([[cx - Math.cos(a) * l, cy - Math.sin(a) * l], [cx + Math.cos(a) * l, cy + Math.sin(a) * l], i]);
    }
    const vis = visibilitySweep(walls);
    for (let k = 0; k < 720; k++) {
      const t = (k + 0.37) * (Math.PI / 360);
      const [dx, dy] = [Math.cos(t), Math.sin(t)];
      let best = Infinity;
      for (const [a, b] of walls) {
        const ex = b[0] - a[0];
        const ey = b[1] - a[1];
        const den = dx * ey - dy * ex;
        if (Math.abs(den) < 1e-12) continue;
        const s = (a[0] * ey - a[1] * ex) / den;
        const u = (a[0] * dy - a[1] * dx) / den;
        if (s > 0 && u >= 0 && u <= 1) best = Math.min(best, s);
      }
      const iv = vis.find((v) => v.startRad <= t && v.endRad >= t)!;
      const r = iv.wall === undefined ? Infinity : iv.wall.p / Math.cos(t - iv.wall.phi);
      if (best === Infinity) expect(r).toBe(Infinity);
      else expect(r).toBeCloseTo(best, 6);
    }
  });

  it('agrees with the point test (the reasons and the point query) everywhere but on edges', () => {
    const obstacles = [box(1, -8, 14, -2, 20, 30), box(2, 4, 10, 9, 13, 3.5), box(3, -20, 30, 20, 32, 8)];
    const c = cam({ heightM: 7, tiltDeg: 12, hfovDeg: 80 });
    const [fp] = cameraFootprints(c, obstacles, observe, { arcStepDeg: 0.5 });
    let checked = 0;
    for (let x = -40; x <= 40; x += 1.37) {
      for (let y = 0.5; y <= 45; y += 1.29) {
        const v = pointView(c, obstacles, [x, y], 62.5);
        const inPoly = inside(fp!.polygon, [x, y]);
        // Skip points within 5 cm of a level boundary, where chords and rounding may differ.
        const r = Math.hypot(x, y);
        if (Math.abs(r - fp!.rangeM) < 0.3 || Math.abs(r - fp!.nearM) < 0.05) continue;
        expect(inPoly, `(${x.toFixed(2)}, ${y.toFixed(2)}) ${v.status}`).toBe(v.status === 'seen');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1500);
    expect(multiPolygonAreaM2(fp!.polygon)).toBeGreaterThan(100);
  });
});
