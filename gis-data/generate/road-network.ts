// A small road graph built explicitly as the layout is drawn: every junction is a node we placed,
// so intersections come straight from node degrees with no segment-intersection search.
import { bearingDeg, pointAlong, polylineLengthMeters, type XY } from './frame';
import { INTERSECTION_ROAD_CLASSES, type RoadClass } from './types';

export interface RoadEdge {
  a: number;
  b: number;
  cls: RoadClass;
  name: string | null;
  /** Full geometry from node a to node b. */
  points: XY[];
}

export interface JunctionArm {
  azimuthDeg: number;
  cls: RoadClass;
  name: string | null;
}

export interface Junction {
  nodeId: number;
  p: XY;
  arms: JunctionArm[];
}

const CLASS_RANK: Record<RoadClass, number> = { trunk: 6, primary: 5, secondary: 4, tertiary: 3, residential: 2, service: 1 };

export function classRank(cls: RoadClass): number {
  return CLASS_RANK[cls];
}

export class RoadNetwork {
  readonly nodes: XY[] = [];
  readonly edges: RoadEdge[] = [];
  /** Roads that end on another road's side (lanes), not part of the junction graph. */
  readonly lanes: { cls: RoadClass; name: string | null; points: XY[] }[] = [];

  addNode(p: XY): number {
    this.nodes.push([p[0], p[1]]);
    return this.nodes.length - 1;
  }

  node(id: number): XY {
    const p = this.nodes[id];
    if (p === undefined) throw new Error(`no road node ${id}`);
    return p;
  }

  /** Adds an edge; `via` are the interior vertices between the two nodes. */
  addEdge(a: number, b: number, cls: RoadClass, name: string | null, via: readonly XY[] = []): void {
    this.edges.push({ a, b, cls, name, points: [this.node(a), ...via, this.node(b)] });
  }

  addLane(points: XY[], cls: RoadClass, name: string | null = null): void {
    this.lanes.push({ cls, name, points });
  }

  /** Nodes where three or more arms of the intersection road classes meet. */
  junctions(): Junction[] {
    const arms = new Map<number, JunctionArm[]>();
    const push = (nodeId: number, arm: JunctionArm) => {
      const list = arms.get(nodeId);
      if (list === undefined) arms.set(nodeId, [arm]);
      else list.push(arm);
    };
    for (const e of this.edges) {
      if (!INTERSECTION_ROAD_CLASSES.includes(e.cls)) continue;
      const len = polylineLengthMeters(e.points);
      const probe = Math.min(25, len / 2);
      push(e.a, { azimuthDeg: bearingDeg(e.points[0] as XY, pointAlong(e.points, probe).point), cls: e.cls, name: e.name });
      const reversed = e.points.slice().reverse();
      push(e.b, { azimuthDeg: bearingDeg(reversed[0] as XY, pointAlong(reversed, probe).point), cls: e.cls, name: e.name });
    }
    const out: Junction[] = [];
    for (let id = 0; id < this.nodes.length; id++) {
      const list = arms.get(id);
      if (list !== undefined && list.length >= 3) out.push({ nodeId: id, p: this.node(id), arms: list });
    }
    return out;
  }

  /** Total length of edges in the given classes, metres. */
  lengthMeters(classes: readonly RoadClass[]): number {
    let sum = 0;
    for (const e of this.edges) if (classes.includes(e.cls)) sum += polylineLengthMeters(e.points);
    return sum;
  }
}
