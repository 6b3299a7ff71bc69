// Main roads up the side valleys: from a bank road, a winding road climbs away from the river,
// passes straight through a valley town, and feeds villages by short spur roads, the way county
// roads run up the tributaries of the Han in the Qinling and Daba mountains.
import { add, bearingDeg, pointAlong, polylineLengthMeters, unitFromBearing, type XY } from './frame';
import type { Prng } from './prng';
import { villageName } from './names';
import type { RoadNetwork } from './road-network';
import type { RoadClass } from './types';

export interface Village {
  name: string;
  center: XY;
  /** Spur road from the valley road, start to end (houses line its last stretch). */
  spur: XY[];
}

export interface ValleySpec {
  baseNode: number;
  /** 0 = up to the north, 180 = down to the south. */
  headingDeg: number;
  lengthMeters: number;
  cls: RoadClass;
  name: string;
  /** Where along the road the town's straight main street starts, and its cross-street count. */
  townAtMeters: number;
  townCols: number;
  townSpacingMeters: number;
  villageSpacingMeters: number;
  /** Limits for the road's wander across the valley (easting), metres. */
  minX: number;
  maxX: number;
}

export interface ValleyResult {
  /** Nodes on the town's main street, in order (for the valley-town grid). */
  townNodes: number[];
  townAcross: XY;
  townCenter: XY;
  villages: Village[];
  endNode: number;
}

/** Slices a polyline between two distances along it. */
function slice(points: readonly XY[], d0: number, d1: number): XY[] {
  const out: XY[] = [];
  let travelled = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as XY;
    const seg = Math.hypot((points[i] as XY)[0] - a[0], (points[i] as XY)[1] - a[1]);
    if (travelled > d0 && travelled < d1) out.push(a);
    travelled += seg;
  }
  return out;
}

export function buildValley(net: RoadNetwork, spec: ValleySpec, rng: Prng): ValleyResult {
  const stepMeters = 150;
  const townLength = (spec.townCols - 1) * spec.townSpacingMeters;
  const base = net.node(spec.baseNode);
  const raw: XY[] = [base];
  let heading = spec.headingDeg;
  let travelled = 0;
  while (travelled < spec.lengthMeters) {
    const inTown = travelled >= spec.townAtMeters - stepMeters && travelled <= spec.townAtMeters + townLength;
    if (!inTown) {
      // Wander a few degrees per step, steered back toward the valley axis in proportion to the
      // sideways drift, and never more than 28° off it, so neighbouring valleys never meet.
      const drift = (raw[raw.length - 1] as XY)[0] - base[0];
      const steerDeg = (spec.headingDeg === 0 ? -drift : drift) / 40;
      const offAxisDeg = heading - spec.headingDeg + rng.normal(0, 9) + steerDeg * 0.2;
      heading = spec.headingDeg + Math.max(-28, Math.min(28, offAxisDeg));
    }
    const next = add(raw[raw.length - 1] as XY, unitFromBearing(heading), stepMeters);
    next[0] = Math.max(spec.minX, Math.min(spec.maxX, next[0]));
    raw.push(next);
    travelled += stepMeters;
  }
  const total = polylineLengthMeters(raw);
  // Junction distances: the town's cross streets and the village spurs.
  const townStops = Array.from({ length: spec.townCols }, (_, j) => spec.townAtMeters + j * spec.townSpacingMeters);
  const spurStops: number[] = [];
  for (let d = 600 + rng.range(0, spec.villageSpacingMeters / 2); d < total - 500; d += spec.villageSpacingMeters * rng.range(0.8, 1.2)) {
    if (d > spec.townAtMeters - 300 && d < spec.townAtMeters + townLength + 300) continue;
    spurStops.push(d);
  }
  const stops = [...townStops.map((d) => ({ d, kind: 'town' as const })), ...spurStops.map((d) => ({ d, kind: 'spur' as const }))].sort(
    (p, q) => p.d - q.d,
  );
  const townNodes: number[] = [];
  const villages: Village[] = [];
  let prevNode = spec.baseNode;
  let prevD = 0;
  let spurSide = rng.chance(0.5) ? 1 : -1;
  for (const stop of stops) {
    const at = pointAlong(raw, stop.d);
    const nodeId = net.addNode(at.point);
    net.addEdge(prevNode, nodeId, spec.cls, spec.name, slice(raw, prevD, stop.d));
    if (stop.kind === 'town') {
      townNodes.push(nodeId);
    } else {
      spurSide = -spurSide;
      const spurHeading = at.azimuthDeg + spurSide * rng.range(70, 110);
      const spurLen = rng.range(250, 500);
      const mid = add(at.point, unitFromBearing(spurHeading + rng.normal(0, 8)), spurLen / 2);
      const end = add(mid, unitFromBearing(spurHeading + rng.normal(0, 8)), spurLen / 2);
      end[0] = Math.max(spec.minX, Math.min(spec.maxX, end[0]));
      const endNode = net.addNode(end);
      const name = villageName(rng);
      net.addEdge(nodeId, endNode, 'tertiary', `${name}路（演示）`, [mid]);
      villages.push({ name, center: end, spur: [at.point, mid, end] });
    }
    prevNode = nodeId;
    prevD = stop.d;
  }
  const end = raw[raw.length - 1] as XY;
  const endNode = net.addNode(end);
  net.addEdge(prevNode, endNode, spec.cls, spec.name, slice(raw, prevD, total));
  const endName = villageName(rng);
  const beforeEnd = pointAlong(raw, Math.max(0, total - 140)).point;
  villages.push({ name: endName, center: end, spur: [beforeEnd, end] });
  const townStart = net.node(townNodes[0] as number);
  const townEnd = net.node(townNodes[townNodes.length - 1] as number);
  const along = bearingDeg(townStart, townEnd);
  return {
    townNodes,
    townAcross: unitFromBearing(along - 90),
    townCenter: [(townStart[0] + townEnd[0]) / 2, (townStart[1] + townEnd[1]) / 2],
    villages,
    endNode,
  };
}
