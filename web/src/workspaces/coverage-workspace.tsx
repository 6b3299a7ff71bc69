// Coverage workspace (engineers): rates per class against 100 %, design vs now, drill-down by
// county and town, ranked blind spots that fly the map, filters, and export links.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../api/client';
import { reportError } from '../app/notices';
import { formatNumber } from '../i18n';
import { CLASSES, readAreas, readRates, type AreaRow, type ClassRate } from './coverage-data';
import { RateBar } from './rate-bar';

export interface FlyTarget {
  center?: [number, number];
  bbox?: [number, number, number, number];
}

interface BlindSpot {
  id: string;
  cls: string;
  reason: string;
  name: string;
  measure: number | null;
  target: FlyTarget;
}

type Dict = Record<string, unknown>;

function readBlindSpots(resp: unknown): BlindSpot[] {
  const r = resp as Dict | Dict[] | null;
  const items = (Array.isArray(r) ? r : ((r?.items ?? r?.features ?? r?.blindSpots ?? []) as Dict[])) as Dict[];
  return items.map((i, n) => {
    const p = ((i.properties as Dict | undefined) ?? i) as Dict;
    const bbox = (p.bbox ?? i.bbox) as [number, number, number, number] | undefined;
    const center = typeof p.lon === 'number' && typeof p.lat === 'number' ? ([p.lon, p.lat] as [number, number]) : undefined;
    return {
      id: String(p.id ?? i.id ?? n),
      cls: String(p.class ?? ''),
      // Lists of another date (asOf) only know no_camera; the others come back as null.
      reason: p.reason === null || p.reason === undefined ? '' : String(p.reason),
      name: String(p.name ?? p.targetName ?? p.target_name ?? `#${p.targetId ?? p.target_id ?? n + 1}`),
      measure: typeof p.measure === 'number' ? p.measure : null,
      target: { bbox, center },
    };
  });
}

export function CoverageWorkspace({
  asOf,
  level,
  onLevel,
  onFly,
}: {
  asOf: string | null;
  level: string | null;
  onLevel: (l: string | null) => void;
  onFly: (t: FlyTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [areaPath, setAreaPath] = useState<Array<{ id: string; name: string }>>([]);
  const [cls, setCls] = useState<string>('');
  const [design, setDesign] = useState<ClassRate[] | null>(null);
  const [now, setNow] = useState<ClassRate[] | null>(null);
  const [areas, setAreas] = useState<AreaRow[]>([]);
  const [spots, setSpots] = useState<BlindSpot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const area = areaPath.at(-1)?.id;

  useEffect(() => {
    const ctl = new AbortController();
    const base = { asOf, level, area };
    setError(null);
    Promise.all([
      api<unknown>(`/coverage${qs({ ...base })}`, { signal: ctl.signal }),
      api<unknown>(`/coverage${qs({ ...base, now: 1 })}`, { signal: ctl.signal }),
    ])
      .then(([d, n]) => {
        setDesign(readRates(d, area));
        setNow(readRates(n, area));
        setAreas(readAreas(d, area));
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => ctl.abort();
  }, [asOf, level, area]);

  useEffect(() => {
    const ctl = new AbortController();
    api<unknown>(`/blind-spots${qs({ class: cls || undefined, area, asOf, level, limit: 20 })}`, { signal: ctl.signal })
      .then((r) => setSpots(readBlindSpots(r)))
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        setSpots([]);
        reportError(e, 'coverage.blindSpots');
      });
    return () => ctl.abort();
  }, [cls, area, asOf, level]);

  const shown = (rates: ClassRate[] | null) => (rates ?? []).filter((r) => cls === '' || r.cls === cls);
  const exportQs = qs({ area, class: cls || undefined, asOf });

  return (
    <section className="workspace" aria-labelledby="coverage-heading" data-testid="coverage-workspace">
      <h2 id="coverage-heading">{t('coverage.heading')}</h2>
      <div className="filters">
        <label>
          {t('coverage.class')}
          <select value={cls} onChange={(e) => setCls(e.target.value)} data-testid="class-filter">
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
                {l}
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
        <div>
          <h3>{t('coverage.now')}</h3>
          {shown(now).map((r) => (
            <RateBar key={r.cls} rate={r} testId={`rate-now-${r.cls}`} />
          ))}
        </div>
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
              <tr key={a.id}>
                <th scope="row">
                  <button
                    type="button"
                    className="link"
                    onClick={() => setAreaPath([...areaPath, { id: a.code ?? a.id, name: a.name }])}
                    aria-label={t('coverage.drillDown', { name: a.name })}
                  >
                    {a.name}
                  </button>
                </th>
                {CLASSES.filter((c) => cls === '' || c === cls).map((c) => {
                  const r = a.rates.find((x) => x.cls === c);
                  return <td key={c}>{r?.rate === null || r === undefined ? '—' : `${formatNumber(lang, r.rate * 100, 1)}%`}</td>;
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
            <button type="button" className="link" onClick={() => onFly(s.target)} aria-label={t('coverage.flyTo', { name: s.name })}>
              {s.name}
            </button>
            <span className="muted">
              {' '}
              · {t(`class.${s.cls}`, { defaultValue: s.cls })}
              {s.reason !== '' && <> · {t(`reason.${s.reason}`, { defaultValue: s.reason })}</>}
              {s.measure !== null && (
                <>
                  {' '}
                  ·{' '}
                  {s.cls === 'road'
                    ? t('unit.km', { value: formatNumber(lang, s.measure / 1000, 2) })
                    : s.cls === 'intersection'
                      ? ''
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
          <a href={`/api/v1/exports/cameras.geojson${exportQs}`} download>
            {t('coverage.exportCameras')}
          </a>
        </li>
        <li>
          <a href={`/api/v1/exports/cameras.csv${exportQs}`} download>
            {t('coverage.exportCamerasCsv')}
          </a>
        </li>
        <li>
          <a href={`/api/v1/exports/blind-spots.geojson${exportQs}`} download>
            {t('coverage.exportBlindSpots')}
          </a>
        </li>
        <li>
          <a href={`/api/v1/exports/coverage-report.html${exportQs}`} target="_blank" rel="noreferrer">
            {t('coverage.exportReport')}
          </a>
        </li>
      </ul>
    </section>
  );
}
