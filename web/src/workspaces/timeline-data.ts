// Month-by-month coverage rates from GET /coverage/timeline, and the date 100 % would be
// reached at the recent pace (least-squares line through the last 12 months). Pure.
import { CLASSES } from './coverage-data';

export interface TimelinePoint {
  month: string;
  rates: Record<string, number | null>;
}

type Dict = Record<string, unknown>;

const rate = (v: unknown): number | null => {
  const x = typeof v === 'number' ? v : (v as Dict | null)?.rate;
  return typeof x === 'number' && Number.isFinite(x) ? (x > 1.0001 ? x / 100 : x) : null;
};

export function readTimeline(resp: unknown): TimelinePoint[] {
  const r = resp as Dict | Dict[] | null;
  const series = r !== null && !Array.isArray(r) && Array.isArray(r.series) ? (r.series as Dict[]) : [];
  const city = series.find((x) => x.code === null) ?? series[0];
  const items = (Array.isArray(r) ? r : ((city?.points ?? r?.months ?? r?.points ?? []) as Dict[])) as Dict[];
  return items.map((p) => {
    const src = (p.rates ?? p.classes ?? p) as Dict | Dict[];
    const rates: Record<string, number | null> = {};
    if (Array.isArray(src)) for (const e of src) rates[String(e.class)] = rate(e);
    else for (const c of CLASSES) rates[c] = rate(src[c]);
    return { month: String(p.month ?? p.date ?? p.asOf).slice(0, 7), rates };
  });
}

/** The lowest class rate per month: 100 % means every class is fully covered. */
export function overall(p: TimelinePoint): number | null {
  const vals = Object.values(p.rates).filter((v): v is number => v !== null);
  return vals.length === 0 ? null : Math.min(...vals);
}

/** "YYYY-MM" of the month the fitted line reaches 1, or null when the pace is flat or falling. */
export function projectFullCoverage(points: TimelinePoint[], window = 12): string | null {
  const recent = points
    .map((p, i) => ({ i, y: overall(p) }))
    .filter((p): p is { i: number; y: number } => p.y !== null)
    .slice(-window);
  if (recent.length < 2) return null;
  const last = recent.at(-1)!;
  if (last.y >= 0.99995) return points[last.i]!.month;
  const mx = recent.reduce((s, p) => s + p.i, 0) / recent.length;
  const my = recent.reduce((s, p) => s + p.y, 0) / recent.length;
  const sxx = recent.reduce((s, p) => s + (p.i - mx) ** 2, 0);
  const slope = recent.reduce((s, p) => s + (p.i - mx) * (p.y - my), 0) / sxx;
  if (!(slope > 1e-6)) return null;
  const monthsAhead = Math.ceil((1 - (my + slope * (last.i - mx))) / slope);
  const [y, m] = points[last.i]!.month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + monthsAhead;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The API's own projection (GET /coverage/timeline `projection`): the latest class's full date. */
export function apiProjection(resp: unknown): { date: string | null; known: boolean } {
  const p = (resp as Dict | null)?.projection;
  if (!Array.isArray(p) || p.length === 0) return { date: null, known: false };
  let latest: string | null = null;
  for (const c of p as Dict[]) {
    if (c.alreadyFull === true) continue;
    if (typeof c.fullDate !== 'string') return { date: null, known: true };
    if (latest === null || c.fullDate > latest) latest = c.fullDate;
  }
  return { date: latest ?? new Date().toISOString().slice(0, 10), known: true };
}
