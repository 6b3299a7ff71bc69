// Command center: live status (SSE), counts by state, 在线率/完好率 today and this month against
// each county's own thresholds (from the roll-up rows; ▼ and words when below), the alarm list with acknowledge, and a full-screen wall mode
// that keeps itself current (SSE-driven refresh plus a slow poll as a safety net).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { StatusStream } from '../app/use-status-stream';
import { formatDateTime, formatNumber, formatPercent } from '../i18n';
import { STATE_COLOURS, STATE_GROUPS, cssColour, stateGroup, type StateGroup } from '../map/state-style';

type Dict = Record<string, unknown>;
const POLL_MS = 30_000;

interface AreaRates {
  code: string;
  name: string;
  online: { today: number | null; month: number | null; threshold: number | null; from: string };
  working: { today: number | null; month: number | null; threshold: number | null; from: string };
}

interface Alarm {
  id: string;
  deviceId: string;
  name: string;
  state: string;
  since: string;
  reason: string;
  lost: string | null;
  /** GET /alarms coverageLost: targets that lose coverage now with this camera down. */
  lostDetail: LostDetail | null;
  acknowledged: boolean;
}

interface LostDetail {
  targets: number;
  intersection: number;
  roadM: number;
  hotspotM2: number;
  crowdedPlaceM2: number;
}

function readLostDetail(v: unknown): LostDetail | null {
  const o = v as Dict | null;
  if (o === null || typeof o !== 'object' || typeof o.targets !== 'number') return null;
  const b = (o.byClass ?? {}) as Dict;
  const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return {
    targets: o.targets,
    intersection: num(b.intersection),
    roadM: num(b.road_m),
    hotspotM2: num(b.hotspot_m2),
    crowdedPlaceM2: num(b.crowded_place_m2),
  };
}

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? (v > 1.0001 ? v / 100 : v) : null);

function readCounts(s: Dict): Record<StateGroup, number> {
  const out = Object.fromEntries(STATE_GROUPS.map((g) => [g, 0])) as Record<StateGroup, number>;
  const c = (s.counts ?? s.byState ?? {}) as Dict | Dict[];
  const entries: Array<[string, unknown]> = Array.isArray(c) ? c.map((e) => [String(e.state), e.count]) : Object.entries(c);
  for (const [state, count] of entries) if (typeof count === 'number') out[stateGroup(state)] += count;
  return out;
}

// Only a fallback for an API that sends no thresholds: the API's built-in default (在线率 95 %,
// 完好率 98 % after 发改高技〔2015〕996号). Each county is judged by the thresholds its roll-up row
// carries (set per area with `xueliang thresholds` or PUT /status/thresholds/{areaCode}).
export const DEFAULT_THRESHOLDS = { online: 0.95, working: 0.98 };

interface RowThresholds {
  online?: number;
  working?: number;
  onlineFrom?: string;
  workingFrom?: string;
}

interface RollupRow {
  areaCode: string | null;
  areaName: string | null;
  onlineRateSampled: number | null;
  onlineRateTimeWeighted: number | null;
  workingRateSampled: number | null;
  workingRateTimeWeighted: number | null;
  thresholds?: RowThresholds;
}

const timeWeightedFirst = (a: number | null | undefined, b: number | null | undefined) => n(a ?? b ?? null);

