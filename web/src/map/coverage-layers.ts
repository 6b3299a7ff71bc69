// The coverage map drawn by MapLibre itself: footprints, target layers, blind spots and camera
// positions, each a vector source on the API's tiles for the viewport and zoom (never one
// city-sized GeoJSON). Camera icons are coloured AND shaped by state; below CLUSTER_BELOW_ZOOM
// they are binned into counted clusters (camera-clusters.ts). Live status changes arrive as
// `statusOverrides` (device id → state) and re-style the icons without refetching tiles.
//
// Why MapLibre layers and not deck.gl: on the software-rendered PCs of a command center (and the
// headless Chromium of bench:web), each deck.gl program of the first view took 250–770 ms to
// compile and every frame with deck.gl layers waited 400–1,100 ms for the rasteriser; MapLibre's
// fill/line/circle/symbol programs are the basemap's, already compiled (README, "Performance").
// deck.gl stays for the planner's editable cameras (map-view.tsx adds it when they exist).
import type {
  ExpressionSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  StyleSpecification,
  VectorSourceSpecification,
} from 'maplibre-gl';
import { STANDARD_LEVELS } from '../../../gis-data/optics/levels';
import { STATUS_STATES } from '../../../vocabulary/camera-health';
import { stateIconAtlas } from './icon-atlas';
import { BLIND_SPOT_REASONS, REASON_COLOURS, STATE_GROUPS, TARGET_COLOURS, stateGroup, type Rgba } from './state-style';
import { tileUrl, type TileLayer } from './tile-url';

/** The URL scheme of blind-spot tiles (blind-spot-tiles.ts fetches them and shows them to the planner). */
export const BLIND_TILE_PROTOCOL = 'xl-blind';

export const CLUSTER_BELOW_ZOOM = 14;
// Coverage tiles are fetched up to z14 and overzoomed beyond (a z14 tile's 4096 grid is about
// half a metre): at z15 that is 4× fewer tiles and requests than z15 tiles, 16× at z16, and
// zooming between 14 and 17 reuses the tiles already loaded.
export const TILE_MAX_ZOOM = 14;

export interface CoverageLayerProps {
  asOf: string | null;
  now: boolean;
  level: string | null;
  showFootprints: boolean;
  showTargets: boolean;
  showBlindSpots: boolean;
  showCameras: boolean;
  statusOverrides: ReadonlyMap<string, string>;
  statusVersion: number;
}

/** The coverage sources: id, tile layer, lowest zoom, the MVT layer inside the tile. */
export const COVERAGE_SOURCES = {
  footprints: { id: 'xl-footprints', minzoom: 13, sourceLayer: 'footprints' },
  targets: { id: 'xl-targets', minzoom: 11, sourceLayer: 'targets' },
  'blind-spots': { id: 'xl-blind-spots', minzoom: 10, sourceLayer: 'blind_spots' },
  cameras: { id: 'xl-cameras', minzoom: 8, sourceLayer: 'cameras' },
} as const satisfies Partial<Record<TileLayer, { id: string; minzoom: number; sourceLayer: string }>>;
export type CoverageSourceKey = keyof typeof COVERAGE_SOURCES;

/** Style layers of each source, bottom to top; the ids the click and the tests pick against. */
export const COVERAGE_LAYER_IDS = {
  footprints: ['xl-footprints-fill'],
  targets: ['xl-targets-fill', 'xl-targets-line', 'xl-targets-point'],
  'blind-spots': ['xl-blind-spots-fill', 'xl-blind-spots-line', 'xl-blind-spots-point'],
  cameras: ['xl-camera-tiles', 'xl-camera-icons', 'xl-clusters', 'xl-cluster-count'],
} as const;
export const CAMERA_ICON_LAYER = 'xl-camera-icons';
export const CLUSTER_LAYER = 'xl-clusters';
export const CLUSTER_SOURCE = 'xl-clusters';
/**
 * The camera tiles the clusters are made from (below CLUSTER_BELOW_ZOOM). Another date reads the
 * tiles of every date (`allDates`, each camera with its install and removal date) and picks the
 * date's cameras itself (standsOn, camera-clusters.ts), so a move of the slider loads no camera
 * tiles there (at M six z8 tiles, about 1 MB, a move). The icons from CLUSTER_BELOW_ZOOM keep
 * the date's own tiles: a style filter by date would make MapLibre re-parse the tiles on each
 * move, and a filter change while new tile URLs load drops the new URLs (the source is paused).
 */
export const CAMERA_POINTS_SOURCE = 'xl-camera-points';

