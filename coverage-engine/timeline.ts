// Month-end rates from the first install to today (design coverage: cameras installed and not
// removed by each month end), the state at the 2020-12-31 deadline, and when 100 % would be
// reached at the pace of the last twelve months.
import type pg from 'pg';
import { classRate, queryRates, type ClassRate } from './rates';
import { engineToday, type CoverageSettings, type TargetClass } from './settings';
import { SQL } from './sql';
import { dropAdhoc, evaluateAdhoc } from './adhoc';
import { PLAN_DEADLINE } from '../vocabulary/plan-deadline';

export const DEADLINE = PLAN_DEADLINE;

export interface TimelinePoint {
  month: string;
  classes: Partial<Record<TargetClass, ClassRate>>;
}

export interface TimelineSeries {
  areaId: number | null;
  code: string | null;
  name: string;
  points: TimelinePoint[];
}

export interface Projection {
  class: TargetClass;
  rateNow: number;
  rateYearAgo: number;
  /** Rate gained per month over the last twelve months. */
  pacePerMonth: number;
  /** ISO date 100 % would be reached, null when the pace is not positive (or already 100 %). */
  fullDate: string | null;
  alreadyFull: boolean;
}

export interface DeadlineGaps {
  targetsThen: number;
  /** Uncovered amount at the deadline (m for roads, m² otherwise). */
  uncoveredThen: number;
  /** Of that, what today's cameras cover. */
  closedSince: number;
  stillOpen: number;
}

export interface Timeline {
  firstMonth: string | null;
  series: TimelineSeries[];
  deadline: { date: string; classes: Partial<Record<TargetClass, ClassRate>>; blindSpots?: Partial<Record<TargetClass, DeadlineGaps>> };
  projection: Projection[];
}

/** The blind spots that existed at the deadline and how much of them has been closed since. */
export async function deadlineGaps(pool: pg.Pool, date = DEADLINE): Promise<Partial<Record<TargetClass, DeadlineGaps>>> {
  const run = await evaluateAdhoc(pool, { asOf: date });
  try {
    const { rows } = await pool.query<{ class: TargetClass; targets_then: number; uncovered_then: number; closed_since: number }>(
      SQL.deadlineClosed,
      [run.runId],
    );
    const out: Partial<Record<TargetClass, DeadlineGaps>> = {};
    const r2 = (v: number) => Math.round(v * 100) / 100;
    for (const r of rows) {
      const then = Math.max(0, Number(r.uncovered_then));
      const closed = Math.min(then, Math.max(0, Number(r.closed_since)));
      out[r.class] = { targetsThen: r.targets_then, uncoveredThen: r2(then), closedSince: r2(closed), stillOpen: r2(then - closed) };
    }
    return out;
  } finally {
    await dropAdhoc(pool, run.runId);
  }
}

function monthEnd(y: number, m0: number): string {
  return new Date(Date.UTC(y, m0 + 1, 0)).toISOString().slice(0, 10);
}

export function monthEnds(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7)) - 1;
  for (;;) {
    const d = monthEnd(y, m);
    out.push(d);
    if (d >= last) break;
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

export async function queryTimeline(db: pg.Pool | pg.PoolClient, s: CoverageSettings, today = engineToday(s)): Promise<Timeline> {
  const totals = await queryRates(db, s, { mode: 'design' });
  const { rows } = await db.query<{ area_id: number | null; class: TargetClass; month: string; d_covered: number; d_count: number }>(
    SQL.timeline,
    [s.coveredShare],
  );
  // Unrounded totals: a ClassRate's total is rounded to the cm, and dividing by it would move the
  // rates in the 8th decimal away from those of a date (GET /coverage?asOf=).
  const measures = new Map(
    (await db.query<{ area_id: number | null; class: TargetClass; measure: number }>(SQL.timelineMeasures)).rows.map((r) => [
      `${r.area_id}:${r.class}`,
      Number(r.measure),
    ]),
  );
  const first = (await db.query<{ d: string | null }>("SELECT to_char(min(install_date), 'YYYY-MM-DD') AS d FROM cameras")).rows[0]!.d;
  const months = first === null ? [] : monthEnds(first, monthEnd(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1));
  const series: TimelineSeries[] = [];
  for (const area of totals.filter((a) => a.areaId === null || a.level === 'county')) {
    const deltas = rows.filter((r) => r.area_id === area.areaId);
    const points: TimelinePoint[] = months.map((month) => ({ month, classes: {} }));
    for (const [cls, tot] of Object.entries(area.classes) as Array<[TargetClass, ClassRate]>) {
      const ev = deltas.filter((d) => d.class === cls);
      let covered = 0;
      let count = 0;
      let i = 0;
      const totalMeasure = cls === 'intersection' ? 0 : (measures.get(`${area.areaId}:${cls}`) ?? tot.total);
      for (const p of points) {
        while (i < ev.length && ev[i]!.month <= p.month) {
          covered += Number(ev[i]!.d_covered);
          count += ev[i]!.d_count;
          i++;
        }
        p.classes[cls] = classRate(cls, tot.targets, count, totalMeasure, covered, 0);
      }
    }
    series.push({ areaId: area.areaId, code: area.code, name: area.name, points });
  }
  const city = series.find((x) => x.areaId === null);
  const deadlinePoint =
    city?.points.find((p) => p.month === DEADLINE) ??
    (city !== undefined && months.length > 0 && months[0]! > DEADLINE ? { month: DEADLINE, classes: zeroes(city) } : undefined);
  return {
    firstMonth: months[0] ?? null,
    series,
    deadline: { date: DEADLINE, classes: deadlinePoint?.classes ?? {} },
    projection: city === undefined ? [] : project(city.points, today),
  };
}

function zeroes(city: TimelineSeries): Partial<Record<TargetClass, ClassRate>> {
  const last = city.points[city.points.length - 1];
  const out: Partial<Record<TargetClass, ClassRate>> = {};
  for (const [cls, r] of Object.entries(last?.classes ?? {}) as Array<[TargetClass, ClassRate]>)
    out[cls] = { ...r, covered: 0, coveredTargets: 0, rate: 0, redundantTargets: 0, meanCameras: 0 };
  return out;
}

export function project(points: TimelinePoint[], today: string): Projection[] {
  if (points.length === 0) return [];
  const last = points[points.length - 1]!;
  const yearAgo = points[Math.max(0, points.length - 13)]!;
  const months = Math.max(1, points.length - 1 - Math.max(0, points.length - 13));
  return (Object.keys(last.classes) as TargetClass[]).map((cls) => {
    const rateNow = last.classes[cls]!.rate;
    const rateYearAgo = yearAgo.classes[cls]?.rate ?? 0;
    const pacePerMonth = (rateNow - rateYearAgo) / months;
    const alreadyFull = rateNow >= 0.99999;
    let fullDate: string | null = null;
    if (!alreadyFull && pacePerMonth > 0) {
      const need = (1 - rateNow) / pacePerMonth;
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + Math.ceil(need * 30.4375));
      fullDate = d.toISOString().slice(0, 10);
    }
    return { class: cls, rateNow, rateYearAgo, pacePerMonth, fullDate, alreadyFull };
  });
}
