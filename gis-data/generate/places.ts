// Crowded and complex places (schools, hospitals, markets, the railway station, squares) take
// whole blocks in the seat and the towns; each gets a compound polygon, its entrances on the
// front street, and its own buildings. Place names (county, towns, villages) go to `places`.
import { add, orientedRect, pointInRing, unitFromBearing, type XY } from './frame';
import type { Prng } from './prng';
import { blockPoint, fillBlock, type BuildingXY } from './buildings';
import type { Block } from './roads-grid';
import type { Settlement } from './roads';
import { DEMO_MARK } from './names';
import type { CrowdedKind } from './types';

export interface CrowdedPlace {
  kind: CrowdedKind;
  name: string;
  settlement: number;
  /** Closed compound ring. */
  ring: XY[];
  center: XY;
  /** Gate points on the front street side, and the bearing from the street into the compound. */
  entrances: { point: XY; inwardDeg: number }[];
  /**
   * Closed ring of the crowded part, which is the coverage target: the open forecourt behind the
   * gate where pupils, patients and shoppers gather (校门口, 门诊前广场, 站前广场), or the central
   * plaza of a square. Kept free of buildings.
   */
  forecourt: XY[];
  /** Forecourt size (m): width along the fence, depth into the compound. */
  forecourtSize: [number, number];
  buildings: BuildingXY[];
}

function forecourtOf(kind: CrowdedKind, c: { center: XY; entrance: XY; inwardDeg: number }): { center: XY; size: [number, number] } {
  const size: [number, number] = kind === 'square' || kind === 'station' ? [30, 30] : [22, 22];
  const center = kind === 'square' ? c.center : add(c.entrance, unitFromBearing(c.inwardDeg), size[1] / 2 + 0.5);
  return { center, size };
}

/** Buildings clear of the forecourt (with a 2 m margin), so the open ground stays open. */
function clearOf(buildings: BuildingXY[], rect: XY[]): BuildingXY[] {
  return buildings.filter((b) => !b.ring.some((p) => pointInRing(p, rect)) && !rect.some((p) => pointInRing(p, b.ring)));
}

/** Compound fence this far from the street centreline (inside the building setback of 10 m). */
const FENCE_SETBACK_METERS = 8;

function compound(block: Block): { ring: XY[]; center: XY; entrance: XY; inwardDeg: number } {
  const [a, b, , d] = block.corners;
  const s0 = FENCE_SETBACK_METERS / Math.max(2 * FENCE_SETBACK_METERS + 1, Math.hypot(b[0] - a[0], b[1] - a[1]));
  const t0 = FENCE_SETBACK_METERS / Math.max(2 * FENCE_SETBACK_METERS + 1, Math.hypot(d[0] - a[0], d[1] - a[1]));
  const ring = [
    blockPoint(block.corners, s0, t0),
    blockPoint(block.corners, 1 - s0, t0),
    blockPoint(block.corners, 1 - s0, 1 - t0),
    blockPoint(block.corners, s0, 1 - t0),
  ];
  ring.push(ring[0] as XY);
  const entrance = blockPoint(block.corners, 0.5, t0);
  const inside = blockPoint(block.corners, 0.5, 0.5);
  const inwardDeg = (Math.atan2(inside[0] - entrance[0], inside[1] - entrance[1]) * 180) / Math.PI;
  return { ring, center: inside, entrance, inwardDeg: (inwardDeg + 360) % 360 };
}

interface Want {
  kind: CrowdedKind;
  name: string;
  floors: [number, number] | null;
  fill: number;
}

