// Incremental updates, for the API (camera added, moved, edited, removed; building changed) and
// the camera agent (status changed). Only the parts that the old or new footprints touch are
// evaluated again, then their targets' blind spots; rates are aggregates over the stored
// results, so they are current as soon as this returns. The scene (cameras, buildings) comes
// from an in-memory cache (scene-cache.ts); only the changed cameras are read again.
import type pg from 'pg';
import { reasonRadiusM } from '../gis-data/coverage/blind-spot-reasons';
import { assignReasons, type PointRow } from './assign-reasons';
import type { Mode } from './engine';
import { loadCameras, type Box, type SceneCamera } from './scene';
import { dropCoverageCache, sceneCache, updateCachedCameras, type SceneCache } from './scene-cache';
import { SQL } from './sql';
import { engineToday, type CoverageSettings } from './settings';
import { footprintCopyText } from './store-footprints';
import { inTransaction } from '../db/transaction';
import { loadSql } from '../db/sql';

const read = (name: string) => loadSql(import.meta.url, `${name}.sql`);
const CAMERAS_NEAR_BOX_SQL = read('cameras-near-box');
const SPOTS_IN_BOX_SQL = read('blind-spot-targets-in-box');
const REFRESH_CAMERAS_SQL = read('refresh-cameras');

export interface RefreshReport {
  cameras: number;
  targets: number;
  parts: number;
  ms: number;
}

/** How far from a changed building a camera can be and still be affected. */
const SEARCH_M = 600;

async function partsNear(db: pg.PoolClient, cameraIds: number[]): Promise<number[]> {
  return (await db.query<{ id: number }>(SQL.partsNearCameras, [cameraIds])).rows.map((r) => r.id);
}

async function reevaluate(
  db: pg.PoolClient,
  partIds: number[],
  modes: Mode[],
  cache: SceneCache,
  around: SceneCamera[] = [],
  lap: (name: string) => void = () => undefined,
  timings?: Record<string, number>,
): Promise<number> {
  const s = cache.settings;
  const today = engineToday(s);
  const targetIds =
    partIds.length === 0
      ? []
      : (await db.query<{ target_ids: number[] }>(SQL.refreshParts, [partIds, modes, today, s.coveredShare, s.minGapM, s.minSliverM2]))
          .rows[0]!.target_ids;
  lap('refreshParts');
  // Reasons near the changed cameras' old and new places may change although the geometry did
  // not, but only within the camera's reach there: a sample point further away never
  // considers it (blindReason skips cameras beyond their reach or the search radius).
  const reasonTargets = new Set(targetIds);
  if (around.length > 0) {
    const boxes = around.map((c) => [c.xy[0], c.xy[1], reasonRadiusM(c)] as const);
    const { rows } = await db.query<{ id: number }>(SPOTS_IN_BOX_SQL, [
      boxes.map((b) => b[0]),
      boxes.map((b) => b[1]),
      boxes.map((b) => b[2]),
    ]);
    for (const r of rows) reasonTargets.add(r.id);
    lap('spotsInBox');
  }
  if (reasonTargets.size > 0)
    await assignReasons(db, ['design', 'now'], [...reasonTargets], cache.index, cache.buildings, s, { countDown: false, timings });
  lap('reasons');
  return targetIds.length;
}

/** Footprint rows of the sweep (COPY text) as the column arrays xl_refresh_cameras takes. */
function footprintArrays(text: string): unknown[][] {
  const cols: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    const f = line.split('\t');
    cols[0]!.push(Number(f[0]));
    cols[1]!.push(f[1]);
    cols[2]!.push(Number(f[2]));
    cols[3]!.push(Number(f[3]));
    cols[4]!.push(Number(f[4]));
    cols[5]!.push(f[5] === 't');
    cols[6]!.push(f[6]);
    cols[7]!.push(f[7] === '\\N' ? null : f[7]);
  }
  return cols;
}

/** What xl_refresh_cameras answers: one head row (id null: x = targets, y = parts), then sample points. */
export type RefreshRow = PointRow & { id: number | null };

/** Swept footprints as the column arrays xl_refresh_cameras takes (camera, level, ppm, near, range, assumed, wkt, shadows). */
export type FootprintColumns = unknown[][];

/** The footprints of `cameras` at every level in use, swept against the cached buildings. */
export function sweepFootprints(cache: SceneCache, cameras: SceneCamera[]): FootprintColumns {
  const s = cache.settings;
  if (cameras.length === 0) return footprintArrays('');
  const { text } = footprintCopyText(cameras, cache.buildings, cache.levels, {
    occlusion: true,
    targetHeightM: s.targetHeightM,
    arcStepDeg: s.arcStepDeg,
  });
  return footprintArrays(text);
}

/** The longest far edge (m) among swept footprints: nothing beyond it from their camera changes. */
export function footprintReachM(fp: FootprintColumns): number {
  return (fp[4] as number[]).reduce((m, r) => Math.max(m, r), 0);
}

/**
 * The database half of a refresh for `cameraIds` with their swept footprints `fp` (deleted
 * cameras have none): one xl_refresh_cameras call (migration 0017: footprints, parts, results and
 * blind spots of `modes`, history, and the sample points of the blind spots near `places` whose
 * reasons may change). The refresh, its warm-up and the what-if all go through here, so a
 * what-if computes exactly what a refresh would store.
 */
