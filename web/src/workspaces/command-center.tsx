// Command center: live status (SSE), counts by state, 在线率/完好率 today and this month against
// each county's own thresholds (from the roll-up rows; ▼ and words when below), the alarm list with acknowledge, and a full-screen wall mode
// that keeps itself current (SSE-driven refresh plus a slow poll as a safety net).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, type Schemas } from '../api/client';
import type { StatusStream } from '../app/use-status-stream';
import { formatDateTime, formatNumber, formatPercent } from '../i18n';
import { STATE_COLOURS, STATE_GROUPS, cssColour, stateGroup, type StateGroup } from '../map/state-style';

const POLL_MS = 30_000;

type Summary = Schemas['StatusSummary'];
type RollupRow = Schemas['StatusRollupRow'];
type Alarm = Schemas['CameraAlarm'];

interface AreaRates {
  code: string;
  name: string;
  online: { today: number | null; month: number | null; threshold: number; from: string };
  working: { today: number | null; month: number | null; threshold: number; from: string };
}

function stateCounts(byState: Summary['byState']): Record<StateGroup, number> {
  const out = Object.fromEntries(STATE_GROUPS.map((g) => [g, 0])) as Record<StateGroup, number>;
  for (const [state, count] of Object.entries(byState)) out[stateGroup(state)] += count;
  return out;
}

/** 在线率 weighted by observed time; the share of polls when no time was observed. */
const onlineRate = (r: RollupRow) => r.onlineRateTimeWeighted ?? r.onlineRateSampled;
const workingRate = (r: RollupRow) => r.workingRateTimeWeighted ?? r.workingRateSampled;

/**
 * Joins the day and month roll-ups per county into table rows. Each county is judged by the
 * thresholds its row carries (its own, inherited, or the default, as the API resolved them).
 */
function readAreaRates(todayRows: RollupRow[], monthRows: RollupRow[]): AreaRates[] {
  const byCode = new Map<string, AreaRates>();
  const row = (r: RollupRow) => {
    const key = r.areaCode ?? '';
    let a = byCode.get(key);
    if (a === undefined) {
      const th = r.thresholds;
      a = {
        code: key,
        name: r.areaName ?? key,
        online: { today: null, month: null, threshold: th.online, from: th.onlineFrom },
        working: { today: null, month: null, threshold: th.working, from: th.workingFrom },
      };
      byCode.set(key, a);
    }
    return a;
  };
  for (const r of todayRows) {
    const a = row(r);
    a.online.today = onlineRate(r);
    a.working.today = workingRate(r);
  }
  for (const r of monthRows) {
    const a = row(r);
    a.online.month = onlineRate(r);
    a.working.month = workingRate(r);
  }
  return [...byCode.values()].sort((x, y) => x.name.localeCompare(y.name));
}

/** 95 % rather than 95.0 %, but 97.5 % stays exact. */
const percentDigits = (ratio: number): number => (Math.abs(ratio * 100 - Math.round(ratio * 100)) < 1e-9 ? 0 : 1);
const thresholdText = (lang: string, ratio: number): string => formatPercent(lang, ratio, percentDigits(ratio));

/**
 * A rate judged against the area's own threshold, shown under it: below gets ▼ and words (for
 * screen readers and the tooltip), at or above gets ✓, so colour is never the only cue.
 */
