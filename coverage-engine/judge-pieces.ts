// Reasons for computed blind-spot pieces (another date or detail level, not stored: the ranked
// list and the map tiles of that date): the same judgement the stored pieces get (reasons.ts,
// assign-reasons.ts), against the cameras in service on that date. In "now" mode a camera counts
// as working as it was at the end of that day (xl_camera_working, migration 0019: the last
// status event before the day ended, not known = not working); for today it is camera_status,
// as for the stored pieces. So a piece that only down cameras would have seen is camera_down.
import type pg from 'pg';
import { loadSql } from '../db/sql';
import { outranks, REASON_MIN_PPM, REASON_SEARCH_M } from './assign-reasons';
import { blindReason, CameraIndex, type BlindReason, type ReasonContext } from './reasons';
import type { SceneCamera } from './scene';
import { sceneCache, type SceneCache } from './scene-cache';
import { engineToday, levelPpm } from './settings';

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
export async function judgePieces(pool: pg.Pool, pieces: PieceToJudge[], o: { asOf?: string; now: boolean }): Promise<BlindReason[]> {
  if (pieces.length === 0) return [];
  const cache = await sceneCache(pool);
  const today = engineToday(cache.settings);
  const index = o.asOf !== undefined && o.asOf !== today ? await asOfIndex(pool, cache, o.asOf, o.now) : cache.index;
  const ctx: ReasonContext = {
    cameras: index,
    buildings: cache.buildings,
    targetHeightM: cache.settings.targetHeightM,
    searchRadiusM: Math.min(REASON_SEARCH_M, index.maxReachM(REASON_MIN_PPM)),
    mode: o.now ? 'now' : 'design',
    minPpm: REASON_MIN_PPM,
  };
  return pieces.map((p) => {
    const ppm = levelPpm(cache.settings, p.level) ?? 62.5;
    let best: BlindReason = 'no_camera';
    for (const [x, y] of p.samples) {
      const r = blindReason(ctx, x, y, ppm);
      if (outranks(r, best)) best = r;
    }
    return best;
  });
}
