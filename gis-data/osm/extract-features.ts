// Turns the collected OSM elements into the rows Xueliang loads, still unclipped: clipping to
// the bounds happens in SQL (ST_Intersection, ST_PointOnSurface), where geometry is exact.
// Areas built from relations are passed as their member lines and assembled by ST_BuildArea.
import type { OsmCollector } from './collect';
import type { Tags } from './osm-types';
import {
  buildingHeight,
  crowdedKind,
  GRAPH_ROAD_CLASSES,
  isBuilding,
  isCamera,
  placeKind,
  roadClass,
  waterKind,
  waterwayLineKind,
} from './classify-tags';
import { findIntersections, type GraphWay, type Intersection } from './intersections';

type Pos = [number, number];

/** A geometry for SQL: 'polygon'/'line'/'point' as GeoJSON, 'lines' = member lines to assemble into an area. */
export interface ShapeRow {
  shape: 'polygon' | 'line' | 'lines' | 'point';
  geojson: string;
}

export interface RoadRow {
  osm_id: number;
  name: string | null;
  class: string;
  geojson: string;
}
export interface AreaRow extends ShapeRow {
  osm_id: number;
  name: string | null;
  kind: string;
}
export interface BuildingRow extends AreaRow {
  height_m: number;
  height_assumed: boolean;
}
export interface PlaceRow {
  name: string;
  name_en: string | null;
  kind: string;
  lon: number;
  lat: number;
}
export interface CameraNode {
  osmId: number;
  lon: number;
  lat: number;
  tags: Tags;
}
export interface BoundaryRow {
  osm_id: number;
  name: string;
  admin_level: number;
  complete: boolean;
  geojson: string;
}

export interface ExtractedOsm {
  roads: RoadRow[];
  buildings: BuildingRow[];
  water: AreaRow[];
  crowded: AreaRow[];
  places: PlaceRow[];
  cameras: CameraNode[];
  boundaries: BoundaryRow[];
  intersections: Intersection[];
}

function nameOf(tags: Tags): string | null {
  return tags.name ?? tags['name:zh'] ?? tags['name:en'] ?? null;
}

function closedRing(coords: Pos[]): boolean {
  const a = coords[0]!;
  const b = coords[coords.length - 1]!;
  return coords.length >= 4 && a[0] === b[0] && a[1] === b[1];
}

export function extractFeatures(c: OsmCollector): ExtractedOsm {
  const out: ExtractedOsm = {
    roads: [],
    buildings: [],
    water: [],
    crowded: [],
    places: [],
    cameras: [],
    boundaries: [],
    intersections: [],
  };
  const graph: GraphWay[] = [];
  for (const [id, tags] of c.taggedWays) {
    const cls = roadClass(tags);
    const name = nameOf(tags);
    const wline = waterwayLineKind(tags);
    if (cls !== undefined || wline !== undefined) {
      const runs = c.wayRuns(id);
      const geojson = JSON.stringify(
        runs.length === 1 ? { type: 'LineString', coordinates: runs[0] } : { type: 'MultiLineString', coordinates: runs },
      );
      if (runs.length > 0 && cls !== undefined) {
        out.roads.push({ osm_id: id, name, class: cls, geojson });
        if (GRAPH_ROAD_CLASSES.has(cls)) graph.push({ id, cls, name: name ?? undefined, refs: c.ways.refsOf(id)! });
      }
      if (runs.length > 0 && wline !== undefined) out.water.push({ osm_id: id, name, kind: wline, shape: 'line', geojson });
    }
    // Areas need every node: a ring with a gap is not the mapped shape.
    const coords = c.wayCoords(id);
    if (coords === undefined || !closedRing(coords)) continue;
    const polygon = JSON.stringify({ type: 'Polygon', coordinates: [coords] });
    if (isBuilding(tags)) {
      const h = buildingHeight(tags);
      out.buildings.push({
        osm_id: id,
        name,
        kind: tags.building!,
        shape: 'polygon',
        geojson: polygon,
        height_m: h.heightM,
        height_assumed: h.assumed,
      });
    }
    const wk = waterKind(tags);
    if (wk !== undefined) out.water.push({ osm_id: id, name, kind: wk, shape: 'polygon', geojson: polygon });
    const ck = crowdedKind(tags);
    if (ck !== undefined) out.crowded.push({ osm_id: id, name, kind: ck, shape: 'polygon', geojson: polygon });
  }
  for (const rel of c.relations) {
    const lines: Pos[][] = [];
    let missing = 0;
    for (const m of rel.members) {
      if (m.type !== 'way') continue;
      const coords = c.wayCoords(m.ref);
      if (coords === undefined) missing += 1;
      else lines.push(coords);
    }
    if (lines.length === 0) continue;
    const geojson = JSON.stringify({ type: 'MultiLineString', coordinates: lines });
    const tags = rel.tags;
    const name = nameOf(tags);
    if (tags.type === 'boundary') {
      const level = Number(tags.admin_level);
      if (name !== null && Number.isFinite(level))
        out.boundaries.push({ osm_id: rel.id, name, admin_level: level, complete: missing === 0, geojson });
      continue;
    }
    if (isBuilding(tags)) {
      const h = buildingHeight(tags);
      out.buildings.push({
        osm_id: rel.id,
        name,
        kind: tags.building!,
        shape: 'lines',
        geojson,
        height_m: h.heightM,
        height_assumed: h.assumed,
      });
    }
    const wk = waterKind(tags);
    if (wk !== undefined) out.water.push({ osm_id: rel.id, name, kind: wk, shape: 'lines', geojson });
    const ck = crowdedKind(tags);
    if (ck !== undefined) out.crowded.push({ osm_id: rel.id, name, kind: ck, shape: 'lines', geojson });
  }
  for (const n of c.pointFeatures) {
    if (isCamera(n.tags)) out.cameras.push({ osmId: n.id, lon: n.lon, lat: n.lat, tags: n.tags });
    const ck = crowdedKind(n.tags);
    if (ck !== undefined)
      out.crowded.push({
        osm_id: n.id,
        name: nameOf(n.tags),
        kind: ck,
        shape: 'point',
        geojson: JSON.stringify({ type: 'Point', coordinates: [n.lon, n.lat] }),
      });
    const pk = placeKind(n.tags);
    if (pk !== undefined && n.tags.name !== undefined) {
      out.places.push({ name: n.tags.name, name_en: n.tags['name:en'] ?? null, kind: pk, lon: n.lon, lat: n.lat });
    }
  }
  out.intersections = findIntersections(graph, (id) => c.nodes.get(id));
  return out;
}
