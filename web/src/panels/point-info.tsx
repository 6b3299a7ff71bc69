// "Who sees this point": GET /coverage/point?lon=&lat= lists the cameras near the clicked point,
// each with whether it sees it (status) and the pixel density there; the panel lists those that
// see it. The point query is about today's cameras (it takes no date).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Schemas } from '../api/client';
import { formatNumber } from '../i18n';

type Seer = Schemas['CoveragePointCamera'];

export function PointInfo({
  lngLat,
  onClose,
  onCamera,
}: {
  lngLat: [number, number];
  onClose: () => void;
  onCamera: (deviceId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [seers, setSeers] = useState<Seer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setSeers(null);
    setError(null);
    get('/api/v1/coverage/point', {
      params: { query: { lon: Number(lngLat[0].toFixed(6)), lat: Number(lngLat[1].toFixed(6)) } },
      signal: ctl.signal,
    })
      .then((r) => setSeers(r.cameras.filter((c) => c.status === 'seen')))
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => ctl.abort();
  }, [lngLat]);
  return (
    <aside className="card" role="dialog" aria-labelledby="point-title" data-testid="point-info">
      <header>
        <h2 id="point-title">{t('point.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('app.close')}>
          ×
        </button>
      </header>
      <p className="muted">
        {lngLat[0].toFixed(5)}, {lngLat[1].toFixed(5)}
      </p>
      {error !== null && (
        <p role="alert" className="error">
          {t('app.error', { message: error })}
        </p>
      )}
      {seers !== null && seers.length === 0 && <p>{t('point.none')}</p>}
      {seers !== null && seers.length > 0 && (
        <ul>
          {seers.map((s) => (
            <li key={s.deviceId}>
              <button type="button" className="link" onClick={() => onCamera(s.deviceId)}>
                {s.deviceId}
              </button>
              <> · {t('point.density', { value: formatNumber(i18n.language, s.ppm, 1) })}</>
              {s.level !== null && <> · {t('point.level', { level: t(`level.${s.level}`, { defaultValue: s.level }) })}</>}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
