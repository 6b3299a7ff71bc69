// The ranked blind-spot list of the coverage workspace: 20 at a time with the total and pages,
// each spot with its reason, the facts behind it (what the target requires, what the cameras near
// it achieve: GET /blind-spots?explain=1) and its score (the rank: priority × size), flying the
// map to it on click; and the list's exports (Excel, CSV).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiHref, get, type Schemas } from '../api/client';
import { formatDateTime, formatNumber } from '../i18n';
import type { FlyTarget } from './coverage-workspace';

export const PAGE_SIZE = 20;

type ListedSpot = Schemas['BlindSpot'];
type BlindSpotWhy = Schemas['BlindSpotWhy'];
type TargetClass = Schemas['TargetClass'];

type T = (key: string, o?: Record<string, unknown>) => string;

/** The facts behind a spot's reason as sentences: what is required, then what is achieved. */
export function whyLines(t: T, lang: string, reason: string | null, w: BlindSpotWhy): string[] {
  const n = (v: number, d = 1) => formatNumber(lang, v, d);
  const lines = [t('why.required', { level: t(`level.${w.required.level}`, { defaultValue: w.required.level }), ppm: n(w.required.ppm) })];
  if (reason === 'camera_down' && w.down !== null)
    lines.push(
      t('why.down', {
        device: w.down.deviceId,
        state: w.down.state === null ? '' : t(`state.${w.down.state}`, { defaultValue: w.down.state }),
        since: w.down.since === null ? '—' : formatDateTime(lang, w.down.since),
        ppm: n(w.down.ppm),
        distance: n(w.down.distanceM),
      }),
    );
  if (w.occluded !== null && (reason === 'occluded' || reason === 'camera_down'))
    lines.push(
      t(w.occluded.buildingHeightAssumed ? 'why.occludedAssumed' : 'why.occluded', {
        device: w.occluded.deviceId,
        distance: n(w.occluded.distanceM),
        ppm: n(w.occluded.ppm),
        building: w.occluded.buildingId,
        height: n(w.occluded.buildingHeightM),
      }),
    );
  if (w.nearZone !== null && reason === 'near_blind_zone')
    lines.push(t('why.nearZone', { device: w.nearZone.deviceId, distance: n(w.nearZone.distanceM), near: n(w.nearZone.nearM) }));
  if (w.best !== null) lines.push(t('why.best', { device: w.best.deviceId, ppm: n(w.best.ppm), distance: n(w.best.distanceM) }));
  else if (reason === 'no_camera')
    lines.push(w.nearest === null ? t('why.noneNear') : t('why.nearest', { device: w.nearest.deviceId, distance: n(w.nearest.distanceM) }));
  return lines;
}

/** The score and how it is made: priority × size (a metre of road weighs like 10 m²). */
export function scoreText(t: T, lang: string, s: ListedSpot): string {
  const score = formatNumber(lang, s.score);
  return s.unit === 'm'
    ? t('coverage.scoreRoad', { score, priority: formatNumber(lang, s.priority, 1), measure: formatNumber(lang, s.measure, 1) })
    : t('coverage.scoreArea', { score, priority: formatNumber(lang, s.priority, 1), measure: formatNumber(lang, s.measure, 0) });
}

