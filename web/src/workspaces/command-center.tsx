// Command center: live status (SSE), counts by state, 在线率/完好率 today and this month against
// their thresholds per county, the alarm list with acknowledge, and a full-screen wall mode
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
  name: string;
  online: { today: number | null; month: number | null; threshold: number | null };
  working: { today: number | null; month: number | null; threshold: number | null };
}

interface Alarm {
  id: string;
  deviceId: string;
  name: string;
  state: string;
  since: string;
  reason: string;
  lost: string | null;
  acknowledged: boolean;
}

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? (v > 1.0001 ? v / 100 : v) : null);

function readCounts(s: Dict): Record<StateGroup, number> {
  const out = Object.fromEntries(STATE_GROUPS.map((g) => [g, 0])) as Record<StateGroup, number>;
  const c = (s.counts ?? s.byState ?? {}) as Dict | Dict[];
  const entries: Array<[string, unknown]> = Array.isArray(c) ? c.map((e) => [String(e.state), e.count]) : Object.entries(c);
  for (const [state, count] of entries) if (typeof count === 'number') out[stateGroup(state)] += count;
  return out;
}

function readAreaRates(s: Dict): AreaRates[] {
  const areas = (s.areas ?? s.counties ?? s.byArea ?? []) as Dict[];
  if (!Array.isArray(areas)) return [];
  const th = (s.thresholds ?? {}) as Dict;
  return areas.map((a) => {
    const on = (a.online ?? a.onlineRate ?? {}) as Dict;
    const wk = (a.working ?? a.workingRate ?? {}) as Dict;
    const ath = (a.thresholds ?? th) as Dict;
    return {
      name: String(a.name ?? a.code),
      online: { today: n(on.today ?? a.onlineToday), month: n(on.month ?? a.onlineMonth), threshold: n(on.threshold ?? ath.online ?? ath.onlineRate) },
      working: { today: n(wk.today ?? a.workingToday), month: n(wk.month ?? a.workingMonth), threshold: n(wk.threshold ?? ath.working ?? ath.workingRate) },
    };
  });
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
      lost: lost === undefined || lost === null ? null : typeof lost === 'object' ? Object.entries(lost as Dict).map(([k, v]) => `${k} ${String(v)}`).join(', ') : String(lost),
      acknowledged: Boolean(a.acknowledged ?? a.ackedAt ?? a.acknowledgedAt),
    };
  });
}

function RateCell({ value, threshold, lang }: { value: number | null; threshold: number | null; lang: string }) {
  const below = value !== null && threshold !== null && value < threshold;
  return <td className={below ? 'below' : ''}>{value === null ? '—' : formatPercent(lang, value)}{below ? ' ▼' : ''}</td>;
}

export function CommandCenter({ stream, onCamera }: { stream: StatusStream; onCamera: (deviceId: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [summary, setSummary] = useState<Dict | null>(null);
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [updated, setUpdated] = useState<Date | null>(null);
  const [wall, setWall] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [s, a] = await Promise.all([api<Dict>('/status/summary'), api<unknown>('/alarms')]);
      setSummary(s);
      setAlarms(readAlarms(a));
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
  const areas = summary ? readAreaRates(summary) : [];
  return (
    <section ref={root} className="workspace" aria-labelledby="command-heading" data-testid="command-center">
      <h2 id="command-heading">{t('command.heading')}
        <span className={stream.connected ? 'live' : 'live off'} role="status">{stream.connected ? t('command.live') : t('command.disconnected')}</span>
      </h2>
      <button type="button" onClick={() => void toggleWall()} data-testid="wall-toggle">{wall ? t('command.exitWall') : t('command.wall')}</button>
      {updated !== null && <p className="muted">{t('command.updated', { time: formatDateTime(lang, updated) })}</p>}
      {error !== null && <p role="alert" className="error">{t('app.error', { message: error })}</p>}
      <h3>{t('command.counts')}</h3>
      <ul className="state-counts" data-testid="state-counts">
        {STATE_GROUPS.map((g) => (
          <li key={g} style={{ borderColor: cssColour(STATE_COLOURS[g]) }} data-state={g}>
            <span>{t(`state.${g}`)}</span> <strong>{counts === null ? '—' : formatNumber(lang, counts[g])}</strong>
          </li>
        ))}
      </ul>
      {areas.length > 0 && (
        <table className="areas" data-testid="area-rates">
          <thead>
            <tr><th scope="col">{t('command.county')}</th><th scope="col">{t('command.onlineRate')} {t('command.today')}</th><th scope="col">{t('command.onlineRate')} {t('command.month')}</th><th scope="col">{t('command.workingRate')} {t('command.today')}</th><th scope="col">{t('command.workingRate')} {t('command.month')}</th></tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.name}>
                <th scope="row">{a.name}</th>
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
            <button type="button" className="link" onClick={() => onCamera(a.deviceId)}>{a.name || a.deviceId}</button>
            <span> {t(`state.${a.state}`, { defaultValue: a.state })} · {a.since ? formatDateTime(lang, a.since) : ''} · {a.reason}</span>
            {a.lost !== null && <span className="muted"> · {t('command.lost', { value: a.lost })}</span>}
            {a.acknowledged ? <span className="muted"> · {t('command.acked')}</span> : <button type="button" onClick={() => void ack(a.id)}>{t('command.ack')}</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}
