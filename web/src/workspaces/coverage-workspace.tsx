// Coverage workspace (engineers): rates per class against 100 %, design vs now (the now panel
// follows status changes), drill-down by county and town, ranked blind spots that fly the map,
// filters, and export links.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiHref, get, type Schemas } from '../api/client';
import { formatNumber } from '../i18n';
import type { StatusStream } from '../app/use-status-stream';
import { CLASSES, readAreas, readRates, type AreaRow, type ClassRate } from './coverage-data';
import { CoverageNowPanel } from './coverage-now-panel';
import { BlindSpotList } from './coverage-blind-spots';
import { RateBar } from './rate-bar';

export interface FlyTarget {
  center?: [number, number];
  bbox?: [number, number, number, number];
}

type TargetClass = Schemas['TargetClass'];

/** How long the blind-spot list waits for the map to draw a date before it starts anyway. */
const LIST_PATIENCE_MS = 3000;
/** How long another date stays on the slider, drawn, before its blind-spot list starts. */
const LIST_SETTLE_MS = 400;

export function CoverageWorkspace({
  asOf,
  level,
  onLevel,
  onFly,
  stream,
  mapDrawnFor = null,
}: {
  asOf: string | null;
  level: string | null;
  onLevel: (l: string | null) => void;
  onFly: (t: FlyTarget) => void;
  stream: StatusStream;
  /** The date the map has drawn (null: not known); the blind-spot list waits for it a while. */
  mapDrawnFor?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [areaPath, setAreaPath] = useState<Array<{ id: string; name: string }>>([]);
  const [cls, setCls] = useState<TargetClass | ''>('');
  const [design, setDesign] = useState<ClassRate[] | null>(null);
  // The date whose figures the panel shows (measurements wait for it after moving the slider):
  // set once both the design figures and the now panel have loaded that date.
  const [designFor, setDesignFor] = useState<string | null>(null);
  const [nowFor, setNowFor] = useState<string | null>(null);
  const figuresAsOf = designFor !== null && designFor === nowFor ? designFor : null;
  const [areas, setAreas] = useState<AreaRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const area = areaPath.at(-1)?.id;
  const day = asOf ?? 'today';
  // The ranked list of a date is cut for the whole city (seconds at M): it starts once the panel
  // has the date's figures and the map has drawn it, or after LIST_PATIENCE_MS whatever the map does.
  const [patienceOver, setPatienceOver] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setPatienceOver(day), LIST_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, [day]);
  const shownFor = figuresAsOf === day && (mapDrawnFor === day || patienceOver === day) ? day : null;
  // Another date's list also waits LIST_SETTLE_MS after that, in case the slider is still moving:
  // scrubbing through dates then cuts no list of a date it only passed (at M each held both cores
  // for seconds, so the next date's figures waited behind it).
  const [settledFor, setSettledFor] = useState<string | null>(null);
  useEffect(() => {
    if (shownFor === null || asOf === null) return;
    const timer = setTimeout(() => setSettledFor(shownFor), LIST_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [shownFor, asOf]);
  const listReady = error !== null || (shownFor !== null && (asOf === null || settledFor === day));

  useEffect(() => {
    const ctl = new AbortController();
    const base = { asOf: asOf ?? undefined, level: level ?? undefined, area };
    setError(null);
    // Coverage now is its own panel (coverage-now-panel.tsx): it follows status changes.
    get('/api/v1/coverage', { params: { query: base }, signal: ctl.signal })
      .then((d) => {
        setDesign(readRates(d, area));
        setDesignFor(asOf ?? 'today');
        setAreas(readAreas(d, area));
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => ctl.abort();
  }, [asOf, level, area]);

  const shown = (rates: ClassRate[] | null) => (rates ?? []).filter((r) => cls === '' || r.cls === cls);
  const klass = cls === '' ? undefined : cls;

  return (
    <section
      className="workspace"
      aria-labelledby="coverage-heading"
      data-testid="coverage-workspace"
      data-figures-as-of={figuresAsOf ?? ''}
    >
      <h2 id="coverage-heading">{t('coverage.heading')}</h2>
      <div className="filters">
        <label>
          {t('coverage.class')}
          <select value={cls} onChange={(e) => setCls(e.target.value as TargetClass | '')} data-testid="class-filter">
            <option value="">{t('coverage.allClasses')}</option>
            {CLASSES.map((c) => (
              <option key={c} value={c}>
                {t(`class.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('coverage.level')}
          <select value={level ?? ''} onChange={(e) => onLevel(e.target.value === '' ? null : e.target.value)}>
            <option value="">{t('coverage.defaultLevel')}</option>
            {['detect', 'observe', 'recognise', 'identify'].map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <nav className="breadcrumbs" aria-label={t('coverage.area')}>
        <button type="button" className="link" onClick={() => setAreaPath([])} disabled={areaPath.length === 0}>
          {t('coverage.allAreas')}
        </button>
        {areaPath.map((a, i) => (
          <span key={a.id}>
            {' '}
            ›{' '}
            <button type="button" className="link" onClick={() => setAreaPath(areaPath.slice(0, i + 1))}>
              {a.name}
            </button>
          </span>
        ))}
      </nav>
      {error !== null && (
        <p role="alert" className="error">
          {t('app.error', { message: error })}
        </p>
      )}
      <div className="two-col">
        <div>
          <h3>{t('coverage.design')}</h3>
          {shown(design).map((r) => (
            <RateBar key={r.cls} rate={r} testId={`rate-design-${r.cls}`} />
          ))}
        </div>
        <CoverageNowPanel asOf={asOf} level={level} area={area} cls={cls} stream={stream} onLoaded={setNowFor} />
      </div>
      {areas.length > 0 && (
        <table className="areas">
          <caption>{t('coverage.area')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('coverage.area')}</th>
              {CLASSES.filter((c) => cls === '' || c === cls).map((c) => (
                <th key={c} scope="col">
                  {t(`class.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.code}>
                <th scope="row">
                  <button
                    type="button"
                    className="link"
                    onClick={() => setAreaPath([...areaPath, { id: a.code, name: a.name }])}
                    aria-label={t('coverage.drillDown', { name: a.name })}
                  >
                    {a.name}
                  </button>
                </th>
                {CLASSES.filter((c) => cls === '' || c === cls).map((c) => {
                  const r = a.rates.find((x) => x.cls === c);
                  return <td key={c}>{r === undefined || r.rate === null ? '—' : `${formatNumber(lang, r.rate * 100, 1)}%`}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <BlindSpotList cls={cls} area={area} asOf={asOf} level={level} ready={listReady} onFly={onFly} />
      <h3>{t('coverage.exports')}</h3>
      <ul className="exports">
        <li>
          <a href={apiHref('/api/v1/exports/cameras.geojson', { query: { area, asOf: asOf ?? undefined } })} download>
            {t('coverage.exportCameras')}
          </a>
        </li>
        <li>
          <a href={apiHref('/api/v1/exports/cameras.csv', { query: { area, asOf: asOf ?? undefined } })} download>
            {t('coverage.exportCamerasCsv')}
          </a>
        </li>
        <li>
          <a href={apiHref('/api/v1/exports/blind-spots.geojson', { query: { area, class: klass } })} download>
            {t('coverage.exportBlindSpots')}
          </a>
        </li>
        <li>
          <a href={apiHref('/api/v1/exports/coverage-report.html', { query: { area } })} target="_blank" rel="noreferrer">
            {t('coverage.exportReport')}
          </a>
        </li>
      </ul>
    </section>
  );
}
