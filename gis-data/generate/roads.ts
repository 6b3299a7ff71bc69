// The road layout of one county: a trunk road on the north bank and a provincial road on the
// south bank, the county seat's grid astride the river (joined by bridges), bank towns with small
// grids, and valley roads with valley towns and village spurs. Returns the network plus the
// blocks and settlements the other modules build on.
import type { XY } from './frame';
import type { Prng } from './prng';
import { RIVER_MAX_HALF_WIDTH_METERS, type River } from './river';
import { RoadNetwork } from './road-network';
import { buildRiverGrid, buildValleyGrid, type Block } from './roads-grid';
import { buildValley, type Village } from './roads-valley';
import { townStem } from './names';
import type { CountyPlan } from './scales';
import type { RoadClass } from './types';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Settlement {
  index: number;
  kind: 'seat' | 'town';
  stem: string;
  center: XY;
}

export interface CountyLayout {
  box: Box;
  river: River;
  net: RoadNetwork;
  blocks: Block[];
  settlements: Settlement[];
  villages: Village[];
}

/** Bank roads run this far from the river's centreline: clear of the widest water plus a verge. */
export const BANK_OFFSET_METERS = RIVER_MAX_HALF_WIDTH_METERS + 150;
const TOWN_SPACING_METERS = 140;

interface BankSlot {
  x: number;
  side: 1 | -1;
  kind: 'town' | 'valley';
  cols: number;
}

/** Builds a road along one bank through the given node eastings, sampling the river's curve. */
function buildBankRoad(net: RoadNetwork, river: River, xs: number[], side: 1 | -1, cls: RoadClass, name: string): Map<number, number> {
  const sorted = [...new Set(xs)].sort((a, b) => a - b);
  const ids = new Map<number, number>();
  const offset = side * BANK_OFFSET_METERS;
  let prev: number | undefined;
  let prevX = 0;
  for (const x of sorted) {
    const id = net.addNode([x, river.centerY(x) + offset]);
    ids.set(x, id);
    if (prev !== undefined) {
      const via: XY[] = [];
      for (let vx = prevX + 100; vx < x - 20; vx += 100) via.push([vx, river.centerY(vx) + offset]);
      net.addEdge(prev, id, cls, name, via);
    }
    prev = id;
    prevX = x;
  }
  return ids;
}

