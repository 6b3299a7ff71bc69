// The sink the readers feed: keeps node coordinates compactly, the refs of every way, and the
// tags of the features Xueliang loads. Everything else in the file is dropped as it streams by.
import { NodeStore } from './node-store';
import { WayStore } from './way-store';
import type { BBox, OsmElement, OsmNode, OsmRelation, OsmSink, Tags } from './osm-types';
import { crowdedKind, isBuilding, isCamera, placeKind, roadClass, waterKind, waterwayLineKind } from './classify-tags';

export function isInterestingWay(tags: Tags): boolean {
  return (
    roadClass(tags) !== undefined ||
    isBuilding(tags) ||
    crowdedKind(tags) !== undefined ||
    waterKind(tags) !== undefined ||
    waterwayLineKind(tags) !== undefined
  );
}

function isInterestingNode(tags: Tags): boolean {
  return isCamera(tags) || crowdedKind(tags) !== undefined || (placeKind(tags) !== undefined && tags.name !== undefined);
}

function isInterestingRelation(tags: Tags): boolean {
  if (tags.type === 'boundary' && tags.boundary === 'administrative') return true;
  return tags.type === 'multipolygon' && (isBuilding(tags) || crowdedKind(tags) !== undefined || waterKind(tags) !== undefined);
}

export class OsmCollector implements OsmSink {
  readonly nodes = new NodeStore();
  readonly ways = new WayStore();
  readonly taggedWays = new Map<number, Tags>();
  readonly pointFeatures: OsmNode[] = [];
  readonly relations: OsmRelation[] = [];
  fileBounds: BBox | undefined;
  counts = { nodes: 0, ways: 0, relations: 0 };

  constructor(private readonly onProgress?: (elements: number) => void) {}

  bounds(box: BBox): void {
    if (box.every((v) => Number.isFinite(v))) this.fileBounds = box;
  }

  element(el: OsmElement): void {
    if (el.type === 'node') {
      this.counts.nodes += 1;
      if (Number.isFinite(el.lon) && Number.isFinite(el.lat)) this.nodes.add(el.id, el.lon, el.lat);
      if (isInterestingNode(el.tags)) this.pointFeatures.push(el);
    } else if (el.type === 'way') {
      this.counts.ways += 1;
      this.ways.add(el.id, el.refs);
      if (isInterestingWay(el.tags)) this.taggedWays.set(el.id, el.tags);
    } else {
      this.counts.relations += 1;
      if (isInterestingRelation(el.tags)) this.relations.push(el);
    }
    const total = this.counts.nodes + this.counts.ways + this.counts.relations;
    if (this.onProgress !== undefined && total % 100_000 === 0) this.onProgress(total);
  }

  /** Coordinates of a way when the file has every node of it; undefined otherwise. */
  wayCoords(id: number): [number, number][] | undefined {
    const runs = this.wayRuns(id);
    return runs.length === 1 && runs[0]!.length === (this.ways.refsOf(id)?.length ?? -1) ? runs[0] : undefined;
  }

  /**
   * The runs of consecutive nodes the file has (at least 2 each). A way cut by the extract lacks
   * the nodes beyond the cut: joining across the gap would draw a straight road that does not
   * exist, so the way is split there instead.
   */
  wayRuns(id: number): [number, number][][] {
    const refs = this.ways.refsOf(id);
    if (refs === undefined) return [];
    const runs: [number, number][][] = [];
    let run: [number, number][] = [];
    for (const r of refs) {
      const c = this.nodes.get(r);
      if (c !== undefined) {
        run.push(c);
        continue;
      }
      if (run.length >= 2) runs.push(run);
      run = [];
    }
    if (run.length >= 2) runs.push(run);
    return runs;
  }
}