const LEVEL_COLOURS: Rgba[] = [
  [0, 114, 178, 70],
  [0, 158, 115, 70],
  [230, 159, 0, 70],
  [204, 121, 167, 70],
  [86, 180, 233, 70],
];
// The levels of both standards keep the colours they had (a hash of the name picks one).
const LEVEL_NAMES = Object.values(STANDARD_LEVELS).flatMap((levels) => levels.map((l) => l.name));

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

const rgb = (c: Rgba) => `rgb(${c[0]},${c[1]},${c[2]})`;
const alpha = (c: Rgba) => c[3] / 255;

/** `match` on a property: each value its colour, else `fallback`. */
function colourBy(
  property: string,
  colours: Record<string, Rgba>,
  fallback: string,
  pick: (c: Rgba) => string = rgb,
): ExpressionSpecification {
  const pairs = Object.entries(colours).flatMap(([k, c]) => [k, pick(c)]);
  return ['match', ['get', property], ...pairs, fallback] as unknown as ExpressionSpecification;
}

function opacityBy(property: string, colours: Record<string, Rgba>, fallback: number): ExpressionSpecification {
  const pairs = Object.entries(colours).flatMap(([k, c]) => [k, alpha(c)]);
  return ['match', ['get', property], ...pairs, fallback] as unknown as ExpressionSpecification;
}

const LEVEL_COLOUR_OF = Object.fromEntries(LEVEL_NAMES.map((n) => [n, LEVEL_COLOURS[Math.abs(hash(n)) % LEVEL_COLOURS.length]!]));
const REASON_COLOUR_OF = Object.fromEntries(BLIND_SPOT_REASONS.map((r) => [r, REASON_COLOURS[r]]));

/**
 * The icon of each camera: its state group from the tile, unless the live status stream changed
 * it since (a `match` on the device ids the stream moved, one branch per group).
 */
export function cameraIconExpression(overrides: ReadonlyMap<string, string>): ExpressionSpecification {
  const byTile = ['match', ['get', 'state'], ...STATUS_STATES.flatMap((s) => [s, stateGroup(s)]), 'UNKNOWN'];
  const moved = new Map<string, string[]>();
  for (const [id, state] of overrides) {
    const g = stateGroup(state);
    moved.set(g, [...(moved.get(g) ?? []), id]);
  }
  if (moved.size === 0) return byTile as unknown as ExpressionSpecification;
  const branches = [...moved].flatMap(([g, ids]) => [ids, g]);
  return ['match', ['to-string', ['get', 'device_id']], ...branches, byTile] as unknown as ExpressionSpecification;
}

/** The tile URL of a source for the props (blind-spot tiles go through the planner's protocol). */
export function sourceTiles(key: CoverageSourceKey, p: Pick<CoverageLayerProps, 'asOf' | 'now' | 'level'>): string {
  switch (key) {
    case 'footprints':
      return tileUrl('footprints', { asOf: p.asOf, level: p.level });
    case 'targets':
      return tileUrl('targets', { level: p.level });
    case 'blind-spots':
      return `${BLIND_TILE_PROTOCOL}://${tileUrl('blind-spots', { asOf: p.asOf, now: p.now, level: p.level })}`;
    case 'cameras':
      return tileUrl('cameras', { asOf: p.asOf });
  }
}

export function vectorSource(key: CoverageSourceKey, p: CoverageLayerProps): VectorSourceSpecification {
  const s = COVERAGE_SOURCES[key];
  return { type: 'vector', tiles: [sourceTiles(key, p)], minzoom: s.minzoom, maxzoom: TILE_MAX_ZOOM };
}

/** The tile URL of CAMERA_POINTS_SOURCE: today's cameras, or those of every date on another date. */
const cameraPointsTiles = (asOf: string | null): string => (asOf === null ? tileUrl('cameras') : tileUrl('cameras', { allDates: true }));

export function cameraPointsSource(p: Pick<CoverageLayerProps, 'asOf'>): VectorSourceSpecification {
  const cam = COVERAGE_SOURCES.cameras;
  return {
    type: 'vector',
    tiles: [cameraPointsTiles(p.asOf)],
    minzoom: cam.minzoom,
    maxzoom: Math.min(TILE_MAX_ZOOM, CLUSTER_BELOW_ZOOM - 1),
  };
}

const visible = (on: boolean) => (on ? 'visible' : 'none');

