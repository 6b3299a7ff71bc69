// The box an OSM file is clipped to. In order: an explicit --bbox, the file's own box (<bounds>
// in XML, the header bbox in PBF), else the box of the nodes that no way uses. Extracts (Overpass
// bbox queries, osmium --strategy complete_ways) pull in every node of a way that crosses the
// edge, so way nodes reach far past the requested box, while stand-alone nodes (POIs, cameras,
// crossings, entrances) were selected by the box itself. Both shared test files lack a declared
// box, so this rule is what clips them.
import type { BBox } from './osm-types';
import type { OsmCollector } from './collect';

export type BoundsSource = 'option' | 'file' | 'standalone-nodes' | 'all-nodes';

export function chooseBounds(c: OsmCollector, option: BBox | undefined): { bounds: BBox; source: BoundsSource } {
  if (option !== undefined) return { bounds: option, source: 'option' };
  if (c.fileBounds !== undefined) return { bounds: c.fileBounds, source: 'file' };
  // One byte per node slot rather than a Set of ids: a large extract has millions of refs.
  const used = new Uint8Array(c.nodes.size);
  c.ways.forEachRef((r) => {
    const slot = c.nodes.indexOf(r);
    if (slot >= 0) used[slot] = 1;
  });
  const lons: number[] = [];
  const lats: number[] = [];
  c.nodes.forEach((_id, lon, lat, slot) => {
    if (used[slot] === 0) {
      lons.push(lon);
      lats.push(lat);
    }
  });
  if (lons.length >= 20) return { bounds: trimmedBox(lons, lats, 0), source: 'standalone-nodes' };
  const all: [number[], number[]] = [[], []];
  c.nodes.forEach((_id, lon, lat) => {
    all[0].push(lon);
    all[1].push(lat);
  });
  if (all[0].length === 0) throw new Error('the file has no nodes');
  return { bounds: trimmedBox(all[0], all[1], 0.01), source: 'all-nodes' };
}

/** Box of the values with a small fraction trimmed at each end, so one stray node does not stretch it. */
function trimmedBox(lons: number[], lats: number[], trim: number): BBox {
  const q = (vs: number[], p: number): number => {
    const s = Float64Array.from(vs).sort();
    return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))]!;
  };
  return [q(lons, trim), q(lats, trim), q(lons, 1 - trim), q(lats, 1 - trim)];
}
