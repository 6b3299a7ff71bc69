// One-off evaluations that are not kept: another date, another level, or the optics-only
// footprints (--no-occlusion). Results go to coverage_adhoc under a run id and are removed by
// `dropAdhoc` once the caller has read its rates or blind spots.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { levelsInUse } from './engine';
import { runBatches, type BatchFailure } from '../db/run-batches';
import { BuildingIndex, loadBuildings, loadCameras } from './scene';
import { engineToday, levelPpm, loadCoverageSettings } from './settings';
import { SQL } from './sql';
import { storeFootprints } from './store-footprints';

export interface AdhocOptions {
  asOf?: string;
  now?: boolean;
  level?: string;
  occlusion?: boolean;
  /** Only cameras of these resource classes (1 一类, 2 二类, 3 三类); all cameras when absent. */
  resourceClasses?: readonly number[];
  sessions?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface AdhocRun {
  runId: string;
  failures: BatchFailure[];
}

/** Stores the footprints a one-off run needs that are missing (a new level, optics-only). */
async function ensureFootprints(pool: pg.Pool, level: string | undefined, occlusion: boolean): Promise<void> {
  const s = await loadCoverageSettings(pool);
  const levels = level === undefined ? await levelsInUse(pool, s) : [{ level, ppm: levelPpm(s, level)! }];
  for (const lv of levels) {
    const { rows } = await pool.query<{ id: number }>(
      'SELECT c.id::int AS id FROM cameras c WHERE NOT EXISTS (SELECT 1 FROM camera_footprints f WHERE f.camera_id = c.id AND f.level = $1 AND f.occluded = $2)',
      [lv.level, occlusion],
    );
    if (rows.length === 0) continue;
    const { cameras } = await loadCameras(
      pool,
      rows.map((r) => r.id),
    );
    const buildings = occlusion ? await loadBuildings(pool, s.defaultBuildingHeightM) : new BuildingIndex([]);
    await storeFootprints(pool, cameras, buildings, [lv], { occlusion, targetHeightM: s.targetHeightM, arcStepDeg: s.arcStepDeg });
  }
}

export async function evaluateAdhoc(pool: pg.Pool, o: AdhocOptions): Promise<AdhocRun> {
  const occlusion = o.occlusion ?? true;
  await ensureFootprints(pool, o.level, occlusion);
  const runId = randomUUID();
  const ids = (await pool.query<{ id: number }>('SELECT id::int AS id FROM coverage_target_parts ORDER BY id')).rows.map((r) => r.id);
  const asOf = o.asOf ?? engineToday(await loadCoverageSettings(pool));
  const classes = o.resourceClasses;
  const params = (b: number[]) => [b, runId, o.now === true, asOf, o.level ?? null, occlusion, classes ?? null];
  const failures = await runBatches(pool, SQL.storeAdhoc, ids, params, {
    sessions: o.sessions,
    onProgress: (d) => o.onProgress?.(d, ids.length),
  });
  return { runId, failures };
}

export async function dropAdhoc(pool: pg.Pool, runId: string): Promise<void> {
  await pool.query('DELETE FROM coverage_adhoc WHERE run_id = $1', [runId]);
}