function wantsFor(s: Settlement, rng: Prng, seatScale: number, county: string): Want[] {
  const out: Want[] = [];
  if (s.kind === 'seat') {
    const schools = Math.round(6 * seatScale);
    for (let i = 1; i <= schools; i++)
      out.push({
        kind: 'school',
        name: i % 2 === 1 ? `${s.stem}第${i}中学${DEMO_MARK}` : `${s.stem}第${i}小学${DEMO_MARK}`,
        floors: [3, 6],
        fill: 0.35,
      });
    out.push({ kind: 'hospital', name: `${county}人民医院${DEMO_MARK}`, floors: [6, 18], fill: 0.45 });
    out.push({ kind: 'hospital', name: `${county}中医医院${DEMO_MARK}`, floors: [5, 12], fill: 0.4 });
    for (let i = 1; i <= Math.round(3 * seatScale); i++)
      out.push({ kind: 'market', name: `${s.stem}第${i}农贸市场${DEMO_MARK}`, floors: [1, 2], fill: 0.5 });
    out.push({ kind: 'square', name: `${s.stem}人民广场${DEMO_MARK}`, floors: null, fill: 0 });
    out.push({ kind: 'square', name: `${s.stem}滨江广场${DEMO_MARK}`, floors: null, fill: 0 });
    return out;
  }
  out.push({ kind: 'school', name: `${s.stem}中心小学${DEMO_MARK}`, floors: [2, 4], fill: 0.35 });
  if (rng.chance(0.5)) out.push({ kind: 'school', name: `${s.stem}初级中学${DEMO_MARK}`, floors: [3, 5], fill: 0.35 });
  if (rng.chance(0.7)) out.push({ kind: 'hospital', name: `${s.stem}镇卫生院${DEMO_MARK}`, floors: [2, 4], fill: 0.4 });
  out.push({ kind: 'market', name: `${s.stem}集贸市场${DEMO_MARK}`, floors: [1, 2], fill: 0.5 });
  if (rng.chance(0.4)) out.push({ kind: 'square', name: `${s.stem}文化广场${DEMO_MARK}`, floors: null, fill: 0 });
  return out;
}

/**
 * Assigns crowded places to blocks (marking them used) and builds their compounds.
 * The station takes the seat's northernmost row near the centre, where a railway would pass.
 */
export function buildCrowdedPlaces(
  blocks: Block[],
  settlements: readonly Settlement[],
  rng: Prng,
  seatScale: number,
  county: string,
): { places: CrowdedPlace[]; used: Set<Block> } {
  const used = new Set<Block>();
  const places: CrowdedPlace[] = [];
  const bySettlement = new Map<number, Block[]>();
  for (const b of blocks) {
    const list = bySettlement.get(b.settlement);
    if (list === undefined) bySettlement.set(b.settlement, [b]);
    else list.push(b);
  }
  const make = (block: Block, want: Want, settlement: number) => {
    used.add(block);
    const c = compound(block);
    const fc = forecourtOf(want.kind, c);
    const margin = orientedRect(fc.center, fc.size[0] + 4, fc.size[1] + 4, c.inwardDeg + 90);
    const buildings =
      want.floors === null
        ? []
        : clearOf(fillBlock(block, rng, { kind: want.kind, fill: want.fill, floors: want.floors, plotScale: 1.3 }), margin);
    for (const b of buildings) b.name = want.name;
    const forecourt = orientedRect(fc.center, fc.size[0], fc.size[1], c.inwardDeg + 90);
    places.push({
      kind: want.kind,
      name: want.name,
      settlement,
      ring: c.ring,
      center: c.center,
      entrances: [{ point: c.entrance, inwardDeg: c.inwardDeg }],
      forecourt,
      forecourtSize: fc.size,
      buildings,
    });
  };
  for (const s of settlements) {
    const candidates = (bySettlement.get(s.index) ?? []).slice();
    if (candidates.length === 0) continue;
    if (s.kind === 'seat') {
      const top = Math.max(...candidates.map((b) => b.row));
      const station = candidates
        .filter((b) => b.row === top)
        .sort(
          (p, q) => Math.abs(blockPoint(p.corners, 0.5, 0.5)[0] - s.center[0]) - Math.abs(blockPoint(q.corners, 0.5, 0.5)[0] - s.center[0]),
        )[0];
      if (station !== undefined)
        make(station, { kind: 'station', name: `${county.replace('演示县', '演示站')}${DEMO_MARK}`, floors: [2, 3], fill: 0.3 }, s.index);
    }
    const free = rng.shuffle(candidates.filter((b) => !used.has(b)));
    for (const want of wantsFor(s, rng, seatScale, county)) {
      const block = free.pop();
      if (block === undefined) break;
      make(block, want, s.index);
    }
  }
  return { places, used };
}
