// Builds the MapLibre style for the basemap from the project's own vector tiles (/tiles/...),
// glyphs and sprite (both served by the API). Tile, glyph and sprite URLs are absolute because
// MapLibre fetches them from a web worker, where a relative URL would not resolve against the
// page. Pure: the caller passes the origin and the dataset facts.
import { BASEMAP_FONT } from './glyphs';
import { PALETTES, type ThemeName } from './themes';

export interface StyleOptions {
  theme: ThemeName;
  /** e.g. "http://127.0.0.1:8080" (scheme + host of the request). */
  origin: string;
  /** Label language: Chinese names with English fallback, or the reverse. */
  lang: 'zh' | 'en';
  /** [w, s, e, n] of the loaded dataset, when known, to limit tile requests. */
  bounds?: [number, number, number, number] | null;
  /** Shown by MapLibre's attribution control (e.g. "© OpenStreetMap contributors"). */
  attribution?: string | null;
  /** Dataset facts the web app reads from the style's metadata (name, source, generated). */
  metadata?: Record<string, unknown>;
}

export const BASEMAP_LAYERS = ['water', 'boundaries', 'roads', 'buildings', 'places'] as const;
// Tiles are generated up to this zoom; MapLibre over-zooms beyond it.
const SOURCE_MAX_ZOOM = 16;

type Json = Record<string, unknown>;

function source(opts: StyleOptions, layer: string, minzoom: number): Json {
  const s: Json = {
    type: 'vector',
    tiles: [`${opts.origin}/tiles/${layer}/{z}/{x}/{y}.mvt`],
    minzoom,
    maxzoom: SOURCE_MAX_ZOOM,
  };
  if (opts.bounds) s.bounds = opts.bounds;
  if (opts.attribution && layer === 'roads') s.attribution = opts.attribution;
  return s;
}

// Road class groups as the importers and generator name them (OSM highway values).
const TRUNK = ['motorway', 'trunk', 'motorway_link', 'trunk_link'];
const MAIN = ['primary', 'secondary', 'primary_link', 'secondary_link'];

const roadWidth = (base: number): unknown[] => ['interpolate', ['exponential', 1.6], ['zoom'], 10, base * 0.3, 14, base, 18, base * 6];

export function buildStyle(opts: StyleOptions): Json {
  const p = PALETTES[opts.theme];
  const nameField =
    opts.lang === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name']] : ['coalesce', ['get', 'name'], ['get', 'name_en']];
  const roadClass = ['get', 'class'];
  return {
    version: 8,
    name: `xueliang-${opts.theme}`,
    metadata: { 'xueliang:dataset': { ...(opts.metadata ?? {}), bounds: opts.bounds ?? null, attribution: opts.attribution ?? null } },
    glyphs: `${opts.origin}/api/v1/glyphs/{fontstack}/{range}.pbf`,
    sprite: `${opts.origin}/api/v1/sprites/basemap`,
    sources: {
      water: source(opts, 'water', 0),
      boundaries: source(opts, 'boundaries', 0),
      roads: source(opts, 'roads', 0),
      buildings: source(opts, 'buildings', 13),
      places: source(opts, 'places', 0),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': p.background } },
      {
        id: 'water-fill',
        type: 'fill',
        source: 'water',
        'source-layer': 'water',
        filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
        paint: { 'fill-color': p.water },
      },
      {
        id: 'water-line',
        type: 'line',
        source: 'water',
        'source-layer': 'water',
        filter: ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]],
        paint: { 'line-color': p.waterLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 16, 4] },
      },
      {
        id: 'buildings',
        type: 'fill',
        source: 'buildings',
        'source-layer': 'buildings',
        minzoom: 13,
        paint: { 'fill-color': p.building, 'fill-outline-color': p.buildingOutline },
      },
      {
        id: 'roads-casing',
        type: 'line',
        source: 'roads',
        'source-layer': 'roads',
        minzoom: 12,
        filter: ['in', roadClass, ['literal', [...TRUNK, ...MAIN]]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': p.roadCasing, 'line-width': roadWidth(5), 'line-gap-width': 0 },
      },
      {
        id: 'roads-minor',
        type: 'line',
        source: 'roads',
        'source-layer': 'roads',
        minzoom: 12,
        filter: ['!', ['in', roadClass, ['literal', [...TRUNK, ...MAIN]]]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': p.roadMinor, 'line-width': roadWidth(2.5) },
      },
      {
        id: 'roads-main',
        type: 'line',
        source: 'roads',
        'source-layer': 'roads',
        filter: ['in', roadClass, ['literal', MAIN]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': p.roadMain, 'line-width': roadWidth(4) },
      },
      {
        id: 'roads-trunk',
        type: 'line',
        source: 'roads',
        'source-layer': 'roads',
        filter: ['in', roadClass, ['literal', TRUNK]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': p.roadTrunk, 'line-width': roadWidth(5) },
      },
      {
        id: 'boundaries-town',
        type: 'line',
        source: 'boundaries',
        'source-layer': 'boundaries',
        filter: ['==', ['get', 'level'], 'town'],
        paint: { 'line-color': p.boundaryTown, 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'boundaries-county',
        type: 'line',
        source: 'boundaries',
        'source-layer': 'boundaries',
        filter: ['!=', ['get', 'level'], 'town'],
        paint: { 'line-color': p.boundaryCounty, 'line-width': 2, 'line-dasharray': [4, 2, 1, 2] },
      },
      {
        id: 'road-labels',
        type: 'symbol',
        source: 'roads',
        'source-layer': 'roads',
        minzoom: 14,
        filter: ['has', 'name'],
        layout: {
          'symbol-placement': 'line',
          'text-field': nameField,
          'text-font': [BASEMAP_FONT],
          'text-size': 12,
          'text-max-angle': 30,
        },
        paint: { 'text-color': p.roadLabel, 'text-halo-color': p.labelHalo, 'text-halo-width': 1.5 },
      },
      {
        id: 'place-labels',
        type: 'symbol',
        source: 'places',
        'source-layer': 'places',
        layout: {
          'text-field': nameField,
          'text-font': [BASEMAP_FONT],
          'icon-image': [
            'match',
            ['get', 'kind'],
            ['county', 'city', 'county_seat'],
            'place-county',
            ['town', 'suburb'],
            'place-town',
            'place-village',
          ],
          'text-size': ['match', ['get', 'kind'], ['county', 'city', 'county_seat'], 16, ['town', 'suburb'], 14, 12],
          'text-offset': [0, 0.9],
          'text-anchor': 'top',
          'text-optional': true,
        },
        paint: { 'text-color': p.label, 'text-halo-color': p.labelHalo, 'text-halo-width': 2 },
      },
    ],
  };
}