/** Joins the day and month roll-ups per county into table rows. */
function readAreaRates(todayRows: RollupRow[], monthRows: RollupRow[], fallback: typeof DEFAULT_THRESHOLDS): AreaRates[] {
  const byCode = new Map<string, AreaRates>();
  const row = (r: RollupRow) => {
    const key = r.areaCode ?? r.areaName ?? '';
    let a = byCode.get(key);
    if (a === undefined) {
      // The area's own (or inherited) thresholds, as the API resolved them for this row.
      const th = r.thresholds ?? {};
      a = {
        code: key,
        name: r.areaName ?? key,
        online: { today: null, month: null, threshold: n(th.online) ?? fallback.online, from: th.onlineFrom ?? 'default' },
        working: { today: null, month: null, threshold: n(th.working) ?? fallback.working, from: th.workingFrom ?? 'default' },
      };
      byCode.set(key, a);
    }
    return a;
  };
  for (const r of todayRows) {
    const a = row(r);
    a.online.today = timeWeightedFirst(r.onlineRateTimeWeighted, r.onlineRateSampled);
    a.working.today = timeWeightedFirst(r.workingRateTimeWeighted, r.workingRateSampled);
  }
  for (const r of monthRows) {
    const a = row(r);
    a.online.month = timeWeightedFirst(r.onlineRateTimeWeighted, r.onlineRateSampled);
    a.working.month = timeWeightedFirst(r.workingRateTimeWeighted, r.workingRateSampled);
  }
  return [...byCode.values()].sort((x, y) => x.name.localeCompare(y.name));
}

function readAlarms(r: unknown): Alarm[] {
  const items = (Array.isArray(r) ? r : ((r as Dict | null)?.items ?? (r as Dict | null)?.alarms ?? [])) as Dict[];
  return items.map((a) => {
    const lost = a.coverageLost ?? a.coverage_lost ?? a.lost;
    return {
      id: String(a.id),
      deviceId: String(a.deviceId ?? a.device_id ?? ''),
      name: String(a.name ?? a.cameraName ?? a.deviceId ?? ''),
      state: String(a.state ?? ''),
      since: String(a.since ?? a.raisedAt ?? a.at ?? ''),
      reason: String(a.reason ?? ''),
      lost:
        lost === undefined || lost === null
          ? null
          : typeof lost === 'object'
            ? Object.entries(lost as Dict)
                .map(([k, v]) => `${k} ${String(v)}`)
                .join(', ')
            : String(lost),
      lostDetail: readLostDetail(lost),
      acknowledged: Boolean(a.acknowledged ?? a.ackedAt ?? a.acknowledgedAt),
    };
  });
}

/** 95 % rather than 95.0 %, but 97.5 % stays exact. */
const percentDigits = (ratio: number): number => (Math.abs(ratio * 100 - Math.round(ratio * 100)) < 1e-9 ? 0 : 1);
const thresholdText = (lang: string, ratio: number): string => formatPercent(lang, ratio, percentDigits(ratio));

/**
 * A rate judged against the area's own threshold, shown under it: below gets ▼ and words (for
 * screen readers and the tooltip), at or above gets ✓, so colour is never the only cue.
 */
function RateCell({ value, threshold, lang }: { value: number | null; threshold: number | null; lang: string }) {
  const { t } = useTranslation();
  const below = value !== null && threshold !== null && value < threshold;
  const th = threshold === null ? '—' : thresholdText(lang, threshold);
  const verdict =
    value === null || threshold === null
      ? ''
      : below
        ? t('command.belowThreshold', { value: th })
        : t('command.meetsThreshold', { value: th });
  return (
    <td
      className={below ? 'below' : ''}
      data-testid="rate-cell"
      data-below={below ? 'true' : 'false'}
      data-threshold={threshold ?? ''}
      title={verdict}
    >
      {value === null ? '—' : formatPercent(lang, value)}
      {value !== null && threshold !== null && <span aria-hidden="true">{below ? ' ▼' : ' ✓'}</span>}
      {verdict !== '' && (
        <span className="sr-only" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
          {' '}
          {verdict}
        </span>
      )}
      <br />
      <span className="muted" aria-hidden="true" style={{ fontSize: 11, fontWeight: 400 }} data-testid="rate-threshold">
        ≥ {th}
      </span>
    </td>
  );
}

/** Where a county's thresholds come from: set on it, inherited from an area, or the default. */
function ThresholdSource({ area }: { area: AreaRates }) {
  const { t } = useTranslation();
  const label = (from: string) =>
    from === area.code
      ? t('command.thresholdOwn')
      : from === 'default'
        ? t('command.thresholdDefault')
        : t('command.thresholdInherited', { from });
  const text =
    area.online.from === area.working.from
      ? label(area.online.from)
      : `${t('command.onlineRate')} ${label(area.online.from)} · ${t('command.workingRate')} ${label(area.working.from)}`;
  return (
    <span
      className="muted"
      data-testid="threshold-source"
      data-online-from={area.online.from}
      data-working-from={area.working.from}
      style={{ display: 'block', fontSize: 11, fontWeight: 400 }}
    >
      {t('command.thresholdsFrom', { source: text })}
    </span>
  );
}

