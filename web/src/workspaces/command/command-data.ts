// The command center's data: the shapes GET /status/summary, /status/rollups and /alarms send
// (api/http/routes/status.ts), and the joins the panels need. Rates are fractions 0–1.
import { get, type Schemas } from '../../api/client';

export type Thresholds = Schemas['EffectiveThresholds'];
/** One county's cameras now (areaCode null: cameras in no county). */
export type CountyNow = Schemas['CountyHealthNow'];
/** The counts and rates now, as the fleet and each county have them. */
export type HealthNow = Omit<CountyNow, 'areaCode' | 'areaName'>;
export type RollupRow = Schemas['StatusRollupRow'];
export type Summary = Schemas['StatusSummary'];
export type Alarm = Schemas['CameraAlarm'];
export type AlarmPage = Schemas['CameraAlarmPage'];

export interface AlarmQuery {
  open: boolean;
  unacknowledged: boolean;
  states: string[];
  area: string | null;
  /** Raised within the last this many hours; null = any time. */
  withinHours: number | null;
  cursor: number;
}

export const PAGE_SIZE = 100;

/** The query of GET /alarms for these filters; `from` is counted back from `now`. */
export function alarmsQuery(q: AlarmQuery, now = Date.now()) {
  return {
    open: q.open ? ('true' as const) : ('false' as const),
    unacknowledged: q.unacknowledged ? ('true' as const) : ('false' as const),
    state: q.states.length === 0 ? undefined : q.states.join(','),
    area: q.area ?? undefined,
    from: q.withinHours === null ? undefined : new Date(now - q.withinHours * 3_600_000).toISOString(),
    limit: PAGE_SIZE,
    cursor: q.cursor === 0 ? undefined : q.cursor,
  };
}

export function loadAlarms(q: AlarmQuery): Promise<AlarmPage> {
  return get('/api/v1/alarms', { params: { query: alarmsQuery(q) } });
}

/** One county's figures: now (from the summary) and today's and this month's time-weighted rates. */
export interface CountyRow {
  code: string | null;
  name: string | null;
  now: HealthNow;
  today: RollupRow | null;
  month: RollupRow | null;
  thresholds: Thresholds;
}

export function countyRows(summary: Summary, today: RollupRow[], month: RollupRow[]): CountyRow[] {
  const byCode = (rows: RollupRow[]) => new Map(rows.map((r) => [r.areaCode, r]));
  const d = byCode(today);
  const m = byCode(month);
  return summary.counties
    .map((c) => ({
      code: c.areaCode,
      name: c.areaName,
      now: c,
      today: d.get(c.areaCode) ?? null,
      month: m.get(c.areaCode) ?? null,
      thresholds: d.get(c.areaCode)?.thresholds ?? m.get(c.areaCode)?.thresholds ?? summary.thresholds,
    }))
    .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : (a.name ?? '').localeCompare(b.name ?? '')));
}

export function loadSummary(): Promise<Summary> {
  return get('/api/v1/status/summary');
}

/** Each county's figures: now from the summary, today's and this month's rates from the roll-ups. */
export async function loadCounties(summary: Summary): Promise<CountyRow[]> {
  // "Today" is the dataset's day as the summary reports it.
  const today = summary.today?.period ?? summary.month?.period ?? null;
  if (today === null || today.length !== 10) return countyRows(summary, [], []);
  const monthStart = `${today.slice(0, 8)}01`;
  const [day, month] = await Promise.all([
    get('/api/v1/status/rollups', { params: { query: { level: 'county', period: 'day', from: today, to: today } } }),
    get('/api/v1/status/rollups', { params: { query: { level: 'county', period: 'month', from: monthStart, to: today } } }),
  ]);
  return countyRows(summary, day.rows, month.rows);
}
