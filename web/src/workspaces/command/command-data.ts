// The command center's data: the shapes GET /status/summary, /status/rollups and /alarms send
// (api/http/routes/status.ts), and the joins the panels need. Rates are fractions 0–1.
import { api, qs } from '../../api/client';
import type { StatusState } from '../../../../vocabulary/camera-health';

export interface Thresholds {
  online: number;
  working: number;
  onlineFrom: string;
  workingFrom: string;
}

export interface HealthNow {
  total: number;
  byState: Record<StatusState, number>;
  observed: number;
  unknown: number;
  online: number;
  working: number;
  onlineRate: number | null;
  workingRate: number | null;
}

export interface CountyNow extends HealthNow {
  areaCode: string | null;
  areaName: string | null;
}

export interface RollupRow {
  areaCode: string | null;
  areaName: string | null;
  period: string;
  cameras: number;
  onlineRateTimeWeighted: number | null;
  workingRateTimeWeighted: number | null;
  thresholds: Thresholds;
}

export interface Summary extends HealthNow {
  generatedAt: string;
  counties: CountyNow[];
  today: RollupRow | null;
  month: RollupRow | null;
  thresholds: Thresholds;
}

export interface Alarm {
  id: number;
  cameraId: number;
  deviceId: string;
  cameraName: string;
  areaCode: string | null;
  areaName: string | null;
  lon: number;
  lat: number;
  state: string;
  reason: string;
  raisedAt: string;
  clearedAt: string | null;
  durationS: number | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  coverageLost: {
    targets: number;
    byClass: { intersection: number; road_m: number; hotspot_m2: number; crowded_place_m2: number };
  };
}

export interface AlarmPage {
  alarms: Alarm[];
  total: number;
  nextCursor: number | null;
}

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

export function alarmsPath(q: AlarmQuery, now = Date.now()): string {
  return `/alarms${qs({
    open: String(q.open),
    unacknowledged: String(q.unacknowledged),
    state: q.states.length === 0 ? undefined : q.states.join(','),
    area: q.area,
    from: q.withinHours === null ? undefined : new Date(now - q.withinHours * 3_600_000).toISOString(),
    limit: PAGE_SIZE,
    cursor: q.cursor === 0 ? undefined : q.cursor,
  })}`;
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

export async function loadFigures(): Promise<{ summary: Summary; counties: CountyRow[] }> {
  const summary = await api<Summary>('/status/summary');
  // "Today" is the agent's local day as the summary reports it.
  const today = summary.today?.period ?? summary.month?.period ?? null;
  if (today === null || today.length !== 10) return { summary, counties: countyRows(summary, [], []) };
  const monthStart = `${today.slice(0, 8)}01`;
  const [day, month] = await Promise.all([
    api<{ rows: RollupRow[] }>(`/status/rollups${qs({ level: 'county', period: 'day', from: today, to: today })}`),
    api<{ rows: RollupRow[] }>(`/status/rollups${qs({ level: 'county', period: 'month', from: monthStart, to: today })}`),
  ]);
  return { summary, counties: countyRows(summary, day.rows, month.rows) };
}
