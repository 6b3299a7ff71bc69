// The records of each export, read page by page (keyset for cameras, offset for the ranked
// blind spots), so memory holds one page.
import type pg from 'pg';
import { listBlindSpots } from '../../../coverage-engine';
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
  'area_code',
  'area_name',
] as const;

export async function blindSpotsAvailable(pool: pg.Pool): Promise<boolean> {
  return tableExists(pool, 'coverage_blind_spots');
}

export async function* blindSpotRecords(
  pool: pg.Pool,
  q: { mode: 'design' | 'now'; class?: string; area?: string; max?: number },
): AsyncGenerator<ExportRecord> {
  let offset = 0;
  const max = q.max ?? Number.POSITIVE_INFINITY;
  while (offset < max) {
    const { items } = await listBlindSpots(pool, {
      mode: q.mode,
      ...(q.class === undefined ? {} : { class: q.class }),
      ...(q.area === undefined ? {} : { area: q.area }),
      limit: Math.min(PAGE, max - offset),
      offset,
    });
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
          area_code: b.areaCode,
          area_name: b.areaName,
        },
        name: `${b.class} ${b.targetName ?? b.targetId} (${b.reason})`,
      };
    }
    if (items.length < PAGE) return;
    offset += items.length;
  }
}