export async function refreshWithFootprints(
  db: pg.PoolClient,
  settings: CoverageSettings,
  cameraIds: number[],
  fp: FootprintColumns,
  modes: Mode[],
  places: SceneCamera[],
): Promise<RefreshRow[]> {
  const s = settings;
  const { rows } = await db.query<RefreshRow>({
    name: 'xl-refresh-cameras',
    text: REFRESH_CAMERAS_SQL,
    values: [
      cameraIds,
      ...fp,
      modes,
      engineToday(s),
      s.coveredShare,
      s.minGapM,
      s.minSliverM2,
      places.map((c) => c.xy[0]),
      places.map((c) => c.xy[1]),
      places.map(reasonRadiusM),
    ],
  });
  return rows;
}

async function sweepAndRefresh(
  db: pg.PoolClient,
  cache: SceneCache,
  cameraIds: number[],
  cameras: SceneCamera[],
  places: SceneCamera[],
  lap: (name: string) => void = () => undefined,
): Promise<RefreshRow[]> {
  const fp = sweepFootprints(cache, cameras);
  lap('sweep');
  const rows = await refreshWithFootprints(db, cache.settings, cameraIds, fp, ['design', 'now'], places);
  lap('refreshCameras');
  return rows;
}

/**
 * A camera was added, moved, edited or removed (pass the ids; deleted ones are fine). Three
 * round trips inside the transaction: the camera rows, xl_refresh_cameras (migration 0017:
 * footprints, parts, results, blind spots, history, and the sample points whose reasons may
 * change), and the reasons that changed.
 */
export async function refreshCameras(pool: pg.Pool, cameraIds: number[], timings?: Record<string, number>): Promise<RefreshReport> {
  const started = performance.now();
  let t = started;
  const lap = (name: string) => {
    const now = performance.now();
    if (timings !== undefined) timings[name] = (timings[name] ?? 0) + now - t;
    t = now;
  };
  const cache = await sceneCache(pool);
  lap('cache');
  return inTransaction(
    pool,
    async (db) => {
      lap('begin');
      const { cameras } = await loadCameras(db, cameraIds);
      lap('loadCameras');
      const places = [...cameraIds.map((id) => cache.cameras.get(id)), ...cameras].filter((c): c is SceneCamera => c !== undefined);
      updateCachedCameras(cache, cameraIds, cameras);
      const rows = await sweepAndRefresh(db, cache, cameraIds, cameras, places, lap);
      const head = rows.find((r) => r.id === null);
      const points = rows.filter((r): r is PointRow => r.id !== null);
      const targetIds = [...new Set(points.map((r) => r.id))];
      if (points.length > 0)
        await assignReasons(db, ['design', 'now'], targetIds, cache.index, cache.buildings, cache.settings, {
          countDown: false,
          points,
          timings,
        });
      lap('reasons');
      return { cameras: cameraIds.length, targets: head?.x ?? 0, parts: head?.y ?? 0, ms: performance.now() - started };
    },
    { derived: true },
  );
}

/**
 * Plans the refresh statements on one pooled connection by refreshing one camera in a
 * transaction that is rolled back (nothing changes). A new database session pays ~50-80 ms
 * the first time (PostGIS loading, plpgsql compiling, generic plans); the pool hands out the
 * most recently used connection first, so the next refresh finds a warm one.
 */
export async function warmRefreshPlans(pool: pg.Pool): Promise<void> {
  const cache = await sceneCache(pool);
  const cam = cache.cameras.values().next().value as SceneCamera | undefined;
  if (cam === undefined) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { cameras } = await loadCameras(client, [cam.id]);
    const rows = await sweepAndRefresh(client, cache, [cam.id], cameras, [cam]);
    const points = rows.filter((r): r is PointRow => r.id !== null);
    if (points.length > 0)
      await assignReasons(client, ['design', 'now'], [...new Set(points.map((r) => r.id))], cache.index, cache.buildings, cache.settings, {
        countDown: false,
        points,
      });
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

/** Loads the scene and plans the refresh on a pooled connection now (call at server start so the first refresh is fast). */
export async function warmCoverageCache(pool: pg.Pool): Promise<void> {
  await sceneCache(pool);
  await warmRefreshPlans(pool);
}

/** camera_status changed for these cameras: only "coverage now" moves. */
export async function refreshAfterStatusChange(pool: pg.Pool, cameraIds: number[]): Promise<RefreshReport> {
  const started = performance.now();
  const cache = await sceneCache(pool);
  return inTransaction(
    pool,
    async (db) => {
      const { cameras } = await loadCameras(db, cameraIds);
      updateCachedCameras(cache, cameraIds, cameras);
      const parts = await partsNear(db, cameraIds);
      const targets = await reevaluate(db, parts, ['now'], cache, cameras);
      return { cameras: cameraIds.length, targets, parts: parts.length, ms: performance.now() - started };
    },
    { derived: true },
  );
}

/** Buildings changed inside a planar box (metres in xl_metric_srid()): cameras near it refresh. */
export async function refreshArea(pool: pg.Pool, box: Box): Promise<RefreshReport> {
  dropCoverageCache(pool);
  const { rows } = await pool.query<{ id: number }>(CAMERAS_NEAR_BOX_SQL, [...box, SEARCH_M]);
  return refreshCameras(
    pool,
    rows.map((r) => r.id),
  );
}

/** Buildings were added or edited (pass their ids); for deleted ones use refreshArea. */
export async function refreshBuildings(pool: pg.Pool, buildingIds: number[]): Promise<RefreshReport> {
  const { rows } = await pool.query<{ x0: number | null; y0: number; x1: number; y1: number }>(
    'SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 4326), xl_metric_srid()) AS e FROM buildings WHERE id = ANY ($1)) x',
    [buildingIds],
  );
  const r = rows[0];
  if (r === undefined || r.x0 === null) return { cameras: 0, targets: 0, parts: 0, ms: 0 };
  return refreshArea(pool, [r.x0, r.y0, r.x1, r.y1]);
}
