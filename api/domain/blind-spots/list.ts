// The ranked blind-spot list as the API, the CLI and the exports give it: the stored pieces of
// today, or the pieces of another date or level (coverage-engine), each with its score and, on
// request, the facts behind its reason (explain.ts).
import type pg from 'pg';
import {
  listBlindSpots,
  listBlindSpotsAsOf,
  loadCoverageSettings,
  type BlindSpotQuery,
  type BlindSpotRow,
  type PiecesAsOfCache,
} from '../../../coverage-engine';
import { explainBlindSpots, type BlindSpotWhy } from './explain';
import type { BlindSpotReason } from '../../../gis-data/coverage/blind-spot-reasons';

export type ListedBlindSpot = Omit<BlindSpotRow, 'samplesM' | 'reason'> & { reason: BlindSpotReason | null; why?: BlindSpotWhy };

export interface BlindSpotPage {
  total: number;
  items: ListedBlindSpot[];
}

/**
 * One page of the ranked list; `explain` adds each piece's `why`. `cache` keeps another date's
 * computed pieces for the next pages and that date's map tiles (the API's; the CLI has none).
 * `signal`: the request's; when it aborts, a computation nobody else waits for stops.
 */
export async function blindSpotPage(
  pool: pg.Pool,
  q: BlindSpotQuery,
  o: { explain?: boolean; cache?: PiecesAsOfCache; signal?: AbortSignal } = {},
): Promise<BlindSpotPage> {
  const computed = q.asOf !== undefined || q.level !== undefined;
  const res = computed
    ? await listBlindSpotsAsOf(pool, q, await loadCoverageSettings(pool), o.cache, o.signal)
    : await listBlindSpots(pool, q);
  const whys =
    o.explain === true && res.items.length > 0
      ? await explainBlindSpots(pool, res.items, { mode: q.mode ?? 'design', ...(q.asOf === undefined ? {} : { asOf: q.asOf }) })
      : undefined;
  return {
    total: res.total,
    items: res.items.map(({ samplesM: _samples, ...item }, i) => (whys === undefined ? item : { ...item, why: whys[i]! })),
  };
}
