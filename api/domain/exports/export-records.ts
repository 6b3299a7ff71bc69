// The records of each export, read page by page (keyset for cameras, offset for the ranked
// blind spots), so memory holds one page.
import type pg from 'pg';
import { blindSpotPage } from '../blind-spots/list';
import type { BlindSpotWhy } from '../blind-spots/explain';
import { tableExists } from '../schema-checks';
import { loadSql } from '../../../db/sql';
import type { ExportRecord } from './formats';

const CAMERAS = loadSql(import.meta.url, 'export-cameras.sql');
const PAGE = 2000;

export const CAMERA_COLUMNS = [
  'device_id',
  'name',
  'type',
  'height_m',
  'azimuth_deg',
  'tilt_deg',
  'hfov_deg',
  'vfov_deg',
  'resolution_h',
  'resolution_v',
  'install_date',
  'removal_date',
  'owner_unit',
  'resource_class',
  'source',
  'admin_code',
  'admin_name',
  'state',
  'reason',
  'manufacturer',
  'model',
  'firmware',
  'serial',
  'inventory_source',
] as const;

export async function* cameraRecords(
  pool: pg.Pool,
  o: { bbox?: [number, number, number, number]; asOf?: string; area?: string },
): AsyncGenerator<ExportRecord> {
  let after = 0;
  const [w, s, e, n] = o.bbox ?? [null, null, null, null];
  for (;;) {
    const { rows } = await pool.query<Record<string, unknown> & { id: number; lon: number; lat: number; device_id: string; name: string }>(
      CAMERAS,
      [after, w, s, e, n, o.asOf ?? null, PAGE, o.area ?? null],
    );
    for (const r of rows) {
      const properties: Record<string, unknown> = {};
      for (const c of CAMERA_COLUMNS) properties[c] = r[c];
      yield { geometry: { type: 'Point', coordinates: [r.lon, r.lat] }, properties, name: r.name === '' ? r.device_id : r.name };
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

export const BLIND_SPOT_COLUMNS = [
  'rank',
  'id',
  'target_id',
  'target_name',
  'class',
  'reason',
  'measure',
  'unit',
  'priority',
  'score',
  'level',
  'area_code',
  'area_name',
] as const;

/** The facts behind each reason (explain=1), as flat columns for a sheet. */
export const WHY_COLUMNS = [
  'required_level',
  'required_ppm',
  'best_device_id',
  'best_ppm',
  'best_distance_m',
  'occluded_device_id',
  'occluded_ppm',
  'building_id',
  'building_height_m',
  'building_height_assumed',
  'near_zone_device_id',
  'near_zone_distance_m',
  'near_zone_m',
  'down_device_id',
  'down_state',
  'down_since',
  'nearest_device_id',
  'nearest_distance_m',
] as const;

function whyColumns(w: BlindSpotWhy): Record<(typeof WHY_COLUMNS)[number], unknown> {
  return {
    required_level: w.required.level,
    required_ppm: w.required.ppm,
    best_device_id: w.best?.deviceId,
    best_ppm: w.best?.ppm,
    best_distance_m: w.best?.distanceM,
    occluded_device_id: w.occluded?.deviceId,
    occluded_ppm: w.occluded?.ppm,
    building_id: w.occluded?.buildingId,
    building_height_m: w.occluded?.buildingHeightM,
    building_height_assumed: w.occluded?.buildingHeightAssumed,
    near_zone_device_id: w.nearZone?.deviceId,
    near_zone_distance_m: w.nearZone?.distanceM,
    near_zone_m: w.nearZone?.nearM,
    down_device_id: w.down?.deviceId,
    down_state: w.down?.state,
    down_since: w.down?.since,
    nearest_device_id: w.nearest?.deviceId,
    nearest_distance_m: w.nearest?.distanceM,
  };
}

export async function blindSpotsAvailable(pool: pg.Pool): Promise<boolean> {
  return tableExists(pool, 'coverage_blind_spots');
}

export async function* blindSpotRecords(
  pool: pg.Pool,
  q: { mode: 'design' | 'now'; class?: string; area?: string; max?: number; explain?: boolean },
): AsyncGenerator<ExportRecord> {
  let offset = 0;
  const max = q.max ?? Number.POSITIVE_INFINITY;
  while (offset < max) {
    const { items } = await blindSpotPage(
      pool,
      {
        mode: q.mode,
        ...(q.class === undefined ? {} : { class: q.class }),
        ...(q.area === undefined ? {} : { area: q.area }),
        limit: Math.min(PAGE, max - offset),
        offset,
      },
      { explain: q.explain === true },
    );
    for (const [i, b] of items.entries()) {
      yield {
        geometry: b.geometry,
        properties: {
          rank: offset + i + 1,
          id: b.id,
          target_id: b.targetId,
          target_name: b.targetName,
          class: b.class,
          reason: b.reason,
          measure: b.measure,
          unit: b.unit,
          priority: b.priority,
          score: b.score,
          level: b.level,
          area_code: b.areaCode,
          area_name: b.areaName,
          ...(b.why === undefined ? {} : whyColumns(b.why)),
        },
        name: `${b.class} ${b.targetName ?? b.targetId} (${b.reason})`,
      };
    }
    if (items.length < PAGE) return;
    offset += items.length;
  }
}
