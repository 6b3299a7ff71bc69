// A plan as a camera schedule (one row per proposed camera) for procurement and installation
// crews: CSV with a UTF-8 byte order mark so Excel opens the Chinese names correctly, cells
// escaped by the exports' one function (formulas, TAB and CR at the start neutralised).
import { csvCell, UTF8_BOM } from '../exports/csv';
import type { Plan } from './plans';

const COLUMNS = [
  'position',
  'name',
  'type',
  'model',
  'lon',
  'lat',
  'height_m',
  'azimuth_deg',
  'tilt_deg',
  'hfov_deg',
  'resolution',
  'unit_cost',
  'marginal_gain',
  'site_key',
  'note',
] as const;

export function planScheduleCsv(plan: Plan): string {
  const lines = [COLUMNS.join(',')];
  for (const c of plan.cameras) {
    lines.push(
      [
        c.position,
        c.name,
        c.type,
        c.modelName,
        c.lon.toFixed(7),
        c.lat.toFixed(7),
        c.heightM,
        c.azimuthDeg,
        c.tiltDeg,
        c.hfovDeg,
        `${c.resolutionH}x${c.resolutionV}`,
        c.unitCost,
        c.marginalGain === null ? null : Number(c.marginalGain.toFixed(4)),
        c.siteKey,
        c.note,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

export function planScheduleFileName(plan: Plan): string {
  return `plan-${plan.id}-cameras.csv`;
}