/** The style layers of the coverage map, bottom to top. */
export function coverageLayerSpecs(p: CoverageLayerProps): LayerSpecification[] {
  // geometry-type names Multi* features apart from single ones: each filter takes both.
  const polygons: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
  const lines: ExpressionSpecification = [
    'in',
    ['geometry-type'],
    ['literal', ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']],
  ];
  const points: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];
  const fp = COVERAGE_SOURCES.footprints;
  const tg = COVERAGE_SOURCES.targets;
  const bs = COVERAGE_SOURCES['blind-spots'];
  const cam = COVERAGE_SOURCES.cameras;
  return [
    {
      id: 'xl-footprints-fill',
      type: 'fill',
      source: fp.id,
      'source-layer': fp.sourceLayer,
      minzoom: fp.minzoom,
      layout: { visibility: visible(p.showFootprints) },
      // No outlines: footprints are thousands of short occlusion-cut edges (most of a z15 frame
      // under software GL when they were drawn).
      paint: { 'fill-color': colourBy('level', LEVEL_COLOUR_OF, rgb(LEVEL_COLOURS[0]!)), 'fill-opacity': alpha(LEVEL_COLOURS[0]!) },
    },
    {
      id: 'xl-targets-fill',
      type: 'fill',
      source: tg.id,
      'source-layer': tg.sourceLayer,
      minzoom: tg.minzoom,
      filter: polygons,
      layout: { visibility: visible(p.showTargets) },
      paint: {
        'fill-color': colourBy('class', TARGET_COLOURS, 'rgb(200,200,200)'),
        'fill-opacity': opacityBy('class', TARGET_COLOURS, 0.4),
      },
    },
    {
      id: 'xl-targets-line',
      type: 'line',
      source: tg.id,
      'source-layer': tg.sourceLayer,
      minzoom: tg.minzoom,
      filter: lines,
      layout: { visibility: visible(p.showTargets) },
      paint: { 'line-color': colourBy('class', TARGET_COLOURS, 'rgb(200,200,200)'), 'line-opacity': 0.8, 'line-width': 2 },
    },
    {
      id: 'xl-targets-point',
      type: 'circle',
      source: tg.id,
      'source-layer': tg.sourceLayer,
      minzoom: tg.minzoom,
      filter: points,
      layout: { visibility: visible(p.showTargets) },
      paint: {
        'circle-radius': 4,
        'circle-color': colourBy('class', TARGET_COLOURS, 'rgb(200,200,200)'),
        'circle-opacity': opacityBy('class', TARGET_COLOURS, 0.4),
        'circle-stroke-width': 2,
        'circle-stroke-color': colourBy('class', TARGET_COLOURS, 'rgb(200,200,200)'),
      },
    },
    {
      id: 'xl-blind-spots-fill',
      type: 'fill',
      source: bs.id,
      'source-layer': bs.sourceLayer,
      minzoom: bs.minzoom,
      filter: polygons,
      layout: { visibility: visible(p.showBlindSpots) },
      paint: { 'fill-color': colourBy('reason', REASON_COLOUR_OF, 'rgb(255,0,255)'), 'fill-opacity': 150 / 255 },
    },
    {
      id: 'xl-blind-spots-line',
      type: 'line',
      source: bs.id,
      'source-layer': bs.sourceLayer,
      minzoom: bs.minzoom,
      filter: lines,
      layout: { visibility: visible(p.showBlindSpots), 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': colourBy('reason', REASON_COLOUR_OF, 'rgb(255,0,255)'), 'line-width': 4 },
    },
    {
      id: 'xl-blind-spots-point',
      type: 'circle',
      source: bs.id,
      'source-layer': bs.sourceLayer,
      minzoom: bs.minzoom,
      filter: points,
      layout: { visibility: visible(p.showBlindSpots) },
      paint: {
        'circle-radius': 7,
        'circle-color': colourBy('reason', REASON_COLOUR_OF, 'rgb(255,0,255)'),
        'circle-opacity': 150 / 255,
        'circle-stroke-width': 4,
        'circle-stroke-color': colourBy('reason', REASON_COLOUR_OF, 'rgb(255,0,255)'),
      },
    },
    {
      id: CAMERA_ICON_LAYER,
      type: 'symbol',
      source: cam.id,
      'source-layer': cam.sourceLayer,
      minzoom: CLUSTER_BELOW_ZOOM,
      layout: {
        visibility: visible(p.showCameras),
        'icon-image': cameraIconExpression(p.statusOverrides),
        // The atlas draws 48 px icons; the map shows them at 22 px, as before.
        'icon-size': 22 / 48,
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    {
      // Nothing to see: MapLibre loads a source's tiles only while one of its layers is in zoom
      // range, and the clusters below CLUSTER_BELOW_ZOOM are made from these tiles. The filter
      // (cameras are points) keeps the worker from building 20,000 invisible circles at M.
      id: 'xl-camera-tiles',
      type: 'circle',
      source: CAMERA_POINTS_SOURCE,
      'source-layer': cam.sourceLayer,
      minzoom: cam.minzoom,
      maxzoom: CLUSTER_BELOW_ZOOM,
      filter: ['==', ['geometry-type'], 'Polygon'],
      layout: { visibility: visible(p.showCameras) },
      paint: { 'circle-radius': 0, 'circle-opacity': 0, 'circle-stroke-width': 0 },
    },
    {
      id: CLUSTER_LAYER,
      type: 'circle',
      source: CLUSTER_SOURCE,
      maxzoom: CLUSTER_BELOW_ZOOM,
      layout: { visibility: visible(p.showCameras) },
      paint: {
        'circle-radius': ['get', 'radius'],
        'circle-color': 'rgba(30,40,60,0.86)',
        'circle-stroke-width': 3,
        'circle-stroke-color': ['get', 'stroke'],
      },
    },
    {
      id: 'xl-cluster-count',
      type: 'symbol',
      source: CLUSTER_SOURCE,
      maxzoom: CLUSTER_BELOW_ZOOM,
      layout: {
        visibility: visible(p.showCameras),
        'text-field': ['to-string', ['get', 'count']],
        'text-font': ['Noto Sans SC'],
        'text-size': 12,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ];
}

/**
 * The basemap style with the coverage sources and layers on top, handed to MapLibre as the style
 * arrives (setStyle's transformStyle): the coverage tiles are asked for with the basemap's,
 * not after the style and its sprite have loaded.
 */
export function withCoverage(style: StyleSpecification, p: CoverageLayerProps): StyleSpecification {
  const sources: StyleSpecification['sources'] = { ...style.sources };
  for (const key of Object.keys(COVERAGE_SOURCES) as CoverageSourceKey[]) sources[COVERAGE_SOURCES[key].id] = vectorSource(key, p);
  sources[CAMERA_POINTS_SOURCE] = cameraPointsSource(p);
  sources[CLUSTER_SOURCE] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
  return { ...style, sources, layers: [...style.layers, ...coverageLayerSpecs(p)] };
}

/** Gives the map a state icon it asks for (styleimagemissing); false when `id` is not one of ours. */
export function addStateIcon(map: MapLibreMap, id: string): boolean {
  if (!(STATE_GROUPS as readonly string[]).includes(id) || map.hasImage(id)) return false;
  const atlas = stateIconAtlas();
  const m = atlas.mapping[id]!;
  map.addImage(id, atlas.canvas.getContext('2d')!.getImageData(m.x, m.y, m.width, m.height));
  return true;
}

/**
 * Brings the map's coverage layers from `prev` to `next`: new tiles for a new date, mode or level;
 * visibility; icons. Returns the ids of the sources given new tiles.
 */
export function updateCoverageLayers(map: MapLibreMap, prev: CoverageLayerProps, next: CoverageLayerProps): string[] {
  const retiled: string[] = [];
  const retile = (id: string, url: string, before: string) => {
    if (url === before) return;
    const src = map.getSource(id) as { setTiles?: (t: string[]) => void } | undefined;
    if (src?.setTiles === undefined) return;
    src.setTiles([url]);
    retiled.push(id);
  };
  for (const key of Object.keys(COVERAGE_SOURCES) as CoverageSourceKey[])
    retile(COVERAGE_SOURCES[key].id, sourceTiles(key, next), sourceTiles(key, prev));
  retile(CAMERA_POINTS_SOURCE, cameraPointsTiles(next.asOf), cameraPointsTiles(prev.asOf));
  const shows: Record<CoverageSourceKey, keyof CoverageLayerProps> = {
    footprints: 'showFootprints',
    targets: 'showTargets',
    'blind-spots': 'showBlindSpots',
    cameras: 'showCameras',
  };
  for (const key of Object.keys(shows) as CoverageSourceKey[]) {
    const prop = shows[key];
    if (prev[prop] === next[prop]) continue;
    for (const id of COVERAGE_LAYER_IDS[key]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible(next[prop] as boolean));
  }
  if (prev.statusOverrides !== next.statusOverrides || prev.statusVersion !== next.statusVersion)
    if (map.getLayer(CAMERA_ICON_LAYER)) map.setLayoutProperty(CAMERA_ICON_LAYER, 'icon-image', cameraIconExpression(next.statusOverrides));
  return retiled;
}

/** Whether a layer was shown or hidden between `prev` and `next`. */
export function visibilityChanged(prev: CoverageLayerProps, next: CoverageLayerProps): boolean {
  return (['showFootprints', 'showTargets', 'showBlindSpots', 'showCameras'] as const).some((k) => prev[k] !== next[k]);
}
