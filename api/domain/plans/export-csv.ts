// A plan as a camera schedule (one row per proposed camera) for procurement and installation
// crews: CSV with a UTF-8 byte order mark so Excel opens the Chinese names correctly, cells
// escaped by the exports' one function (formulas, TAB and CR at the start neutralised). Each camera
// gets a GB/T 28181 device code for its town (the next free serial of IP cameras, type 132,
// there; marked "proposed" until it is built), its model and cost, and the coverage engine's
// gain per class (what it adds after the cameras before it in the plan, in the plan's mode).
import type pg from 'pg';
import type { ClassGains } from '../../../coverage-engine';
import { loadSql } from '../../../db/sql';
import { makeDeviceId } from '../../../gis-data/device-id';
import { csvCell, UTF8_BOM } from '../exports/csv';
import { evaluatePlanCameras } from './evaluate';
import { getPlan, type Plan } from './plans';

const PLAN_TOWNS = loadSql(import.meta.url, 'plan-towns.sql');

const COLUMNS = [
  'position',
  'device_code',
  'status',
  'name',
  'type',
  'model',
  'lon',
  'lat',
  'height_m',
  'azimuth_deg',
  'tilt_deg',
  'hfov_deg',
  'vfov_deg',
  'resolution',
  'unit_cost',
  'gain_intersections',
  'gain_road_m',
  'gain_hotspot_m2',
  'gain_crowded_place_m2',
  'site_key',
  'note',
] as const;

export interface ScheduleExtras {
  /** Per camera in plan order: its proposed GB/T 28181 code, or null when no admin area holds it. */
  deviceCodes: (string | null)[];
  /** Per camera in plan order: the engine's gain. */
  gains: ClassGains[];
}

export function planScheduleCsv(plan: Plan, extras: ScheduleExtras): string {
  const lines = [COLUMNS.join(',')];
  plan.cameras.forEach((c, k) => {
    const g = extras.gains[k] ?? {};
    lines.push(
      [
        c.position,
        extras.deviceCodes[k] ?? null,
        'proposed',
        c.name,
        c.type,
        c.modelName,
        c.lon.toFixed(7),
        c.lat.toFixed(7),
        c.heightM,
        c.azimuthDeg,
        c.tiltDeg === null ? null : Number(c.tiltDeg.toFixed(2)),
        c.hfovDeg,
        c.vfovDeg === null ? null : Number(c.vfovDeg.toFixed(2)),
        `${c.resolutionH}x${c.resolutionV}`,
        c.unitCost,
        g.intersection?.coveredTargets ?? 0,
        g.road?.covered ?? 0,
        g.hotspot?.covered ?? 0,
        g.crowded_place?.covered ?? 0,
        c.siteKey,
        c.note,
      ]
        .map(csvCell)
        .join(','),
    );
  });
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** Proposed device codes in plan order: the next free serials of each town's IP cameras. */
export async function proposedDeviceCodes(pool: pg.Pool, planId: number): Promise<(string | null)[]> {
  const { rows } = await pool.query<{ position: number; admin_code: string | null; max_serial: number | null }>(PLAN_TOWNS, [planId]);
  const next = new Map<string, number>();
  return rows.map((r) => {
    if (r.admin_code === null) return null;
    const serial = (next.get(r.admin_code) ?? r.max_serial ?? 0) + 1;
    next.set(r.admin_code, serial);
    return serial > 999_999 ? null : makeDeviceId({ adminCode: r.admin_code, serial, typeCode: '132' });
  });
}

/** The schedule of a plan: its cameras with device codes and the engine's gains (evaluated now, not stored). */
export async function planSchedule(pool: pg.Pool, planId: number): Promise<{ fileName: string; csv: string }> {
  const plan = await getPlan(pool, planId);
  const [deviceCodes, evaluation] = await Promise.all([proposedDeviceCodes(pool, planId), evaluatePlanCameras(pool, plan)]);
  return {
    fileName: `plan-${plan.id}-cameras.csv`,
    csv: planScheduleCsv(plan, { deviceCodes, gains: evaluation.cameras.map((c) => c.gain) }),
  };
}
