// Street grids: a county seat or bank town follows the river (east-west streets parallel to the
// bank, north-south streets straight), a valley town lines up on its valley road. Each grid adds
// its nodes and edges to the network and returns its blocks for buildings and crowded places.
import { add, type XY } from './frame';
import type { Prng } from './prng';
import type { River } from './river';
import { streetName } from './names';
import type { RoadNetwork } from './road-network';
import type { RoadClass } from './types';

export type BlockZone = 'core' | 'seat' | 'town';

export interface Block {
  /** Corners in order: front-left, front-right, back-right, back-left (front faces row k). */
  corners: [XY, XY, XY, XY];
  zone: BlockZone;
  /** Index of the settlement (seat or town) the block belongs to. */
  settlement: number;
  /** Grid row of the block's front street (0 = the bank road or valley road). */
  row: number;
}

export interface RiverGridSpec {
  settlement: number;
  stem: string;
  /** Eastings of the north-south streets, ascending. */
  xs: number[];
  /** Bank-road node id at each x (row 0). */
  bankNodes: number[];
  /** +1 north of the river, -1 south. */
  side: 1 | -1;
  /** Offset of the bank road from the river centreline, metres. */
  bankOffsetMeters: number;
  rows: number;
  rowSpacingMeters: number;
  columnClass(i: number): RoadClass;
  rowClass(k: number): RoadClass;
  zoneOf(i: number, k: number): BlockZone;
  /** Blocks wider than this get a residential lane through the middle. */
  laneMinWidthMeters: number;
}

/** Samples a river-parallel street between two eastings so it follows the bank's curve. */
function curveVia(river: River, x0: number, x1: number, offset: number): XY[] {
  const via: XY[] = [];
  const n = Math.floor(Math.abs(x1 - x0) / 100);
  for (let s = 1; s < n; s++) {
    const x = x0 + ((x1 - x0) * s) / n;
    via.push([x, river.centerY(x) + offset]);
  }
  return via;
}

export function buildRiverGrid(net: RoadNetwork, river: River, spec: RiverGridSpec, rng: Prng): Block[] {
  const { xs, side, rows } = spec;
  const ids: number[][] = [];
  const offsetOf = (k: number) => side * (spec.bankOffsetMeters + k * spec.rowSpacingMeters);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const col: number[] = [spec.bankNodes[i] as number];
    for (let k = 1; k <= rows; k++) col.push(net.addNode([x, river.centerY(x) + offsetOf(k)]));
    ids.push(col);
  }
  const id = (i: number, k: number) => (ids[i] as number[])[k] as number;
  const colNames = xs.map((_, i) => streetName(spec.stem, spec.settlement * 40 + i * 2, rng));
  const rowNames = Array.from({ length: rows + 1 }, (_, k) => streetName(spec.stem, spec.settlement * 40 + k * 2 + 1, rng));
  for (let k = 1; k <= rows; k++) {
    for (let i = 0; i + 1 < xs.length; i++) {
      net.addEdge(
        id(i, k),
        id(i + 1, k),
        spec.rowClass(k),
        rowNames[k] ?? null,
        curveVia(river, xs[i] as number, xs[i + 1] as number, offsetOf(k)),
      );
    }
  }
  for (let i = 0; i < xs.length; i++) {
    for (let k = 0; k < rows; k++) net.addEdge(id(i, k), id(i, k + 1), spec.columnClass(i), colNames[i] ?? null);
  }
  const blocks: Block[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    for (let k = 0; k < rows; k++) {
      const c: [XY, XY, XY, XY] = [net.node(id(i, k)), net.node(id(i + 1, k)), net.node(id(i + 1, k + 1)), net.node(id(i, k + 1))];
      const zone = spec.zoneOf(i, k);
      const width = (xs[i + 1] as number) - (xs[i] as number);
      if (width >= spec.laneMinWidthMeters) {
        const mid0 = lerp(c[0], c[1], 0.5);
        const mid1 = lerp(c[3], c[2], 0.5);
        net.addLane([mid0, mid1], k % 2 === 0 ? 'residential' : 'service');
        blocks.push({ corners: [c[0], mid0, mid1, c[3]], zone, settlement: spec.settlement, row: k });
        blocks.push({ corners: [mid0, c[1], c[2], mid1], zone, settlement: spec.settlement, row: k });
      } else {
        blocks.push({ corners: c, zone, settlement: spec.settlement, row: k });
      }
    }
  }
  return blocks;
}

export function lerp(a: XY, b: XY, t: number): [number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

export interface ValleyGridSpec {
  settlement: number;
  stem: string;
  /** Valley-road nodes where cross streets start, in order up the valley. */
  roadNodes: number[];
  /** Unit vector across the valley road (left side positive). */
  across: XY;
  rowsEachSide: number;
  rowSpacingMeters: number;
}

/** A valley town: cross streets at each road node, parallel back streets on both sides. */
export function buildValleyGrid(net: RoadNetwork, spec: ValleyGridSpec, rng: Prng): Block[] {
  const blocks: Block[] = [];
  const crossNames = spec.roadNodes.map((_, j) => streetName(spec.stem, spec.settlement * 40 + j, rng));
  for (const sideSign of [1, -1] as const) {
    const ids: number[][] = spec.roadNodes.map((n) => [n]);
    for (let j = 0; j < spec.roadNodes.length; j++) {
      const base = net.node(spec.roadNodes[j] as number);
      for (let k = 1; k <= spec.rowsEachSide; k++) {
        (ids[j] as number[]).push(net.addNode(add(base, spec.across, sideSign * k * spec.rowSpacingMeters)));
      }
    }
    const id = (j: number, k: number) => (ids[j] as number[])[k] as number;
    for (let j = 0; j < spec.roadNodes.length; j++) {
      for (let k = 0; k < spec.rowsEachSide; k++) net.addEdge(id(j, k), id(j, k + 1), 'tertiary', crossNames[j] ?? null);
    }
    for (let k = 1; k <= spec.rowsEachSide; k++) {
      const cls: RoadClass = k === 1 ? 'tertiary' : 'residential';
      const name = streetName(spec.stem, spec.settlement * 40 + 20 + k * 2 + (sideSign === 1 ? 0 : 1), rng);
      for (let j = 0; j + 1 < spec.roadNodes.length; j++) net.addEdge(id(j, k), id(j + 1, k), cls, name);
    }
    for (let j = 0; j + 1 < spec.roadNodes.length; j++) {
      for (let k = 0; k < spec.rowsEachSide; k++) {
        blocks.push({
          corners: [net.node(id(j, k)), net.node(id(j + 1, k)), net.node(id(j + 1, k + 1)), net.node(id(j, k + 1))],
          zone: 'town',
          settlement: spec.settlement,
          row: k,
        });
      }
    }
  }
  return blocks;
}
