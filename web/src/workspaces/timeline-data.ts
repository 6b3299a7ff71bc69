// Month-by-month coverage rates from GET /coverage/timeline (Schemas['CoverageTimeline']), and
// the date 100 % would be reached at the recent pace (least-squares line through the last 12
// months) when the API gives no projection. Rates are fractions 0–1. Pure.
import type { Schemas } from '../api/client';
import { CLASSES } from './coverage-data';

type Timeline = Schemas['CoverageTimeline'];

export interface TimelinePoint {
  /** YYYY-MM. */
  month: string;
  rates: Partial<Record<Schemas['TargetClass'], number>>;
}

/** The whole dataset's series (the one without an area), month by month. */
export function readTimeline(timeline: Timeline): TimelinePoint[] {
  const all = timeline.series.find((x) => x.areaId === null);
  return (all?.points ?? []).map((p) => ({
    month: p.month.slice(0, 7),
    rates: Object.fromEntries(CLASSES.flatMap((c) => (p.classes[c] === undefined ? [] : [[c, p.classes[c].rate]]))),
  }));
}

/** The lowest class rate per month: 100 % means every class is fully covered. */
export function overall(p: TimelinePoint): number | null {
  const vals = Object.values(p.rates);
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
export function apiProjection(timeline: Pick<Timeline, 'projection'>): { date: string | null; known: boolean } {
  const p = timeline.projection;
  if (p.length === 0) return { date: null, known: false };
  let latest: string | null = null;
  for (const c of p) {
    if (c.alreadyFull) continue;
    if (c.fullDate === null) return { date: null, known: true };
    if (latest === null || c.fullDate > latest) latest = c.fullDate;
  }
  return { date: latest ?? new Date().toISOString().slice(0, 10), known: true };
}