export function CommandCenter({ stream, onCamera }: { stream: StatusStream; onCamera: (deviceId: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Only the classes that lose something, with the class labels the coverage views use.
  const lostText = (d: LostDetail): string =>
    [
      d.intersection > 0 ? `${t('class.intersection')} ${formatNumber(lang, d.intersection)}` : '',
      d.roadM > 0 ? `${t('class.road')} ${formatNumber(lang, d.roadM)} m` : '',
      d.hotspotM2 > 0 ? `${t('class.hotspot')} ${formatNumber(lang, d.hotspotM2)} m²` : '',
      d.crowdedPlaceM2 > 0 ? `${t('class.crowded_place')} ${formatNumber(lang, d.crowdedPlaceM2)} m²` : '',
    ]
      .filter((x) => x !== '')
      .join(', ');
  const [summary, setSummary] = useState<Dict | null>(null);
  const [areas, setAreas] = useState<AreaRates[]>([]);
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [updated, setUpdated] = useState<Date | null>(null);
  const [wall, setWall] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [s, a] = await Promise.all([api<Dict>('/status/summary'), api<unknown>('/alarms')]);
      // Alarms and counts first: the county table must not delay an outage on the wall.
      setSummary(s);
      setAlarms(readAlarms(a));
      // "Today" is the agent's local day (UTC+8 by default) as the summary reports it; the
      // browser's date only when nothing was polled today yet.
      const serverDay = ((s.today ?? null) as Dict | null)?.period;
      const today = typeof serverDay === 'string' ? serverDay : new Date().toISOString().slice(0, 10);
      const monthStart = `${today.slice(0, 8)}01`;
      const [day, month] = await Promise.all([
        api<{ rows: RollupRow[] }>(`/status/rollups?level=county&period=day&from=${today}&to=${today}`).catch(() => ({ rows: [] })),
        api<{ rows: RollupRow[] }>(`/status/rollups?level=county&period=month&from=${monthStart}&to=${today}`).catch(() => ({ rows: [] })),
      ]);
      const th = (s.thresholds ?? {}) as Dict;
      setAreas(
        readAreaRates(day.rows, month.rows, {
          online: n(th.online) ?? DEFAULT_THRESHOLDS.online,
          working: n(th.working) ?? DEFAULT_THRESHOLDS.working,
        }),
      );
      setUpdated(new Date());
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    // Coalesce bursts of status events into one refresh.
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = stream.subscribe(() => {
      if (pending !== null) return;
      pending = setTimeout(() => {
        pending = null;
        void refresh();
      }, 300);
    });
    return () => {
      clearInterval(timer);
      off();
      if (pending !== null) clearTimeout(pending);
    };
  }, [refresh, stream]);

  useEffect(() => {
    const onFs = () => setWall(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onFs);
    return () => document.removeEventListener('fullscreenchange', onFs);
  }, []);

  const toggleWall = async () => {
    const shell = document.querySelector('.shell');
    if (!wall) {
      setWall(true);
      shell?.classList.add('wall');
      await document.documentElement.requestFullscreen?.().catch(() => undefined);
    } else {
      setWall(false);
      shell?.classList.remove('wall');
      if (document.fullscreenElement) await document.exitFullscreen();
    }
  };

  const ack = async (id: string) => {
    await api(`/alarms/${encodeURIComponent(id)}/ack`, { method: 'POST' });
    await refresh();
  };

  const counts = summary ? readCounts(summary) : null;
  return (
    <section ref={root} className="workspace" aria-labelledby="command-heading" data-testid="command-center">
      <h2 id="command-heading">
        {t('command.heading')}
        <span className={stream.connected ? 'live' : 'live off'} role="status">
          {stream.connected ? t('command.live') : t('command.disconnected')}
        </span>
      </h2>
      <button type="button" onClick={() => void toggleWall()} data-testid="wall-toggle">
        {wall ? t('command.exitWall') : t('command.wall')}
      </button>
      {updated !== null && <p className="muted">{t('command.updated', { time: formatDateTime(lang, updated) })}</p>}
      {error !== null && (
        <p role="alert" className="error">
          {t('app.error', { message: error })}
        </p>
      )}
      <h3>{t('command.counts')}</h3>
      <ul className="state-counts" data-testid="state-counts">
        {STATE_GROUPS.map((g) => (
          <li key={g} style={{ borderColor: cssColour(STATE_COLOURS[g]) }} data-state={g}>
            <span>{t(`state.${g}`)}</span> <strong>{counts === null ? '—' : formatNumber(lang, counts[g])}</strong>
          </li>
        ))}
      </ul>
      {summary !== null && (
        <p data-testid="fleet-rates">
          {t('command.onlineRate')} <strong>{n(summary.onlineRate) === null ? '—' : formatPercent(lang, n(summary.onlineRate)!)}</strong>
          {' · '}
          {t('command.workingRate')} <strong>{n(summary.workingRate) === null ? '—' : formatPercent(lang, n(summary.workingRate)!)}</strong>
          {' · '}
          <span className="muted" data-testid="fleet-thresholds">
            {t('command.fleetThresholds', {
              online: thresholdText(lang, n(((summary.thresholds ?? {}) as Dict).online) ?? DEFAULT_THRESHOLDS.online),
              working: thresholdText(lang, n(((summary.thresholds ?? {}) as Dict).working) ?? DEFAULT_THRESHOLDS.working),
            })}
          </span>
        </p>
      )}
      {areas.length > 0 && (
        <table className="areas" data-testid="area-rates">
          <thead>
            <tr>
              <th scope="col">{t('command.county')}</th>
              <th scope="col">
                {t('command.onlineRate')} {t('command.today')}
              </th>
              <th scope="col">
                {t('command.onlineRate')} {t('command.month')}
              </th>
              <th scope="col">
                {t('command.workingRate')} {t('command.today')}
              </th>
              <th scope="col">
                {t('command.workingRate')} {t('command.month')}
              </th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.code} data-area-code={a.code}>
                <th scope="row">
                  {a.name}
                  <ThresholdSource area={a} />
                </th>
                <RateCell lang={lang} value={a.online.today} threshold={a.online.threshold} />
                <RateCell lang={lang} value={a.online.month} threshold={a.online.threshold} />
                <RateCell lang={lang} value={a.working.today} threshold={a.working.threshold} />
                <RateCell lang={lang} value={a.working.month} threshold={a.working.threshold} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('command.alarms')}</h3>
      {alarms.length === 0 && <p>{t('command.noAlarms')}</p>}
      <ul className="alarms" data-testid="alarm-list" aria-live="polite">
        {alarms.map((a) => (
          <li key={a.id} data-device-id={a.deviceId} className={a.acknowledged ? 'acked' : ''}>
            <button type="button" className="link" onClick={() => onCamera(a.deviceId)}>
              {a.name || a.deviceId}
            </button>
            <span>
              {' '}
              {t(`state.${a.state}`, { defaultValue: a.state })} · {a.since ? formatDateTime(lang, a.since) : ''} · {a.reason}
            </span>
            {a.lostDetail !== null
              ? a.lostDetail.targets > 0 && (
                  <span className="muted" data-testid="coverage-lost">
                    {' '}
                    · {t('command.lost', { value: lostText(a.lostDetail) })}
                  </span>
                )
              : a.lost !== null && <span className="muted"> · {t('command.lost', { value: a.lost })}</span>}
            {a.acknowledged ? (
              <span className="muted"> · {t('command.acked')}</span>
            ) : (
              <button type="button" onClick={() => void ack(a.id)}>
                {t('command.ack')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
