// Buildings near a place, for the planner's live preview: the browser clips a proposed camera's
// footprint with the same sweep (gis-data/footprint) the server uses, so it needs the outlines
// and heights around it. Small boxes only; the map draws buildings from vector tiles.
import type pg from 'pg';
import { loadCoverageSettings } from '../../../coverage-engine';
import { BadRequestError } from '../../errors';
import { loadSql } from '../../../db/sql';

const IN_BOX = loadSql(import.meta.url, 'buildings-in-box.sql');

/** About 5.5 km: a few proposed cameras' surroundings, never a whole city in one answer. */
export const MAX_SPAN_DEG = 0.05;
export const MAX_BUILDINGS = 20_000;

export interface BuildingOutline {
  id: number;
  heightM: number;
  heightAssumed: boolean;
  /** Outer ring, [lon, lat] pairs. */
  ring: Array<[number, number]>;
}

export async function buildingsInBox(
  pool: pg.Pool,
  bbox: [number, number, number, number],
): Promise<{ buildings: BuildingOutline[]; truncated: boolean }> {
  const [w, s, e, n] = bbox;
  if (e - w > MAX_SPAN_DEG || n - s > MAX_SPAN_DEG) {
    throw new BadRequestError(
      `bbox: at most ${MAX_SPAN_DEG}° on a side (asked ${(e - w).toFixed(3)}° × ${(n - s).toFixed(3)}°); the map draws buildings from /tiles/buildings.`,
      { field: 'bbox' },
    );
  }
  const settings = await loadCoverageSettings(pool);
  const { rows } = await pool.query<{ id: number; height_m: number; height_assumed: boolean; ring: string }>(IN_BOX, [
    w,
    s,
    e,
    n,
    MAX_BUILDINGS + 1,
    settings.defaultBuildingHeightM,
  ]);
  const truncated = rows.length > MAX_BUILDINGS;
  return {
    buildings: rows.slice(0, MAX_BUILDINGS).map((r) => ({
      id: r.id,
      heightM: r.height_m,
      heightAssumed: r.height_assumed,
      ring: (JSON.parse(r.ring) as { coordinates: Array<[number, number]> }).coordinates,
    })),
    truncated,
  };
}
