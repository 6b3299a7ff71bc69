// Vector tiles straight from PostGIS (ST_AsMVT), one query file per layer. Each layer says from
// which zoom it has anything to draw and which request options it uses; below its minimum zoom
// a tile is empty without asking the database.
import type pg from 'pg';
import type { PiecesAsOfCache } from '../../../coverage-engine';
import { functionExists, tableExists } from '../schema-checks';
import { loadSql } from '../../../db/sql';
import { renderBlindSpotsAsOf } from './blind-spots-as-of';
import type { TileCache } from './tile-cache';
import type { TileOptions } from './tile-options';

export type { TileOptions };

export const TILE_LAYERS = [
  'roads',
  'buildings',
  'water',
  'boundaries',
  'places',
  'cameras',
  'footprints',
  'targets',
  'blind-spots',
] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

interface LayerSpec {
  sql: string;
  minZoom: number;
  /** The request options this layer's query takes, as $4.. in this order. */
  uses: readonly (keyof TileOptions)[];
  /** A table or function the layer needs that another part creates; empty tile while missing. */
  requires?: { kind: 'table' | 'function'; name: string };
  /** Layers that change with camera edits and status get a short cache lifetime. */
  dynamic: boolean;
  /** Constants of the layer's query, after the options. */
  constants?: readonly unknown[];
}

/**
 * From this zoom the camera tiles carry every property the map's icons and the camera card's
 * first line use; below it (where the map draws clusters: web's CLUSTER_BELOW_ZOOM) only `id`,
 * `device_id` and `state`. At M a z8 tile held 20,000 cameras with names, angles and dates the
 * clusters never read: 1.7 MB to build, compress, send and parse on every login and date.
 */
export const CAMERA_DETAIL_MIN_ZOOM = 14;

const ALL_OPTIONS = ['asOf', 'now', 'level'] as const;

export const LAYER_SPECS: Record<TileLayer, LayerSpec> = {
  roads: { sql: loadSql(import.meta.url, 'roads.sql'), minZoom: 6, uses: [], dynamic: false },
  buildings: { sql: loadSql(import.meta.url, 'buildings.sql'), minZoom: 14, uses: [], dynamic: false },
  water: { sql: loadSql(import.meta.url, 'water.sql'), minZoom: 0, uses: [], dynamic: false },
  boundaries: { sql: loadSql(import.meta.url, 'boundaries.sql'), minZoom: 0, uses: [], dynamic: false },
  places: { sql: loadSql(import.meta.url, 'places.sql'), minZoom: 0, uses: [], dynamic: false },
  cameras: {
    sql: loadSql(import.meta.url, 'cameras.sql'),
    minZoom: 8,
    uses: ['asOf', 'allDates'],
    dynamic: true,
    constants: [CAMERA_DETAIL_MIN_ZOOM],
  },
  footprints: {
    sql: loadSql(import.meta.url, 'footprints.sql'),
    minZoom: 12,
    uses: ALL_OPTIONS,
    dynamic: true,
    requires: { kind: 'table', name: 'camera_footprints' },
  },
  targets: { sql: loadSql(import.meta.url, 'targets.sql'), minZoom: 10, uses: [], dynamic: false },
  'blind-spots': {
    sql: loadSql(import.meta.url, 'blind-spots.sql'),
    minZoom: 9,
    uses: ALL_OPTIONS,
    dynamic: true,
    requires: { kind: 'function', name: 'xl_blind_spots_tile' },
  },
};

export const MAX_TILE_ZOOM = 22;

export function validTile(z: number, x: number, y: number): boolean {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) return false;
  const n = 2 ** z;
  return Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < n && y < n;
}

// Whether another part's table/function exists yet: positive answers are kept, negative ones
// re-checked after a few seconds (the coverage engine may be migrated while we run).
const present = new Map<string, number>();
async function exists(pool: pg.Pool, req: NonNullable<LayerSpec['requires']>): Promise<boolean> {
  const key = `${req.kind}:${req.name}`;
  const seen = present.get(key);
  if (seen === Infinity || (seen !== undefined && Date.now() - seen < 5000)) return seen === Infinity;
  const ok = req.kind === 'table' ? await tableExists(pool, req.name) : await functionExists(pool, req.name);
  present.set(key, ok ? Infinity : Date.now());
  return ok;
}

/** The tile's MVT bytes; an empty Buffer when nothing is drawn there. */
export async function renderTile(
  pool: pg.Pool,
  layer: TileLayer,
  z: number,
  x: number,
  y: number,
  options: TileOptions = {},
  /** Keeps the static layers' tiles (the app's, created at start-up; none: every tile is rendered). */
  cache?: TileCache,
  /** Keeps another date's judged blind-spot pieces, shared with the ranked list (none: computed per tile). */
  piecesCache?: PiecesAsOfCache,
): Promise<Buffer> {
  const spec = LAYER_SPECS[layer];
  if (z < spec.minZoom) return Buffer.alloc(0);
  if (spec.requires !== undefined && !(await exists(pool, spec.requires))) return Buffer.alloc(0);
  // Another date or level: the city's computed pieces, judged in TypeScript once per date and
  // clipped here; today's stored pieces stay one query below.
  if (layer === 'blind-spots' && (options.asOf !== undefined || options.level !== undefined))
    return renderBlindSpotsAsOf(pool, z, x, y, options, piecesCache);
  const key = `${layer}/${z}/${x}/${y}`;
  const cached = spec.dynamic ? undefined : cache?.get(key);
  if (cached !== undefined) return cached;
  const values: unknown[] = [z, x, y];
  for (const name of spec.uses) values.push(name === 'now' || name === 'allDates' ? (options[name] ?? false) : (options[name] ?? null));
  values.push(...(spec.constants ?? []));
  const { rows } = await pool.query<{ mvt: Buffer | null }>(spec.sql, values);
  const bytes = rows[0]?.mvt ?? Buffer.alloc(0);
  if (!spec.dynamic) cache?.set(key, bytes);
  return bytes;
}
