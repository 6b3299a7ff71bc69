// Helpers for features of a deck.gl MVT tile: local tile coordinates (0..1 across the tile, y
// down) back to longitude/latitude, and a grid clustering of points for low zooms.
import type { Feature, Geometry } from 'geojson';

export interface TileBox {
  west: number;
  north: number;
  east: number;
  south: number;
}

const mercY = (latDeg: number) => Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));

export function localToLonLat(box: TileBox, x: number, y: number): [number, number] {
  const lon = box.west + x * (box.east - box.west);
  const my = mercY(box.north) + y * (mercY(box.south) - mercY(box.north));
  return [lon, ((2 * Math.atan(Math.exp(my)) - Math.PI / 2) * 180) / Math.PI];
}

type Coords = number[] | Coords[];

function mapCoords(c: Coords, f: (p: number[]) => number[]): Coords {
  return typeof c[0] === 'number' ? f(c as number[]) : (c as Coords[]).map((x) => mapCoords(x, f));
}

export function featureToLonLat<P>(box: TileBox, feature: Feature<Geometry, P>): Feature<Geometry, P> {
  const g = feature.geometry;
  if (g.type === 'GeometryCollection') return feature;
  const coordinates = mapCoords(g.coordinates as Coords, (p) => localToLonLat(box, p[0]!, p[1]!));
  return { ...feature, geometry: { ...g, coordinates } as Geometry };
}

export interface Cluster<P> {
  position: [number, number];
  count: number;
  members: Array<Feature<Geometry, P>>;
}

/** Bins points into a cellsPerSide² grid over the tile; each non-empty cell is one cluster. */
export function gridCluster<P>(features: Array<Feature<Geometry, P>>, cellsPerSide: number): Array<Cluster<P>> {
  const cells = new Map<number, Cluster<P>>();
  for (const f of features) {
    if (f.geometry.type !== 'Point') continue;
    const [x, y] = f.geometry.coordinates as [number, number];
    const cx = Math.min(cellsPerSide - 1, Math.max(0, Math.floor(x * cellsPerSide)));
    const cy = Math.min(cellsPerSide - 1, Math.max(0, Math.floor(y * cellsPerSide)));
    const key = cy * cellsPerSide + cx;
    let c = cells.get(key);
    if (c === undefined) {
      c = { position: [0, 0], count: 0, members: [] };
      cells.set(key, c);
    }
    c.position[0] += x;
    c.position[1] += y;
    c.count++;
    c.members.push(f);
  }
  return [...cells.values()].map((c) => ({ ...c, position: [c.position[0] / c.count, c.position[1] / c.count] }));
}
