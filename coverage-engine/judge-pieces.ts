// Reasons for computed blind-spot pieces (another date or detail level, not stored: the ranked
// list and the map tiles of that date): the same judge the stored pieces get
// (gis-data/coverage/blind-spot-reasons.ts), against the cameras in service on that date. In "now" mode a camera counts
// as working as it was at the end of that day (xl_camera_working, migration 0019: the last
// status event before the day ended, not known = not working); for today it is camera_status,
// as for the stored pieces. So a piece that only down cameras would have seen is camera_down.
// A date's camera index is built per call (it was kept 30 s, so a camera edit showed late): the
// caller judges all of a date's pieces at once and keeps them (pieces-as-of.ts).
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

/**
 * One reason per piece; `asOf` (YYYY-MM-DD, default today) picks the cameras installed and not
 * removed by then, and with `now` the cameras working at the end of that day.
 */
export async function judgePieces(pool: pg.Pool, pieces: PieceToJudge[], o: { asOf?: string; now: boolean }): Promise<BlindSpotReason[]> {
  if (pieces.length === 0) return [];
  return (await pieceJudge(pool, o))(pieces);
}

/**
 * The judge of one date and mode, ready before the pieces are (its scene and camera index are
 * read while the pieces are cut: pieces-as-of.ts).
 */
export async function pieceJudge(
  pool: pg.Pool,
  o: { asOf?: string; now: boolean },
): Promise<(pieces: PieceToJudge[]) => BlindSpotReason[]> {
  const cache = await sceneCache(pool);
  const today = engineToday(cache.settings);
  const index = o.asOf !== undefined && o.asOf !== today ? await buildAsOfIndex(pool, cache, o.asOf, o.now) : cache.index;
  const judge = settingsJudge(index, cache.buildings, cache.settings);
  const mode = [o.now ? 'now' : 'design'] as const;
  return (pieces) => pieces.map((p) => judge(mode, p.samples, p.level)[0]!);
}
