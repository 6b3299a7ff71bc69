// Cell values of dirty ledgers → typed values. Each parser returns undefined for an empty cell
// and null for a cell that has something unusable in it (the caller rejects with the field).
import { calendarDateProblem } from '../calendar-date';

export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Numbers as typed in ledgers: "12.5", "12,5", "12.5m", "45°", "  7 " ; null when not a number. */
export function parseNumber(v: unknown): number | null | undefined {
  if (isEmpty(v)) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = String(v)
    .trim()
    .replace(/,(\d+)$/, '.$1')
    .replace(/\s*(m|米|度|°|deg)$/i, '');
  if (!/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return null;
  return Number(s);
}

const MEGAPIXEL: Record<string, [number, number]> = {
  '100': [1280, 720],
  '130': [1280, 960],
  '200': [1920, 1080],
  '300': [2048, 1536],
  '400': [2560, 1440],
  '500': [2592, 1944],
  '800': [3840, 2160],
};

/** "1920*1080", "1920x1080", "1920×1080", "200万" (二百万像素 = 1080p); null when unreadable. */
export function parseResolution(v: unknown): [number, number] | null | undefined {
  if (isEmpty(v)) return undefined;
  const s = String(v).trim();
  const m = /^(\d{3,5})\s*[*xX×]\s*(\d{3,5})$/.exec(s);
  if (m !== null) return [Number(m[1]), Number(m[2])];
  const mp = /^(\d{3})\s*万(像素)?$/.exec(s);
  if (mp !== null && MEGAPIXEL[mp[1]!] !== undefined) return MEGAPIXEL[mp[1]!]!;
  return null;
}

const TYPE_WORDS: [RegExp, string][] = [
  [/^(fixed|bullet|box|枪机|枪式|固定|固定枪机|卡口|筒机)/i, 'fixed'],
  [/^(ptz|panning|speed ?dome|球机|云台|高速球|遥控)/i, 'ptz'],
  [/^(dome|半球)/i, 'dome'],
  [/^(fisheye|fish-eye|panoramic|鱼眼|全景)/i, 'fisheye'],
  [/^(thermal|热成像|红外热)/i, 'thermal'],
];

/** Camera type words in English and Chinese → fixed/dome/ptz/fisheye/thermal; null when unknown. */
export function parseCameraType(v: unknown): string | null | undefined {
  if (isEmpty(v)) return undefined;
  const s = String(v).trim();
  for (const [re, t] of TYPE_WORDS) if (re.test(s)) return t;
  return null;
}

function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  if (y < 1980 || y > 2100) return null;
  return dt.toISOString().slice(0, 10);
}

/** "2019-05-01", "2019/5/1", "2019.05.01", "20190501", "2019年5月1日", an Excel Date or serial; null when unreadable. */
export function parseDate(v: unknown): string | null | undefined {
  if (isEmpty(v)) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  if (typeof v === 'number') {
    // Excel serial day (1900 system): 25569 is 1970-01-01.
    if (v > 29000 && v < 80000) {
      const d = new Date(Math.round((v - 25569) * 86400000));
      return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
    return null;
  }
  const s = String(v).trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s);
  if (m !== null) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m !== null) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** Why a date cell that parseDate refused is not a date: the day that does not exist, the year out of range, or the spelling. */
export function dateProblem(v: unknown): string {
  const s = String(v).trim().slice(0, 40);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m === null) return `"${s}" is not a date (use YYYY-MM-DD)`;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const problem = calendarDateProblem(iso);
  if (problem !== null) return problem;
  return `"${s}" is outside the years 1980–2100 a camera date may have`;
}

export function asText(v: unknown): string | undefined {
  if (isEmpty(v)) return undefined;
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}
