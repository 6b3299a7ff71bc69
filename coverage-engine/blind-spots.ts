// Ranked list of stored blind spots (for the CLI and GET /blind-spots).
import type pg from 'pg';
import type { BlindSpotReason } from '../gis-data/coverage/blind-spot-reasons';
import type { PiecesAsOfCache } from './pieces-as-of-cache';
import { piecesAsOf, type PiecesSettings } from './pieces-as-of';
import { loadSql } from '../db/sql';

const LIST_SQL = loadSql(import.meta.url, 'list-blind-spots.sql');
const PAGE_AS_OF_SQL = loadSql(import.meta.url, 'blind-spot-page-as-of.sql');

export interface BlindSpotQuery {
  mode?: 'design' | 'now';
  class?: string;
  area?: string;
  limit?: number;
  offset?: number;
  /** YYYY-MM-DD: cameras installed and not removed by then, computed (not the stored pieces). */
  asOf?: string;
  /** A detail level for every target instead of each target's required level (computed). */
  level?: string;
}

/** Thresholds the computed (as-of) list cuts pieces with, as the stored ones were. */
export interface BlindSpotThresholds {
  coveredShare: number;
  minGapM: number;
  minSliverM2: number;
}

export interface BlindSpotRow {
  id: number;
  targetId: number;
  targetName: string | null;
  class: string;
  reason: BlindSpotReason;
  /** Metres for roads, square metres otherwise. */
  measure: number;
  unit: 'm' | 'm2';
  priority: number;
  /** The rank's key: priority × size, a metre of road weighing like 10 m². */
  score: number;
  /** The detail level the piece is judged at (the target's required level, or the asked level). */
  level: string;
  areaCode: string | null;
  areaName: string | null;
  lon: number;
  lat: number;
  geometry: unknown;
  /** The piece's sample points in planar metres, where its reason was judged (not for output). */
  samplesM: Array<[number, number]>;
}

export async function listBlindSpots(db: pg.Pool | pg.PoolClient, q: BlindSpotQuery): Promise<{ total: number; items: BlindSpotRow[] }> {
  const { rows } = await db.query<RawRow & { reason: BlindSpotReason; level: string; samples: Array<[number, number]> | null }>(LIST_SQL, [
    q.mode ?? 'design',
    q.class ?? null,
    q.area ?? null,
    q.limit ?? 100,
    q.offset ?? 0,
  ]);
  return { total: rows.length === 0 ? 0 : Number(rows[0]!.total), items: rows.map(toRow) };
}

/** A computed list's row: reason judged like the stored pieces' (null only when read through a single client, without the scene). */
export type ComputedBlindSpotRow = Omit<BlindSpotRow, 'reason'> & { reason: BlindSpotReason | null };

/**
 * The ranked list of another date and/or level: every part evaluated with xl_part_coverage at
 * `asOf` (today when absent) and cut like the stored pieces by xl_blind_spot_pieces_as_of, every
 * piece judged (pieces-as-of.ts; the map tiles of that date clip the same pieces, from `cache`
 * when given). With mode 'now', the cameras working at the end of `asOf` count (migration 0019).
 * `id` is the rank, since computed pieces are not stored.
 */
export async function listBlindSpotsAsOf(
  db: pg.Pool | pg.PoolClient,
  q: BlindSpotQuery,
  settings: PiecesSettings,
  cache?: PiecesAsOfCache,
  signal?: AbortSignal,
): Promise<{ total: number; items: ComputedBlindSpotRow[] }> {
  const { pieces } = await piecesAsOf(
    db,
    {
      now: q.mode === 'now',
      ...(q.asOf === undefined ? {} : { asOf: q.asOf }),
      ...(q.level === undefined ? {} : { level: q.level }),
      ...(q.area === undefined ? {} : { area: q.area }),
    },
    settings,
    cache,
    signal,
  );
  // A target's parts all have its class: filtering whole pieces is filtering the parts.
  const ranked = q.class === undefined ? pieces : pieces.filter((p) => p.class === q.class);
  const offset = q.offset ?? 0;
  const page = ranked.slice(offset, offset + (q.limit ?? 100));
  if (page.length === 0) return { total: ranked.length, items: [] };
  const { rows } = await db.query<PageRow>(PAGE_AS_OF_SQL, [
    page.map((p) => p.geomM),
    page.map((p) => p.targetId),
    page.map((p) => p.areaId),
  ]);
  const items = rows.map((r) => {
    const p = page[r.n - 1]!;
    return toRow({
      id: offset + r.n,
      target_id: p.targetId,
      target_name: r.target_name,
      class: p.class,
      reason: p.reason,
      measure: p.measure,
      priority: p.priority,
      area_code: r.area_code,
      area_name: r.area_name,
      geometry: r.geometry,
      lon: r.lon,
      lat: r.lat,
      total: String(ranked.length),
      score: p.score,
      level: p.level,
      samples: p.samplesM.length === 0 ? null : p.samplesM,
    });
  });
  return { total: ranked.length, items };
}

interface PageRow {
  n: number;
  target_name: string | null;
  area_code: string | null;
  area_name: string | null;
  geometry: { type: string };
  lon: number;
  lat: number;
}

interface RawRow {
  id: number;
  target_id: number;
  target_name: string | null;
  class: string;
  reason: BlindSpotReason | null;
  measure: number;
  priority: number;
  area_code: string | null;
  area_name: string | null;
  geometry: { type: string };
  lon: number;
  lat: number;
  total: string;
  score: number;
  level: string;
  samples: Array<[number, number]> | null;
}

function toRow<R extends RawRow>(r: R): Omit<BlindSpotRow, 'reason'> & { reason: R['reason'] } {
  return {
    id: r.id,
    targetId: r.target_id,
    targetName: r.target_name,
    class: r.class,
    reason: r.reason,
    measure: Math.round(r.measure * 100) / 100,
    unit: r.geometry.type.includes('Line') ? 'm' : 'm2',
    priority: r.priority,
    score: Math.round(r.score * 100) / 100,
    level: r.level,
    areaCode: r.area_code,
    areaName: r.area_name,
    lon: r.lon,
    lat: r.lat,
    geometry: r.geometry,
    samplesM: r.samples ?? [],
  };
}