export function BlindSpotList({
  cls,
  area,
  asOf,
  level,
  ready,
  onFly,
}: {
  cls: TargetClass | '';
  area: string | undefined;
  asOf: string | null;
  level: string | null;
  /**
   * Whether to load now: the list of another date is cut for the whole city (seconds at M), so
   * it starts once the panel has that date's figures and the map has drawn it, instead of
   * holding the database's cores while they load (coverage-workspace.tsx).
   */
  ready: boolean;
  onFly: (t: FlyTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [page, setPage] = useState(0);
  const [spots, setSpots] = useState<Schemas['BlindSpotPage'] | null>(null);
  // What the shown list is of (the filters, date, level and page it was asked with).
  const [spotsFor, setSpotsFor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const wanted = JSON.stringify([cls, area, asOf, level, page]);
  // Another filter, date or level starts at the first page.
  useEffect(() => setPage(0), [cls, area, asOf, level]);
  useEffect(() => {
    if (!ready) return;
    const ctl = new AbortController();
    setFailed(false);
    const query = {
      class: cls === '' ? undefined : cls,
      area,
      asOf: asOf ?? undefined,
      level: level ?? undefined,
      limit: PAGE_SIZE,
      cursor: page * PAGE_SIZE,
      explain: '1' as const,
    };
    get('/api/v1/blind-spots', { params: { query }, signal: ctl.signal })
      .then((d) => {
        setSpots(d);
        setSpotsFor(wanted);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        console.warn('blind spots failed', e);
        setFailed(true);
      });
    return () => ctl.abort();
  }, [cls, area, asOf, level, page, ready, wanted]);
  const stale = spots !== null && spotsFor !== wanted;

  const total = spots?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const exportQuery = { area, class: cls === '' ? undefined : cls, explain: '1' as const };
  return (
    <>
      <h3>{t('coverage.blindSpots')}</h3>
      {failed && <p className="error">{t('coverage.blindSpotsFailed')}</p>}
      {!failed && (spots === null || stale) && (
        <p className="muted" role="status" data-testid="blind-spots-loading">
          {t('coverage.blindSpotsLoading')}
        </p>
      )}
      {spots !== null && total === 0 && <p>{t('coverage.noBlindSpots')}</p>}
      {spots !== null && total > 0 && (
        <p className="muted" data-testid="blind-spot-total">
          {t('coverage.blindSpotsPage', {
            total: formatNumber(lang, total),
            from: formatNumber(lang, page * PAGE_SIZE + 1),
            to: formatNumber(lang, Math.min(total, (page + 1) * PAGE_SIZE)),
          })}{' '}
          <span title={t('coverage.scoreRule')}>{t('coverage.scoreRule')}</span>
        </p>
      )}
      <ol
        className={stale ? 'blind-spots stale' : 'blind-spots'}
        data-testid="blind-spot-list"
        aria-busy={stale}
        start={page * PAGE_SIZE + 1}
      >
        {(spots?.items ?? []).map((s) => (
          <li key={`${s.id}-${s.targetId}`} data-testid="blind-spot" data-reason={s.reason ?? ''} data-score={s.score}>
            <button
              type="button"
              className="link"
              onClick={() => onFly({ center: [s.lon, s.lat] })}
              aria-label={t('coverage.flyTo', { name: s.targetName ?? `#${s.targetId}` })}
            >
              {s.targetName ?? `#${s.targetId}`}
            </button>
            <span className="muted">
              {' '}
              · {t(`class.${s.class}`, { defaultValue: s.class })}
              {s.reason !== null && <> · {t(`reason.${s.reason}`, { defaultValue: s.reason })}</>}
              {s.class !== 'intersection' && (
                <>
                  {' '}
                  ·{' '}
                  {s.unit === 'm'
                    ? t('unit.km', { value: formatNumber(lang, s.measure / 1000, 2) })
                    : t('unit.m2', { value: formatNumber(lang, s.measure) })}
                </>
              )}
            </span>
            {s.why !== undefined && (
              <ul className="why" data-testid="blind-spot-why">
                {whyLines(t, lang, s.reason, s.why).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
            <small className="muted" data-testid="blind-spot-score">
              {scoreText(t, lang, s)}
            </small>
          </li>
        ))}
      </ol>
      {pages > 1 && (
        <nav className="pager" aria-label={t('coverage.pages')}>
          <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0} data-testid="blind-spots-prev">
            {t('coverage.prev')}
          </button>
          <span>{t('coverage.pageOf', { page: page + 1, pages })}</span>
          <button type="button" onClick={() => setPage(page + 1)} disabled={page + 1 >= pages} data-testid="blind-spots-next">
            {t('coverage.next')}
          </button>
        </nav>
      )}
      <p className="exports">
        <a href={apiHref('/api/v1/exports/blind-spots.xlsx', { query: exportQuery })} download data-testid="export-blind-spots-xlsx">
          {t('coverage.exportBlindSpotsXlsx')}
        </a>{' '}
        ·{' '}
        <a href={apiHref('/api/v1/exports/blind-spots.csv', { query: exportQuery })} download data-testid="export-blind-spots-csv">
          {t('coverage.exportBlindSpotsCsv')}
        </a>
      </p>
    </>
  );
}
