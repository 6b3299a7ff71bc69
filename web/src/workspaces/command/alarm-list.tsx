// The alarm list as a duty officer works it: unacknowledged first, newest first; filters by state,
// county or town and time; pages of 100 with the total; the reason in words with what to check;
// a recovered alarm says so and how long it lasted; clicking one flies the map to the camera and
// opens its card; "确认" only for roles that may acknowledge, and a refusal is shown, not lost.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { reportError } from '../../app/notices';
import { formatDateTime, formatNumber } from '../../i18n';
import { mayDo } from '../../../../vocabulary/actions';
import { CAMERA_STATES } from '../../../../vocabulary/camera-health';
import { reasonWords } from '../../../../vocabulary/health-reasons';
import { chime, setSoundEnabled, soundEnabled } from './alarm-sound';
import { PAGE_SIZE, loadAlarms, type Alarm, type AlarmPage, type AlarmQuery } from './command-data';

export interface AreaOption {
  code: string;
  name: string;
}

const WITHIN = [null, 1, 24, 24 * 7] as const;

/** 1 h 5 min, 3 min, 45 s: how long an outage lasted. */
function durationText(t: (k: string, o?: Record<string, unknown>) => string, s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return t('alarms.hoursMinutes', { h, m });
  if (m > 0) return t('alarms.minutes', { m });
  return t('alarms.seconds', { s: Math.round(s) });
}