export function layoutCounty(rng: Prng, plan: CountyPlan, box: Box, river: River, countyIndex: number): CountyLayout {
  const net = new RoadNetwork();
  const settlements: Settlement[] = [];
  const blocks: Block[] = [];
  const villages: Village[] = [];
  const width = box.x1 - box.x0;

  // County seat: centred, north grid wider than the south one.
  const seatCenterX = box.x0 + width / 2 + rng.range(-0.05, 0.05) * width;
  const seatXs = Array.from({ length: plan.seatCols }, (_, i) =>
    Math.round(seatCenterX + (i - (plan.seatCols - 1) / 2) * plan.seatSpacingXMeters),
  );
  const southStart = Math.floor((plan.seatCols - plan.seatSouthCols) / 2);
  const seatSouthXs = seatXs.slice(southStart, southStart + plan.seatSouthCols);
  const seatWest = (seatXs[0] as number) - 1_500;
  const seatEast = (seatXs[seatXs.length - 1] as number) + 1_500;
  settlements.push({
    index: 0,
    kind: 'seat',
    stem: townStem(countyIndex, 0),
    center: [seatCenterX, river.centerY(seatCenterX) + BANK_OFFSET_METERS + plan.seatRows * plan.seatSpacingYMeters * 0.4],
  });

  // Bank slots: towns or valley mouths at intervals along both banks, away from the seat.
  const slots: BankSlot[] = [];
  for (const side of [1, -1] as const) {
    const start = box.x0 + 2_200 + (side === -1 ? plan.bankSlotMeters / 2 : 0);
    for (let x = start; x < box.x1 - 2_200; x += plan.bankSlotMeters) {
      const jx = Math.round(x + rng.range(-300, 300));
      if (jx > seatWest && jx < seatEast) continue;
      const kind = rng.chance(plan.valleyShare) ? 'valley' : 'town';
      slots.push({ x: jx, side, kind, cols: rng.int(4, 7) });
    }
  }
  const slotXs = (slot: BankSlot): number[] =>
    slot.kind === 'valley'
      ? [slot.x]
      : Array.from({ length: slot.cols }, (_, i) => Math.round(slot.x + (i - (slot.cols - 1) / 2) * TOWN_SPACING_METERS));

  const northXs = [box.x0, box.x1, ...seatXs, ...slots.filter((s) => s.side === 1).flatMap(slotXs)];
  const southXs = [box.x0, box.x1, ...seatSouthXs, ...slots.filter((s) => s.side === -1).flatMap(slotXs)];
  const north = buildBankRoad(net, river, northXs, 1, 'trunk', 'G316国道（演示）');
  const south = buildBankRoad(net, river, southXs, -1, 'primary', 'S102省道（演示）');

  const seatCol = (i: number): RoadClass => (i % 4 === 0 ? 'primary' : i % 2 === 0 ? 'secondary' : 'tertiary');
  const seatRow =
    (rows: number) =>
    (k: number): RoadClass =>
      k === rows || k % 2 === 0 ? 'secondary' : 'tertiary';
  const coreRadius = Math.max(3, Math.floor(plan.seatCols / 5));
  const seatZone = (i: number, k: number) =>
    Math.abs(i - plan.seatCols / 2) < coreRadius && k < 6 ? ('core' as const) : ('seat' as const);
  const seatStem = townStem(countyIndex, 0);
  blocks.push(
    ...buildRiverGrid(
      net,
      river,
      {
        settlement: 0,
        stem: seatStem,
        xs: seatXs,
        bankNodes: seatXs.map((x) => north.get(x) as number),
        side: 1,
        bankOffsetMeters: BANK_OFFSET_METERS,
        rows: plan.seatRows,
        rowSpacingMeters: plan.seatSpacingYMeters,
        columnClass: seatCol,
        rowClass: seatRow(plan.seatRows),
        zoneOf: seatZone,
        laneMinWidthMeters: 160,
      },
      rng,
    ),
  );
  blocks.push(
    ...buildRiverGrid(
      net,
      river,
      {
        settlement: 0,
        stem: seatStem,
        xs: seatSouthXs,
        bankNodes: seatSouthXs.map((x) => south.get(x) as number),
        side: -1,
        bankOffsetMeters: BANK_OFFSET_METERS,
        rows: plan.seatSouthRows,
        rowSpacingMeters: plan.seatSpacingYMeters,
        columnClass: (i) => seatCol(i + southStart),
        rowClass: seatRow(plan.seatSouthRows),
        zoneOf: () => 'seat',
        laneMinWidthMeters: 160,
      },
      rng,
    ),
  );
  // Bridges on the primary avenues that reach both banks.
  let bridgeNo = 0;
  seatSouthXs.forEach((x, i) => {
    if (seatCol(i + southStart) !== 'primary') return;
    bridgeNo += 1;
    net.addEdge(north.get(x) as number, south.get(x) as number, 'primary', `汉江${bridgeNo}号大桥（演示）`);
  });

  let valleyNo = 0;
  for (const slot of slots) {
    const index = settlements.length;
    const stem = townStem(countyIndex, index);
    const bank = slot.side === 1 ? north : south;
    if (slot.kind === 'town') {
      const xs = slotXs(slot);
      const rows = rng.int(2, 3);
      blocks.push(
        ...buildRiverGrid(
          net,
          river,
          {
            settlement: index,
            stem,
            xs,
            bankNodes: xs.map((x) => bank.get(x) as number),
            side: slot.side,
            bankOffsetMeters: BANK_OFFSET_METERS,
            rows,
            rowSpacingMeters: 120,
            columnClass: (i) => (i === Math.floor(xs.length / 2) ? 'secondary' : 'tertiary'),
            rowClass: (k) => (k === 1 ? 'tertiary' : 'residential'),
            zoneOf: () => 'town',
            laneMinWidthMeters: 1e9,
          },
          rng,
        ),
      );
      const cx = slot.x;
      settlements.push({ index, kind: 'town', stem, center: [cx, river.centerY(cx) + slot.side * (BANK_OFFSET_METERS + rows * 60)] });
      continue;
    }
    valleyNo += 1;
    const limitY = slot.side === 1 ? box.y1 - 900 : box.y0 + 900;
    const bankY = river.centerY(slot.x) + slot.side * BANK_OFFSET_METERS;
    const room = (Math.abs(limitY - bankY) / Math.cos((28 * Math.PI) / 180)) * 0.85;
    const lengthMeters = Math.min(room, rng.range(7_000, 12_000));
    const townCols = rng.int(4, 6);
    const valley = buildValley(
      net,
      {
        baseNode: bank.get(slot.x) as number,
        headingDeg: slot.side === 1 ? 0 : 180,
        lengthMeters,
        cls: valleyNo % 3 === 1 ? 'primary' : 'secondary',
        name: `${stem}${valleyNo % 3 === 1 ? '县道' : '乡道'}${valleyNo}号线（演示）`,
        townAtMeters: lengthMeters * rng.range(0.3, 0.5),
        townCols,
        townSpacingMeters: TOWN_SPACING_METERS,
        villageSpacingMeters: plan.villageSpacingMeters,
        minX: slot.x - 450,
        maxX: slot.x + 450,
      },
      rng,
    );
    blocks.push(
      ...buildValleyGrid(
        net,
        {
          settlement: index,
          stem,
          roadNodes: valley.townNodes,
          across: valley.townAcross,
          rowsEachSide: rng.int(1, 2),
          rowSpacingMeters: 110,
        },
        rng,
      ),
    );
    settlements.push({ index, kind: 'town', stem, center: valley.townCenter });
    villages.push(...valley.villages);
  }
  return { box, river, net, blocks, settlements, villages };
}
