// Command center: live status (SSE), the fleet's and each county's figures (one definition: the
// fleet is the sum of the counties), the alarm list, and a wall mode read from 5 m (large figures
// per county, the map with the faults, the newest alarms, optionally rotating between counties,
// no scrollbars). It keeps itself current: SSE-driven refresh plus a slow poll as a safety net.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify, reportError } from '../app/notices';
import type { StatusStream } from '../app/use-status-stream';
import { formatDateTime } from '../i18n';
import { AlarmList } from './command/alarm-list';
import { countyRows, loadCounties, loadSummary, type CountyRow, type Summary } from './command/command-data';
import { CountyTable, FleetFigures, WallTiles } from './command/county-figures';

const POLL_MS = 30_000;
const ROTATE_MS = 15_000;

export function CommandCenter({
  stream,
  role,
  onCamera,
}: {
  stream: StatusStream;
  role: string;
  onCamera: (deviceId: string, lngLat?: [number, number]) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [summary, setSummary] = useState<Summary | null>(null);
  const [counties, setCounties] = useState<CountyRow[]>([]);
  const [updated, setUpdated] = useState<Date | null>(null);
  const [version, setVersion] = useState(0);
  const [wall, setWall] = useState(false);
  const [rotate, setRotate] = useState(false);
  const [shown, setShown] = useState(0);

  const refresh = useCallback(async () => {
    try {
      const s = await loadSummary();
      // Counts first: a failed county roll-up must not hide an outage. It is reported and the
      // counties keep their figures now, with today's and this month's rates unknown.
      setSummary(s);
      setUpdated(new Date());
      try {
        setCounties(await loadCounties(s));
      } catch (e) {
        setCounties(countyRows(s, [], []));
        reportError(e, 'command.counts');
      }
    } catch (e) {
      reportError(e, 'command.counts');
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => {
      void refresh();
      setVersion((v) => v + 1);
    }, POLL_MS);
    // Coalesce bursts of status events into one refresh.
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = stream.subscribe(() => {
      if (pending !== null) return;
      pending = setTimeout(() => {
        pending = null;
        void refresh();
        setVersion((v) => v + 1);
      }, 300);
    });
    return () => {
      clearInterval(timer);
      off();
      // A refresh still waiting when the stream object changes (a new one at each render of the
      // shell) is done now rather than lost.
      if (pending !== null) {
        clearTimeout(pending);
        void refresh();
        setVersion((v) => v + 1);
      }
    };
  }, [refresh, stream]);

  useEffect(() => {
    const onFs = () => {
      if (document.fullscreenElement === null) setWall(false);
    };
    document.addEventListener('fullscreenchange', onFs);
    return () => document.removeEventListener('fullscreenchange', onFs);
  }, []);
  useEffect(() => {
    document.querySelector('.shell')?.classList.toggle('wall', wall);
    return () => document.querySelector('.shell')?.classList.remove('wall');
  }, [wall]);
  useEffect(() => {
    if (!wall || !rotate || counties.length < 2) return;
    const timer = setInterval(() => setShown((i) => (i + 1) % counties.length), ROTATE_MS);
    return () => clearInterval(timer);
  }, [wall, rotate, counties.length]);

  const toggleWall = async () => {
    const next = !wall;
    setWall(next);
    if (next && document.fullscreenElement === null) {
      // Full screen refused (no user gesture, a kiosk policy): wall mode still works in the window,
      // and the notice says so.
      await document.documentElement
        .requestFullscreen?.()
        .catch((e: unknown) => notify('command.fullscreenRefused', { reason: e instanceof Error ? e.message : String(e) }));
    } else if (!next && document.fullscreenElement !== null) {
      await document.exitFullscreen().catch((e: unknown) => reportError(e, 'command.exitWall'));
    }
  };

  const areas = useMemo(
    () => counties.filter((c): c is CountyRow & { code: string } => c.code !== null).map((c) => ({ code: c.code, name: c.name ?? c.code })),
    [counties],
  );
  const wallRows = rotate && counties.length > 0 ? [counties[shown % counties.length]!] : counties;

  return (
    <section className={wall ? 'workspace wall-panel' : 'workspace'} aria-labelledby="command-heading" data-testid="command-center">
      <h2 id="command-heading">
        {t('command.heading')}
        <span className={stream.connected ? 'live' : 'live off'} role="status">
          {stream.connected ? t('command.live') : t('command.disconnected')}
        </span>
      </h2>
      <div className="command-tools">
        <button type="button" onClick={() => void toggleWall()} data-testid="wall-toggle">
          {wall ? t('command.exitWall') : t('command.wall')}
        </button>
        {wall && (
          <label>
            <input type="checkbox" checked={rotate} onChange={(e) => setRotate(e.target.checked)} data-testid="wall-rotate" />{' '}
            {t('command.rotate')}
          </label>
        )}
      </div>
      {updated !== null && <p className="muted">{t('command.updated', { time: formatDateTime(lang, updated) })}</p>}
      {summary === null ? (
        <p>{t('app.loading')}</p>
      ) : wall ? (
        <WallTiles rows={wallRows} />
      ) : (
        <>
          <h3>{t('command.counts')}</h3>
          <FleetFigures summary={summary} />
          <CountyTable rows={counties} />
        </>
      )}
      <AlarmList role={role} areas={areas} version={version} compact={wall} onCamera={onCamera} />
    </section>
  );
}
