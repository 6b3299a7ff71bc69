// Seeded synthetic siting instances on a street grid, for tests and the benchmark: intersection
// units at the nodes, road units every segmentMeters along the streets, hotspot cells in a few
// clusters, and candidate cameras on poles at nodes and along streets with a random heading,
// field of view and range (models from a wide bullet to a long telephoto). A pair is kept when
// the unit lies inside the camera's sector; a share of pairs is dropped to mimic occlusion.
import { buildInstance } from './instance';
import type { CoverageInstance } from './types';

export interface GeneratedOptions {
  candidates: number;
  demandUnits: number;
  seed: number;
  blockMeters?: number;
  segmentMeters?: number;
  /** Share of in-sector pairs removed as if blocked by buildings. */
  occludedShare?: number;
  backupShare?: number;
  /** Share of units that are hotspot / crowded-place area cells (10 m). */
  hotspotShare?: number;
  costs?: 'unit' | 'varied';
}

export interface GeneratedInstance {
  inst: CoverageInstance;
  demandXY: Float64Array;
  candidateXY: Float64Array;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODELS = [
  { rangeMeters: 35, hfovDeg: 100, cost: 1 },
  { rangeMeters: 60, hfovDeg: 70, cost: 1.5 },
  { rangeMeters: 90, hfovDeg: 45, cost: 2 },
  { rangeMeters: 140, hfovDeg: 25, cost: 3 },
];

export function generateInstance(o: GeneratedOptions): GeneratedInstance {
  const rnd = mulberry32(o.seed);
  const block = o.blockMeters ?? 120;
  const seg = o.segmentMeters ?? 10;
  const areaShare = o.hotspotShare ?? 0.2;
  const perBlock = 1 + 2 * Math.floor(block / seg) + 2;
  const grid = Math.max(2, Math.round(Math.sqrt((o.demandUnits * (1 - areaShare)) / perBlock)));
  const xs: number[] = [];
  const ys: number[] = [];
  const cls: number[] = [];
  for (let gx = 0; gx < grid; gx++) {
    for (let gy = 0; gy < grid; gy++) {
      xs.push(gx * block);
      ys.push(gy * block);
      cls.push(0);
      for (let s = seg / 2; s < block; s += seg) {
        if (gx < grid - 1) {
          xs.push(gx * block + s);
          ys.push(gy * block);
          cls.push(1);
        }
        if (gy < grid - 1) {
          xs.push(gx * block);
          ys.push(gy * block + s);
          cls.push(1);
        }
      }
    }
  }
  // Hotspot cells (10 m, 6 × 6 clusters) in clusters until the unit count is reached.
  while (xs.length < o.demandUnits) {
    const cx = rnd() * (grid - 1) * block;
    const cy = rnd() * (grid - 1) * block;
    for (let k = 0; k < 36 && xs.length < o.demandUnits; k++) {
      xs.push(cx + (k % 6) * 10);
      ys.push(cy + Math.floor(k / 6) * 10);
      cls.push(2);
    }
  }
  const m = Math.min(xs.length, o.demandUnits);
  const weights = new Float64Array(m);
  const need = new Uint8Array(m).fill(1);
  const priority = [3, 1, 2];
  for (let d = 0; d < m; d++) {
    const backup = o.backupShare !== undefined && cls[d] === 0 && rnd() < o.backupShare;
    need[d] = backup ? 2 : 1;
    weights[d] = (priority[cls[d]!]! * (0.5 + rnd())) / need[d]!;
  }
  // Bucket demand in a 50 m hash grid for the sector test.
  const cell = 50;
  const buckets = new Map<number, number[]>();
  const key = (cx: number, cy: number) => cx * 100_003 + cy;
  for (let d = 0; d < m; d++) {
    const k = key(Math.floor(xs[d]! / cell), Math.floor(ys[d]! / cell));
    let b = buckets.get(k);
    if (b === undefined) buckets.set(k, (b = []));
    b.push(d);
  }
  const pc: number[] = [];
  const pd: number[] = [];
  const cost = new Float64Array(o.candidates);
  const candidateXY = new Float64Array(o.candidates * 2);
  const occluded = o.occludedShare ?? 0.1;
  for (let i = 0; i < o.candidates; i++) {
    const gx = Math.floor(rnd() * grid);
    const gy = Math.floor(rnd() * grid);
    const along = rnd() < 0.5 ? 0 : rnd() * block;
    const horizontal = rnd() < 0.5;
    const cx = gx * block + (horizontal ? along : 0);
    const cy = gy * block + (horizontal ? 0 : along);
    candidateXY[2 * i] = cx;
    candidateXY[2 * i + 1] = cy;
    const model = MODELS[Math.floor(rnd() * MODELS.length)]!;
    cost[i] = o.costs === 'varied' ? model.cost * (0.8 + 0.4 * rnd()) : 1;
    // Cameras point along a street (where the targets are), with some jitter.
    const heading = Math.floor(rnd() * 4) * 90 + (rnd() - 0.5) * 8;
    const r = model.rangeMeters;
    for (let bx = Math.floor((cx - r) / cell); bx <= Math.floor((cx + r) / cell); bx++) {
      for (let by = Math.floor((cy - r) / cell); by <= Math.floor((cy + r) / cell); by++) {
        for (const d of buckets.get(key(bx, by)) ?? []) {
          const dx = xs[d]! - cx;
          const dy = ys[d]! - cy;
          const dist = Math.hypot(dx, dy);
          if (dist > r) continue;
          if (dist > 3) {
            const bearing = (Math.atan2(dx, dy) * 180) / Math.PI;
            const off = Math.abs(((((bearing - heading) % 360) + 540) % 360) - 180);
            if (off > model.hfovDeg / 2) continue;
          }
          if (rnd() < occluded) continue;
          pc.push(i);
          pd.push(d);
        }
      }
    }
  }
  const inst = buildInstance({
    candidateCount: o.candidates,
    demandCount: m,
    pairCandidate: pc,
    pairDemand: pd,
    stepWeight: weights,
    demandNeed: need,
    demandClass: Uint8Array.from(cls.slice(0, m)),
    classNames: ['intersection', 'road', 'hotspot'],
    candidateCost: cost,
  });
  return { inst, demandXY: Float64Array.from(xs.slice(0, m).flatMap((x, d) => [x, ys[d]!])), candidateXY };
}
