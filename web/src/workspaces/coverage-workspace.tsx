// Coverage workspace (engineers): rates per class against 100 %, design vs now (the now panel
// follows status changes), drill-down by county and town, ranked blind spots that fly the map,
// filters, and export links.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiHref, get, type Schemas } from '../api/client';
import { reportError } from '../app/notices';
import { formatNumber } from '../i18n';
import type { StatusStream } from '../app/use-status-stream';
import { CLASSES, readAreas, readRates, type AreaRow, type ClassRate } from './coverage-data';
import { CoverageNowPanel } from './coverage-now-panel';
import { RateBar } from './rate-bar';

export interface FlyTarget {
  center?: [number, number];
  bbox?: [number, number, number, number];
}

type BlindSpot = Schemas['BlindSpot'];
type TargetClass = Schemas['TargetClass'];

/** The list's label: the target's name, else its id. */
const spotName = (s: BlindSpot): string => s.targetName ?? `#${s.targetId}`;

export function CoverageWorkspace({
  asOf,
  level,
  onLevel,
  onFly,
  stream,
}: {
  asOf: string | null;
  level: string | null;
  onLevel: (l: string | null) => void;
  onFly: (t: FlyTarget) => void;
  stream: StatusStream;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [areaPath, setAreaPath] = useState<Array<{ id: string; name: string }>>([]);
  const [cls, setCls] = useState<TargetClass | ''>('');
  const [design, setDesign] = useState<ClassRate[] | null>(null);
  const [areas, setAreas] = useState<AreaRow[]>([]);
  const [spots, setSpots] = useState<BlindSpot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const area = areaPath.at(-1)?.id;

  useEffect(() => {
    const ctl = new AbortController();
    const base = { asOf: asOf ?? undefined, level: level ?? undefined, area };
    setError(null);
    // Coverage now is its own panel (coverage-now-panel.tsx): it follows status changes.
    get('/api/v1/coverage', { params: { query: base }, signal: ctl.signal })
      .then((d) => {
        setDesign(readRates(d, area));
        setAreas(readAreas(d, area));
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => ctl.abort();
  }, [asOf, level, area]);

  useEffect(() => {
    const ctl = new AbortController();
    const query = { class: cls === '' ? undefined : cls, area, asOf: asOf ?? undefined, level: level ?? undefined, limit: 20 };
    get('/api/v1/blind-spots', { params: { query }, signal: ctl.signal })
      .then((r) => setSpots(r.items))
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        setSpots([]);
        reportError(e, 'coverage.blindSpots');
      });
    return () => ctl.abort();
  }, [cls, area, asOf, level]);

  const shown = (rates: ClassRate[] | null) => (rates ?? []).filter((r) => cls === '' || r.cls === cls);
  const klass = cls === '' ? undefined : cls;

  return (
    <section className="workspace" aria-labelledby="coverage-heading" data-testid="coverage-workspace">
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
        <CoverageNowPanel asOf={asOf} level={level} area={area} cls={cls} stream={stream} />
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
                  return <td key={c}>{r === undefined ? '—' : `${formatNumber(lang, r.rate * 100, 1)}%`}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('coverage.blindSpots')}</h3>
      {spots !== null && spots.length === 0 && <p>{t('coverage.noBlindSpots')}</p>}
      <ol className="blind-spots" data-testid="blind-spot-list">
        {(spots ?? []).map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="link"
              onClick={() => onFly({ center: [s.lon, s.lat] })}
              aria-label={t('coverage.flyTo', { name: spotName(s) })}
            >
              {spotName(s)}
            </button>
            <span className="muted">
              {' '}
              · {t(`class.${s.class}`)}
              {s.reason !== null && <> · {t(`reason.${s.reason}`)}</>}
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
          </li>
        ))}
      </ol>
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
