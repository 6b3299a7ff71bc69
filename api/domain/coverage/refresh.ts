// Incremental updates, for the API (camera added, moved, edited, removed; building changed) and
// the camera agent (status changed). Only the parts that the old or new footprints touch are
// evaluated again, then their targets' blind spots; rates are aggregates over the stored
// results, so they are current as soon as this returns. The scene (cameras, buildings) comes
// from an in-memory cache (scene-cache.ts); only the changed cameras are read again.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { assignReasons } from './assign-reasons';
import type { Mode } from './engine';
import { loadCameras, type Box } from './scene';
import { dropCoverageCache, sceneCache, updateCachedCameras, type SceneCache } from './scene-cache';
import { SQL } from './sql';
import { footprintCopyText } from './store-footprints';
import { inTransaction } from '../../../db/transaction';

const read = (name: string) => readFileSync(new URL(`./${name}.sql`, import.meta.url), 'utf8');
const CAMERAS_NEAR_BOX_SQL = read('cameras-near-box');
const INSERT_SQL = read('insert-footprints');
const STAGE_SQL = read('create-stage');
const SPOTS_IN_BOX_SQL = read('blind-spot-targets-in-box');

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

async function reevaluate(db: pg.PoolClient, partIds: number[], modes: Mode[], cache: SceneCache, around: Array<[number, number]> = []): Promise<number> {
  const s = cache.settings;
  const today = new Date().toISOString().slice(0, 10);
  const targetIds = partIds.length === 0 ? [] : (await db.query<{ target_ids: number[] }>(SQL.refreshParts, [partIds, modes, today, s.coveredShare, s.minGapM, s.minSliverM2])).rows[0]!.target_ids;
  // Reasons near the changed cameras' old and new places may change although the geometry did not.
  const reasonTargets = new Set(targetIds);
  if (around.length > 0) {
    const xs = around.map((p) => p[0]);
    const ys = around.map((p) => p[1]);
    const { rows } = await db.query<{ id: number }>(SPOTS_IN_BOX_SQL, [Math.min(...xs) - REASON_M, Math.min(...ys) - REASON_M, Math.max(...xs) + REASON_M, Math.max(...ys) + REASON_M]);
    for (const r of rows) reasonTargets.add(r.id);
  }
  if (reasonTargets.size > 0) await assignReasons(db, ['design', 'now'], [...reasonTargets], cache.index, cache.buildings, s);
  return targetIds.length;
}

/** The search radius of assignReasons: a camera further away never explains a blind spot. */
const REASON_M = 400;


/** A camera was added, moved, edited or removed (pass the ids; deleted ones are fine). */
export async function refreshCameras(pool: pg.Pool, cameraIds: number[]): Promise<RefreshReport> {
  const started = performance.now();
  const cache = await sceneCache(pool);
  return inTransaction(pool, async (db) => {
    // All variants go, including one-off ones (other levels, optics-only): evaluateAdhoc makes
    // them again for cameras that lack them.
    const before = (await db.query<{ id: number }>(SQL.partsNearAndDrop, [cameraIds])).rows.map((r) => r.id);
    const { cameras } = await loadCameras(db, cameraIds);
    const places: Array<[number, number]> = [...cameraIds.map((id) => cache.cameras.get(id)?.xy), ...cameras.map((c) => c.xy)].filter((p): p is [number, number] => p !== undefined);
    updateCachedCameras(cache, cameraIds, cameras);
    if (cameras.length > 0) {
      const s = cache.settings;
      const { text } = footprintCopyText(cameras, cache.buildings, cache.levels, { occlusion: true, targetHeightM: s.targetHeightM, arcStepDeg: s.arcStepDeg });
      await db.query(`${STAGE_SQL}; TRUNCATE fp_stage`);
      if (text.length > 0) {
        await new Promise<void>((resolve, reject) => {
          const stream = db.query(copyFrom('COPY fp_stage FROM STDIN'));
          stream.on('finish', () => resolve());
          stream.on('error', reject);
          stream.end(text);
        });
      }
      await db.query(INSERT_SQL, [true]);
    }
    const after = await partsNear(db, cameraIds);
    const parts = [...new Set([...before, ...after])];
    const targets = await reevaluate(db, parts, ['design', 'now'], cache, places);
    return { cameras: cameraIds.length, targets, parts: parts.length, ms: performance.now() - started };
  }, { derived: true });
}

/** camera_status changed for these cameras: only "coverage now" moves. */
export async function refreshAfterStatusChange(pool: pg.Pool, cameraIds: number[]): Promise<RefreshReport> {
  const started = performance.now();
  const cache = await sceneCache(pool);
  return inTransaction(pool, async (db) => {
    const { cameras } = await loadCameras(db, cameraIds);
    updateCachedCameras(cache, cameraIds, cameras);
    const parts = await partsNear(db, cameraIds);
    const targets = await reevaluate(db, parts, ['now'], cache, cameras.map((c) => c.xy));
    return { cameras: cameraIds.length, targets, parts: parts.length, ms: performance.now() - started };
  }, { derived: true });
}

/** Buildings changed inside a planar box (metres in xl_metric_srid()): cameras near it refresh. */
export async function refreshArea(pool: pg.Pool, box: Box): Promise<RefreshReport> {
  dropCoverageCache(pool);
  const { rows } = await pool.query<{ id: number }>(CAMERAS_NEAR_BOX_SQL, [...box, SEARCH_M]);
  return refreshCameras(pool, rows.map((r) => r.id));
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
