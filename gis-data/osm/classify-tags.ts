// What each OSM feature becomes in Xueliang, decided from its tags alone (pure, no geometry).
import type { Tags } from './osm-types';

/** Every highway value drawn on the basemap (footways and paths included: they show the city). */
export const BASEMAP_ROAD_CLASSES = new Set([
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
  'pedestrian',
  'footway',
  'cycleway',
  'path',
  'steps',
  'track',
  'road',
  'busway',
]);

/**
 * Roads that are policy targets (class 'road'): trunk, primary and secondary carriageways.
 * Motorways are included: in a Chinese city they are the urban expressways (快速路) that the
 * 雪亮 acceptance counts as trunk roads. Links (ramps, slip roads) are excluded: they are short
 * and lie inside the intersections, which are targets of their own.
 */
export const TARGET_ROAD_CLASSES = ['motorway', 'trunk', 'primary', 'secondary'] as const;

/** The "main road" network the data README measures (trunk/primary/secondary/tertiary). */
export const MAIN_ROAD_CLASSES = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'] as const;

/**
 * The road graph used to find intersections: every road a vehicle or a crowd uses, service roads
 * (compound and car-park entrances, where cameras are sited) and pedestrian streets included.
 * Footways, paths, cycleways and steps are left out: every footpath crossing would otherwise
 * count as an intersection (Monaco: 494 junctions without them, 743 with them).
 */
export const GRAPH_ROAD_CLASSES = new Set([
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'living_street',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
  'service',
  'pedestrian',
  'road',
  'busway',
]);
const MAIN_FOR_CROSSING = new Set(['motorway', 'trunk', 'primary', 'secondary', 'tertiary']);

export function roadClass(tags: Tags): string | undefined {
  const h = tags.highway;
  if (h === undefined || !BASEMAP_ROAD_CLASSES.has(h)) return undefined;
  // A pedestrian square drawn as an area is a place, not a line to draw as a road.
  if (tags.area === 'yes') return undefined;
  return h;
}

export function isMainRoad(cls: string): boolean {
  return MAIN_FOR_CROSSING.has(cls);
}

/** Assumed building height when OSM gives neither height= nor building:levels=: three storeys. */
export const DEFAULT_BUILDING_HEIGHT_M = 9;
export const STOREY_HEIGHT_M = 3;

export function isBuilding(tags: Tags): boolean {
  const b = tags.building;
  return b !== undefined && b !== 'no';
}

/** Height from height= (metres, "12 m" or "12"), else levels × 3 m (assumed), else the default (assumed). */
export function buildingHeight(tags: Tags): { heightM: number; assumed: boolean } {
  const h = parseMetres(tags.height);
  if (h !== undefined && h > 0 && h < 1000) return { heightM: h, assumed: false };
  const levels = Number((tags['building:levels'] ?? '').trim());
  if (tags['building:levels'] !== undefined && Number.isFinite(levels) && levels > 0 && levels < 300) {
    return { heightM: levels * STOREY_HEIGHT_M, assumed: true };
  }
  return { heightM: DEFAULT_BUILDING_HEIGHT_M, assumed: true };
}

/** Parses "12", "12 m", "12.5m", "40'": feet converted; anything else undefined. */
export function parseMetres(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim().replace(',', '.');
  const m = /^(-?\d+(?:\.\d+)?)\s*(m|metres|meters)?$/i.exec(s);
  if (m !== null) return Number(m[1]);
  const ft = /^(\d+(?:\.\d+)?)\s*(ft|')$/i.exec(s);
  if (ft !== null) return Number(ft[1]) * 0.3048;
  return undefined;
}

/** Crowded places (targets class 'crowded_place'); the kind is kept in targets.kind. */
export function crowdedKind(tags: Tags): string | undefined {
  const amenity = tags.amenity;
  if (amenity === 'school' || amenity === 'hospital' || amenity === 'marketplace') return amenity;
  if (tags.railway === 'station') return 'station';
  if (tags.railway === 'subway_entrance' || tags.railway === 'train_station_entrance') return 'subway_entrance';
  if (tags.public_transport === 'station' && (tags.subway === 'yes' || tags.station === 'subway')) return 'station';
  if (tags.place === 'square') return 'square';
  if (tags.highway === 'pedestrian' && (tags.area === 'yes' || tags.type === 'multipolygon')) return 'pedestrian_area';
  return undefined;
}

/** Radius a point-mapped crowded place is buffered to (a school gate, a metro entrance): 30 m. */
export const CROWDED_POINT_RADIUS_M = 30;

export function waterKind(tags: Tags): string | undefined {
  if (tags.natural === 'water') return tags.water ?? 'water';
  if (tags.waterway === 'riverbank') return 'riverbank';
  if (tags.landuse === 'reservoir' || tags.landuse === 'basin') return tags.landuse;
  return undefined;
}

/** Waterway lines drawn on the basemap (rivers and canals; ditches and drains are too small). */
export function waterwayLineKind(tags: Tags): string | undefined {
  const w = tags.waterway;
  return w === 'river' || w === 'canal' || w === 'stream' ? w : undefined;
}

export function placeKind(tags: Tags): string | undefined {
  const p = tags.place;
  if (p === undefined || p === 'square') return undefined;
  return p;
}

/** OSM surveillance features that are cameras (guards and unspecified non-camera kinds are not). */
export function isCamera(tags: Tags): boolean {
  if (tags.man_made !== 'surveillance') return false;
  const t = tags['surveillance:type'];
  return t === undefined || t === 'camera' || t === 'ALPR';
}
