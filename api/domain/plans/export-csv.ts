// A plan as a camera schedule (one row per proposed camera) for procurement and installation
// crews: CSV with a UTF-8 byte order mark so Excel opens the Chinese names correctly.
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

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote anything with a separator, quote or line break; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

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
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function planScheduleFileName(plan: Plan): string {
  return `plan-${plan.id}-cameras.csv`;
}
