// An independent check of the coverage engine: sample targets on a 0.25 m raster and decide for
// each sample, straight from the definitions, whether some camera in service sees it at the
// target's density: inside the field of view, beyond the near blind zone edge, within the tilt's
// far edge and the level's distance, and with a sight line that clears every building (a
// building hides the sample if the line from the camera at height H to the target's top at
// height h passes below its roof where the line leaves it). No footprint polygon, sweep or
// shadow hull is involved.
import type { Scene, SceneBuildingSpec, SceneCameraSpec } from './synthetic-scene';

const DEG = Math.PI / 180;

export interface RasterOptions {
  today: string;
  ppmOf: (level: string) => number;
  targetHeightM: number;
  defaultBuildingHeightM: number;
  radiusM: number;
  cellM: number;
}

function inService(c: SceneCameraSpec, today: string): boolean {
  return (c.installDate === null || c.installDate <= today) && (c.removalDate === null || c.removalDate > today);
}

/** Parameter interval [tIn, tOut] of segment a→b inside a convex ring, or undefined. */
function clipConvex(a: [number, number], b: [number, number], ring: Array<[number, number]>): [number, number] | undefined {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let area = 0;
  for (let i = 0; i + 1 < ring.length; i++) area += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  const ccw = area > 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [px, py] = ring[i]!;
    const [qx, qy] = ring[i + 1]!;
    // Inward normal of the edge.
    const nx = ccw ? -(qy - py) : qy - py;
    const ny = ccw ? qx - px : -(qx - px);
    const num = nx * (a[0] - px) + ny * (a[1] - py);
    const den = nx * dx + ny * dy;
    if (Math.abs(den) < 1e-15) {
      if (num < 0) return undefined;
      continue;
    }
    const t = -num / den;
    if (den > 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return undefined;
  }
  return [t0, t1];
}

function sees(c: SceneCameraSpec, p: [number, number], ppm: number, buildings: SceneBuildingSpec[], o: RasterOptions): boolean {
  const dx = p[0] - c.x;
  const dy = p[1] - c.y;
  const d = Math.hypot(dx, dy);
  const drop = c.heightM - o.targetHeightM;
  const hfov = c.hfovDeg ?? 90;
  const res = c.resolutionH ?? 1920;
  const slant = res / (2 * Math.tan((hfov * DEG) / 2) * ppm);
  const levelFar = slant > drop ? Math.sqrt(slant * slant - drop * drop) : 0;
  if (c.type === 'ptz' && (c.ptzPresets ?? []).length === 0) {
    if (d > levelFar) return false;
  } else {
    const bearing = Math.atan2(dx, dy) / DEG; // compass: 0 = north, clockwise
    let diff = Math.abs(bearing - (c.azimuthDeg ?? 0)) % 360;
    if (diff > 180) diff = 360 - diff;
    if (diff > hfov / 2) return false;
    const vfov = (2 * Math.atan(Math.tan((hfov * DEG) / 2) * (9 / 16))) / DEG;
    const tilt = c.tiltDeg ?? vfov / 2;
    const near = tilt + vfov / 2 >= 90 ? 0 : drop / Math.tan((tilt + vfov / 2) * DEG);
    const farTilt = tilt > vfov / 2 ? drop / Math.tan((tilt - vfov / 2) * DEG) : Infinity;
    if (d < near || d > Math.min(levelFar, farTilt)) return false;
  }
  for (const b of buildings) {
    const B = b.heightM ?? o.defaultBuildingHeightM;
    if (B <= o.targetHeightM) continue;
    const hit = clipConvex([c.x, c.y], p, b.ring);
    if (hit === undefined || hit[1] <= 0) continue;
    if (B >= c.heightM) return false;
    const sOut = hit[1] * d;
    if (c.heightM - drop * (sOut / d) < B) return false;
  }
  return true;
}

export interface ReferenceShares {
  /** Covered share per target (same order as scene.targets). */
  perTarget: number[];
}

export function rasterReference(scene: Scene, o: RasterOptions): ReferenceShares {
  const cams = scene.cameras.filter((c) => inService(c, o.today));
  const perTarget: number[] = [];
  for (const t of scene.targets) {
    const ppm = o.ppmOf(t.level);
    const samples: Array<[number, number]> = [];
    const nums = t.wkt.match(/-?\d+(\.\d+)?/g)!.map(Number);
    if (t.class === 'intersection') {
      const [cx, cy] = [nums[0]!, nums[1]!];
      for (let x = cx - o.radiusM + o.cellM / 2; x < cx + o.radiusM; x += o.cellM) {
        for (let y = cy - o.radiusM + o.cellM / 2; y < cy + o.radiusM; y += o.cellM)
          if (Math.hypot(x - cx, y - cy) <= o.radiusM) samples.push([x, y]);
      }
    } else if (t.class === 'road') {
      const [x0, y0, x1, y1] = nums as [number, number, number, number];
      const len = Math.hypot(x1 - x0, y1 - y0);
      for (let s = o.cellM / 2; s < len; s += o.cellM) samples.push([x0 + ((x1 - x0) * s) / len, y0 + ((y1 - y0) * s) / len]);
    } else {
      const xs = nums.filter((_, i) => i % 2 === 0);
      const ys = nums.filter((_, i) => i % 2 === 1);
      for (let x = Math.min(...xs) + o.cellM / 2; x < Math.max(...xs); x += o.cellM)
        for (let y = Math.min(...ys) + o.cellM / 2; y < Math.max(...ys); y += o.cellM) samples.push([x, y]);
    }
    let seen = 0;
    for (const p of samples) {
      const near = cams.filter((c) => Math.hypot(c.x - p[0], c.y - p[1]) < 400);
      if (near.some((c) => sees(c, p, ppm, scene.buildings, o))) seen++;
    }
    perTarget.push(samples.length === 0 ? 0 : seen / samples.length);
  }
  return { perTarget };
}
