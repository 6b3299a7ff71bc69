// Reasons for computed blind-spot pieces (another date or detail level, not stored): the same
// judgement the stored pieces get (reasons.ts, assign-reasons.ts), against the cameras in
// service on that date. "Camera down" is judged only for today's "now" view: the state cameras
// were in on a past date is not part of this judgement.
import type pg from 'pg';
import { outranks, REASON_MIN_PPM, REASON_SEARCH_M } from './assign-reasons';
import { blindReason, CameraIndex, type BlindReason, type ReasonContext } from './reasons';
import { sceneCache } from './scene-cache';
import { levelPpm } from './settings';

export interface PieceToJudge {
  level: string;
  /** Sample points in the data's metric coordinates. */
  samples: Array<[number, number]>;
}

/** One reason per piece; `asOf` (YYYY-MM-DD) picks the cameras installed and not removed by then. */
export async function judgePieces(pool: pg.Pool, pieces: PieceToJudge[], o: { asOf?: string; now: boolean }): Promise<BlindReason[]> {
  if (pieces.length === 0) return [];
  const cache = await sceneCache(pool);
  const today = new Date().toISOString().slice(0, 10);
  let index = cache.index;
  let mode: ReasonContext['mode'] = o.now ? 'now' : 'design';
  if (o.asOf !== undefined && o.asOf !== today) {
    const { rows } = await pool.query<{ id: number }>(
      'SELECT id::int AS id FROM cameras WHERE (install_date IS NULL OR install_date <= $1::date) AND (removal_date IS NULL OR removal_date > $1::date)', [o.asOf]);
    const inService = new Set(rows.map((r) => r.id));
    index = new CameraIndex([...cache.cameras.values()].filter((c) => inService.has(c.id)).map((c) => ({ ...c, inService: true })));
    mode = 'design';
  }
  const ctx: ReasonContext = {
    cameras: index, buildings: cache.buildings, targetHeightM: cache.settings.targetHeightM,
    searchRadiusM: Math.min(REASON_SEARCH_M, index.maxReachM(REASON_MIN_PPM)), mode, minPpm: REASON_MIN_PPM,
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