function RateCell({ value, threshold, lang }: { value: number | null; threshold: number; lang: string }) {
  const { t } = useTranslation();
  const below = value !== null && value < threshold;
  const th = thresholdText(lang, threshold);
  const verdict = value === null ? '' : below ? t('command.belowThreshold', { value: th }) : t('command.meetsThreshold', { value: th });
  return (
    <td
      className={below ? 'below' : ''}
      data-testid="rate-cell"
      data-below={below ? 'true' : 'false'}
      data-threshold={threshold}
      title={verdict}
    >
      {value === null ? '—' : formatPercent(lang, value)}
      {value !== null && <span aria-hidden="true">{below ? ' ▼' : ' ✓'}</span>}
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
  const lostText = ({ byClass: b }: Alarm['coverageLost']): string =>
    [
      b.intersection > 0 ? `${t('class.intersection')} ${formatNumber(lang, b.intersection)}` : '',
      b.road_m > 0 ? `${t('class.road')} ${formatNumber(lang, b.road_m)} m` : '',
      b.hotspot_m2 > 0 ? `${t('class.hotspot')} ${formatNumber(lang, b.hotspot_m2)} m²` : '',
      b.crowded_place_m2 > 0 ? `${t('class.crowded_place')} ${formatNumber(lang, b.crowded_place_m2)} m²` : '',
    ]
      .filter((x) => x !== '')
      .join(', ');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [areas, setAreas] = useState<AreaRates[]>([]);
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [updated, setUpdated] = useState<Date | null>(null);
  const [wall, setWall] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [s, a] = await Promise.all([get('/api/v1/status/summary'), get('/api/v1/alarms')]);
      // Alarms and counts first: the county table must not delay an outage on the wall.
      setSummary(s);
      setAlarms(a.alarms);
      // "Today" is the agent's local day (UTC+8 by default) as the summary reports it; the
      // browser's date only when nothing was polled today yet.
      const today = s.today?.period ?? new Date().toISOString().slice(0, 10);
      const monthStart = `${today.slice(0, 8)}01`;
      // A failed roll-up reaches the catch below: the counts and alarms above stay, the error shows.
      const rollups = (period: 'day' | 'month', from: string) =>
        get('/api/v1/status/rollups', { params: { query: { level: 'county', period, from, to: today } } });
      const [day, month] = await Promise.all([rollups('day', today), rollups('month', monthStart)]);
      setAreas(readAreaRates(day.rows, month.rows));
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
      // Wall mode works in the window too; a refused full screen (browser policy) is said, not hidden.
      await document.documentElement
        .requestFullscreen?.()
        .catch((e: unknown) => setError(t('command.fullscreenRefused', { reason: e instanceof Error ? e.message : String(e) })));
    } else {
      setWall(false);
      shell?.classList.remove('wall');
      if (document.fullscreenElement) await document.exitFullscreen();
    }
  };

  const ack = async (id: number) => {
    await post('/api/v1/alarms/{id}/ack', { params: { path: { id } }, body: {} });
    await refresh();
  };

  const counts = summary === null ? null : stateCounts(summary.byState);
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
          {t('command.onlineRate')} <strong>{summary.onlineRate === null ? '—' : formatPercent(lang, summary.onlineRate)}</strong>
          {' · '}
          {t('command.workingRate')} <strong>{summary.workingRate === null ? '—' : formatPercent(lang, summary.workingRate)}</strong>
          {' · '}
          <span className="muted" data-testid="fleet-thresholds">
            {t('command.fleetThresholds', {
              online: thresholdText(lang, summary.thresholds.online),
              working: thresholdText(lang, summary.thresholds.working),
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
        {alarms.map((a) => {
          const acknowledged = a.acknowledgedAt !== null;
          const lost = a.coverageLost;
          return (
            <li key={a.id} data-device-id={a.deviceId} className={acknowledged ? 'acked' : ''}>
              <button type="button" className="link" onClick={() => onCamera(a.deviceId)}>
                {a.cameraName || a.deviceId}
              </button>
              <span>
                {' '}
                {t(`state.${a.state}`)} · {formatDateTime(lang, a.raisedAt)} · {a.reason}
              </span>
              {lost.targets > 0 && (
                <span className="muted" data-testid="coverage-lost">
                  {' '}
                  · {t('command.lost', { value: lostText(lost) })}
                </span>
              )}
              {acknowledged ? (
                <span className="muted"> · {t('command.acked')}</span>
              ) : (
                <button type="button" onClick={() => void ack(a.id)}>
                  {t('command.ack')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
