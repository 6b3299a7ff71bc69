// Reasons for computed blind-spot pieces (another date or detail level, not stored: the ranked
// list and the map tiles of that date): the same judge the stored pieces get
// (gis-data/coverage/blind-spot-reasons.ts), against the cameras in service on that date. In "now" mode a camera counts
// as working as it was at the end of that day (xl_camera_working, migration 0019: the last
// status event before the day ended, not known = not working); for today it is camera_status,
// as for the stored pieces. So a piece that only down cameras would have seen is camera_down.
import type pg from 'pg';
import { loadSql } from '../db/sql';
import type { BlindSpotReason } from '../gis-data/coverage/blind-spot-reasons';
import { CameraIndex } from '../gis-data/coverage/camera-index';
import { settingsJudge } from './assign-reasons';
import type { SceneCamera } from './scene';
import { sceneCache, type SceneCache } from './scene-cache';
import { engineToday } from './settings';

const CAMERAS_AS_OF_SQL = loadSql(import.meta.url, 'cameras-as-of.sql');

export interface PieceToJudge {
  level: string;
  /** Sample points in the data's metric coordinates. */
  samples: Array<[number, number]>;
}

// A map view asks for a dozen tiles of the same date at once: the camera index of a date is
// built once and kept briefly (camera edits and new status events show after AS_OF_TTL_MS).
const AS_OF_TTL_MS = 30_000;
const AS_OF_KEEP = 8;
interface AsOfIndex {
  cache: SceneCache;
  at: number;
  index: Promise<CameraIndex>;
}
const asOfIndexes = new Map<string, AsOfIndex>();

async function buildAsOfIndex(pool: pg.Pool, cache: SceneCache, asOf: string, now: boolean): Promise<CameraIndex> {
  const { rows } = await pool.query<{ id: number; working: boolean }>(CAMERAS_AS_OF_SQL, [asOf, now]);
  const cams: SceneCamera[] = [];
  for (const r of rows) {
    const c = cache.cameras.get(r.id);
    if (c === undefined) continue;
    // The cached object itself when nothing differs, so the per-camera viewers are reused.
    const same = c.inService && (!now || c.working === r.working);
    cams.push(same ? c : { ...c, inService: true, working: now && r.working });
  }
  return new CameraIndex(cams);
}

function asOfIndex(pool: pg.Pool, cache: SceneCache, asOf: string, now: boolean): Promise<CameraIndex> {
  const key = `${asOf}:${now}`;
  const hit = asOfIndexes.get(key);
  if (hit !== undefined && hit.cache === cache && Date.now() - hit.at < AS_OF_TTL_MS) return hit.index;
  const index = buildAsOfIndex(pool, cache, asOf, now);
  index.catch(() => asOfIndexes.delete(key));
  asOfIndexes.delete(key);
  asOfIndexes.set(key, { cache, at: Date.now(), index });
  for (const k of asOfIndexes.keys()) {
    if (asOfIndexes.size <= AS_OF_KEEP) break;
    asOfIndexes.delete(k);
  }
  return index;
}

/**
 * One reason per piece; `asOf` (YYYY-MM-DD, default today) picks the cameras installed and not
 * removed by then, and with `now` the cameras working at the end of that day.
 */
export async function judgePieces(pool: pg.Pool, pieces: PieceToJudge[], o: { asOf?: string; now: boolean }): Promise<BlindSpotReason[]> {
  if (pieces.length === 0) return [];
  const cache = await sceneCache(pool);
  const today = engineToday(cache.settings);
  const index = o.asOf !== undefined && o.asOf !== today ? await asOfIndex(pool, cache, o.asOf, o.now) : cache.index;
  const judge = settingsJudge(index, cache.buildings, cache.settings);
  const mode = [o.now ? 'now' : 'design'] as const;
  return pieces.map((p) => judge(mode, p.samples, p.level)[0]!);
}
