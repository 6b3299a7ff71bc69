// Incremental updates, for the API (camera added, moved, edited, removed; building changed) and
// the camera agent (status changed). Only the parts that the old or new footprints touch are
// evaluated again, then their targets' blind spots; rates are aggregates over the stored
// results, so they are current as soon as this returns.
import type pg from 'pg';
import { assignReasons, deriveBlindSpots, levelsInUse, type Mode } from './engine';
import { loadBuildings, loadCameras, type Box } from './scene';
import { loadCoverageSettings, type CoverageSettings } from './settings';
import { SQL } from './sql';
import { readFileSync } from 'node:fs';
import { footprintCopyText } from './store-footprints';
import { from as copyFrom } from 'pg-copy-streams';

const AFFECTED_TARGETS_SQL = readFileSync(new URL('./affected-targets.sql', import.meta.url), 'utf8');
const CAMERAS_NEAR_BOX_SQL = readFileSync(new URL('./cameras-near-box.sql', import.meta.url), 'utf8');
const INSERT_SQL = readFileSync(new URL('./insert-footprints.sql', import.meta.url), 'utf8');
const STAGE_SQL = readFileSync(new URL('./create-stage.sql', import.meta.url), 'utf8');

export interface RefreshReport {
  cameras: number;
  targets: number;
  parts: number;
  ms: number;
}

/** The farthest any camera reaches at the lowest density in use (for neighbour searches). */
const SEARCH_M = 600;

async function partsNear(db: pg.PoolClient, cameraIds: number[]): Promise<number[]> {
  return (await db.query<{ id: number }>(SQL.partsNearCameras, [cameraIds])).rows.map((r) => r.id);
}

async function reevaluate(db: pg.PoolClient, partIds: number[], modes: Mode[], s: CoverageSettings, around: Box): Promise<number> {
  if (partIds.length === 0) return 0;
  const today = new Date().toISOString().slice(0, 10);
  const targetIds = (await db.query<{ id: number }>(AFFECTED_TARGETS_SQL, [partIds])).rows.map((r) => r.id);
  const box: Box = [around[0] - SEARCH_M, around[1] - SEARCH_M, around[2] + SEARCH_M, around[3] + SEARCH_M];
  const [{ cameras }, buildings] = await Promise.all([loadCameras(db, undefined, box), loadBuildings(db, s.defaultBuildingHeightM, box)]);
  for (const mode of modes) {
    await db.query(SQL.storeResults, [partIds, mode, mode === 'now', today]);
    await deriveBlindSpots(db, mode, targetIds, s);
    await assignReasons(db, mode, targetIds, cameras, buildings, s);
  }
  if (modes.includes('design')) {
    await db.query('DELETE FROM coverage_history WHERE part_id = ANY ($1)', [partIds]);
    await db.query(SQL.storeHistory, [partIds]);
  }
  return targetIds.length;
}

function boxOf(points: Array<[number, number]>): Box {
  let b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  return b;
}

/** A camera was added, moved, edited or removed (pass the ids; deleted ones are fine). */
export async function refreshCameras(pool: pg.Pool, cameraIds: number[]): Promise<RefreshReport> {
  const started = performance.now();
  const db = await pool.connect();
  try {
    await db.query('BEGIN');
    const s = await loadCoverageSettings(db);
    const before = await partsNear(db, cameraIds);
    // One-off footprints (other levels, optics-only) are a cache: drop them all on any change.
    await db.query('DELETE FROM camera_footprints WHERE camera_id = ANY ($1) OR NOT occluded', [cameraIds]);
    const { cameras } = await loadCameras(db, cameraIds);
    const positions = cameras.map((c) => c.xy);
    let around: Box | undefined = positions.length > 0 ? boxOf(positions) : undefined;
    if (cameras.length > 0) {
      const levels = await levelsInUse(db, s);
      const box: Box = [around![0] - SEARCH_M, around![1] - SEARCH_M, around![2] + SEARCH_M, around![3] + SEARCH_M];
      const buildings = await loadBuildings(db, s.defaultBuildingHeightM, box);
      const { text } = footprintCopyText(cameras, buildings, levels, { occlusion: true, targetHeightM: s.targetHeightM, arcStepDeg: s.arcStepDeg });
      await db.query(STAGE_SQL);
      await db.query('TRUNCATE fp_stage');
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
    if (around === undefined && parts.length > 0) {
      const { rows } = await db.query<{ x0: number; y0: number; x1: number; y1: number }>('SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Extent(geom_m)::geometry AS e FROM coverage_target_parts WHERE id = ANY ($1)) x', [parts]);
      const r = rows[0]!;
      around = [r.x0, r.y0, r.x1, r.y1];
    }
    const targets = around === undefined ? 0 : await reevaluate(db, parts, ['design', 'now'], s, around);
    await db.query('COMMIT');
    return { cameras: cameraIds.length, targets, parts: parts.length, ms: performance.now() - started };
  } catch (e) {
    await db.query('ROLLBACK');
    throw e;
  } finally {
    db.release();
  }
}

/** camera_status changed for these cameras: only "coverage now" moves. */
export async function refreshAfterStatusChange(pool: pg.Pool, cameraIds: number[]): Promise<RefreshReport> {
  const started = performance.now();
  const db = await pool.connect();
  try {
    await db.query('BEGIN');
    const s = await loadCoverageSettings(db);
    const parts = await partsNear(db, cameraIds);
    let targets = 0;
    if (parts.length > 0) {
      const { cameras } = await loadCameras(db, cameraIds);
      const around = boxOf(cameras.map((c) => c.xy));
      targets = await reevaluate(db, parts, ['now'], s, around);
    }
    await db.query('COMMIT');
    return { cameras: cameraIds.length, targets, parts: parts.length, ms: performance.now() - started };
  } catch (e) {
    await db.query('ROLLBACK');
    throw e;
  } finally {
    db.release();
  }
}

/** Buildings changed inside a planar box (metres in xl_metric_srid()): cameras near it refresh. */
export async function refreshArea(pool: pg.Pool, box: Box): Promise<RefreshReport> {
  const { rows } = await pool.query<{ id: number }>(CAMERAS_NEAR_BOX_SQL, [...box, SEARCH_M]);
  return refreshCameras(pool, rows.map((r) => r.id));
}

/** Buildings were added, edited or deleted; pass their ids (existing ones) or a box. */
export async function refreshBuildings(pool: pg.Pool, buildingIds: number[]): Promise<RefreshReport> {
  const { rows } = await pool.query<{ x0: number | null; y0: number; x1: number; y1: number }>(
    'SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 4326), xl_metric_srid()) AS e FROM buildings WHERE id = ANY ($1)) x',
    [buildingIds],
  );
  const r = rows[0];
  if (r === undefined || r.x0 === null) return { cameras: 0, targets: 0, parts: 0, ms: 0 };
  return refreshArea(pool, [r.x0, r.y0, r.x1, r.y1]);
}