export function AlarmList({
  role,
  areas,
  version,
  compact = false,
  onCamera,
}: {
  role: string;
  areas: AreaOption[];
  /** Bumped by the parent when the status stream says something changed. */
  version: number;
  compact?: boolean;
  onCamera: (deviceId: string, lngLat: [number, number]) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [q, setQ] = useState<AlarmQuery>({ open: true, unacknowledged: false, states: [], area: null, withinHours: null, cursor: 0 });
  const [page, setPage] = useState<AlarmPage | null>(null);
  const [sound, setSound] = useState(soundEnabled);
  const seen = useRef<Set<number> | null>(null);
  const canAck = mayDo(role, 'acknowledgeAlarm');

  const load = useCallback(async () => {
    try {
      const p = await loadAlarms(q);
      // A chime for alarms not seen before (not on the first load, nor when paging or filtering).
      const ids = new Set(p.alarms.filter((a) => a.clearedAt === null).map((a) => a.id));
      if (seen.current !== null && soundEnabled() && [...ids].some((id) => !seen.current!.has(id))) chime();
      seen.current = new Set([...(seen.current ?? []), ...ids]);
      setPage(p);
    } catch (e) {
      reportError(e, 'command.alarms');
    }
  }, [q]);

  useEffect(() => {
    void load();
  }, [load, version]);

  const set = (patch: Partial<AlarmQuery>) => setQ((old) => ({ ...old, cursor: 0, ...patch }));

  const ack = async (a: Alarm) => {
    try {
      await post('/api/v1/alarms/{id}/ack', { params: { path: { id: a.id } }, body: {} });
    } catch (e) {
      reportError(e, 'command.ack');
    }
    await load();
  };

  // Only the classes that lose something, with the class labels the coverage views use.
  const lostText = (d: Alarm['coverageLost']['byClass']): string =>
    [
      d.intersection > 0 ? `${t('class.intersection')} ${formatNumber(lang, d.intersection)}` : '',
      d.road_m > 0 ? `${t('class.road')} ${formatNumber(lang, d.road_m)} m` : '',
      d.hotspot_m2 > 0 ? `${t('class.hotspot')} ${formatNumber(lang, d.hotspot_m2)} m²` : '',
      d.crowded_place_m2 > 0 ? `${t('class.crowded_place')} ${formatNumber(lang, d.crowded_place_m2)} m²` : '',
    ]
      .filter((x) => x !== '')
      .join(', ');
  const from = q.cursor + 1;
  const to = q.cursor + (page?.alarms.length ?? 0);
  return (
    <section aria-labelledby="alarms-heading" data-testid="alarms">
      <h3 id="alarms-heading">
        {t('command.alarms')}
        {page !== null && (
          <span className="muted" data-testid="alarm-total">
            {' '}
            {t('alarms.total', { n: formatNumber(lang, page.total) })}
          </span>
        )}
      </h3>
      {!compact && (
        <div className="alarm-filters" data-testid="alarm-filters">
          <label>
            {t('alarms.which')}{' '}
            <select
              value={q.open ? (q.unacknowledged ? 'unacked' : 'open') : 'all'}
              onChange={(e) => set({ open: e.target.value !== 'all', unacknowledged: e.target.value === 'unacked' })}
              data-testid="alarm-filter-open"
            >
              <option value="open">{t('alarms.open')}</option>
              <option value="unacked">{t('alarms.unacked')}</option>
              <option value="all">{t('alarms.all')}</option>
            </select>
          </label>
          <label>
            {t('alarms.state')}{' '}
            <select
              value={q.states[0] ?? ''}
              onChange={(e) => set({ states: e.target.value === '' ? [] : [e.target.value] })}
              data-testid="alarm-filter-state"
            >
              <option value="">{t('alarms.any')}</option>
              {CAMERA_STATES.filter((s) => s !== 'OK').map((s) => (
                <option key={s} value={s}>
                  {t(`state.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('alarms.area')}{' '}
            <select
              value={q.area ?? ''}
              onChange={(e) => set({ area: e.target.value === '' ? null : e.target.value })}
              data-testid="alarm-filter-area"
            >
              <option value="">{t('alarms.any')}</option>
              {areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('alarms.within')}{' '}
            <select
              value={q.withinHours ?? ''}
              onChange={(e) => set({ withinHours: e.target.value === '' ? null : Number(e.target.value) })}
              data-testid="alarm-filter-time"
            >
              {WITHIN.map((h) => (
                <option key={h ?? 'any'} value={h ?? ''}>
                  {h === null ? t('alarms.anyTime') : t('alarms.lastHours', { h })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              checked={sound}
              onChange={(e) => {
                setSoundEnabled(e.target.checked);
                setSound(e.target.checked);
              }}
              data-testid="alarm-sound"
            />{' '}
            {t('alarms.sound')}
          </label>
        </div>
      )}
      {page !== null && page.alarms.length === 0 && <p>{t('command.noAlarms')}</p>}
      <ul className="alarms" data-testid="alarm-list" aria-live="polite">
        {(page?.alarms ?? []).map((a) => {
          const words = reasonWords(a.reason, lang);
          return (
            <li
              key={a.id}
              data-device-id={a.deviceId}
              data-alarm-id={a.id}
              data-acknowledged={a.acknowledgedAt !== null}
              className={[a.acknowledgedAt !== null ? 'acked' : '', a.clearedAt !== null ? 'cleared' : ''].join(' ')}
            >
              <button type="button" className="link" onClick={() => onCamera(a.deviceId, [a.lon, a.lat])} data-testid="alarm-camera">
                {a.cameraName || a.deviceId}
              </button>{' '}
              <span className="alarm-state">{t(`state.${a.state}`, { defaultValue: a.state })}</span>
              {' · '}
              <span data-testid="alarm-reason" title={words.check ?? undefined}>
                {words.label}
              </span>
              {a.areaName !== null && <span className="muted"> · {a.areaName}</span>}
              <br />
              <span className="muted">{formatDateTime(lang, a.raisedAt)}</span>
              {a.clearedAt !== null && a.durationS !== null && (
                <span data-testid="alarm-recovered"> · {t('alarms.recovered', { duration: durationText(t, a.durationS) })}</span>
              )}
              {!compact && words.check !== null && a.clearedAt === null && (
                <span className="muted" data-testid="alarm-check">
                  {' · '}
                  {t('alarms.check', { what: words.check })}
                </span>
              )}
              {a.coverageLost.targets > 0 && (
                <span className="muted" data-testid="coverage-lost">
                  {' · '}
                  {t('command.lost', { value: lostText(a.coverageLost.byClass) })}
                </span>
              )}
              {a.acknowledgedAt !== null ? (
                <span className="muted"> · {t('command.acked')}</span>
              ) : (
                canAck &&
                !compact && (
                  <>
                    {' '}
                    <button type="button" onClick={() => void ack(a)} data-testid="alarm-ack">
                      {t('command.ack')}
                    </button>
                  </>
                )
              )}
            </li>
          );
        })}
      </ul>
      {!compact && page !== null && page.total > PAGE_SIZE && (
        <nav className="pager" aria-label={t('alarms.pages')} data-testid="alarm-pager">
          <button
            type="button"
            disabled={q.cursor === 0}
            onClick={() => setQ((o) => ({ ...o, cursor: Math.max(0, o.cursor - PAGE_SIZE) }))}
          >
            {t('alarms.previous')}
          </button>{' '}
          <span data-testid="alarm-range">{t('alarms.range', { from, to, total: formatNumber(lang, page.total) })}</span>{' '}
          <button
            type="button"
            disabled={page.nextCursor === null}
            onClick={() => setQ((o) => ({ ...o, cursor: page.nextCursor ?? o.cursor }))}
            data-testid="alarm-next"
          >
            {t('alarms.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
