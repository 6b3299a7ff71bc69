// Ranked list of stored blind spots (for the CLI and GET /blind-spots).
import { readFileSync } from 'node:fs';
import type pg from 'pg';

const LIST_SQL = readFileSync(new URL('./list-blind-spots.sql', import.meta.url), 'utf8');

export interface BlindSpotQuery {
  mode?: 'design' | 'now';
  class?: string;
  area?: string;
  limit?: number;
  offset?: number;
}

export interface BlindSpotRow {
  id: number;
  targetId: number;
  targetName: string | null;
  class: string;
  reason: string;
  /** Metres for roads, square metres otherwise. */
  measure: number;
  unit: 'm' | 'm2';
  priority: number;
  areaCode: string | null;
  areaName: string | null;
  lon: number;
  lat: number;
  geometry: unknown;
}

export async function listBlindSpots(db: pg.Pool | pg.PoolClient, q: BlindSpotQuery): Promise<{ total: number; items: BlindSpotRow[] }> {
  const { rows } = await db.query<{
    id: number; target_id: number; target_name: string | null; class: string; reason: string; measure: number; priority: number;
    area_code: string | null; area_name: string | null; geometry: { type: string }; lon: number; lat: number; total: string;
  }>(LIST_SQL, [q.mode ?? 'design', q.class ?? null, q.area ?? null, q.limit ?? 100, q.offset ?? 0]);
  return {
    total: rows.length === 0 ? 0 : Number(rows[0]!.total),
    items: rows.map((r) => ({
      id: r.id, targetId: r.target_id, targetName: r.target_name, class: r.class, reason: r.reason,
      measure: Math.round(r.measure * 100) / 100, unit: r.geometry.type.includes('Line') ? 'm' : 'm2', priority: r.priority,
      areaCode: r.area_code, areaName: r.area_name, lon: r.lon, lat: r.lat, geometry: r.geometry,
    })),
  };
}
