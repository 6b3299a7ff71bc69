// "Who sees this point": GET /coverage/point?lon=&lat= lists the cameras whose footprint holds
// the clicked point, with the pixel density there.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../api/client';
import { formatNumber } from '../i18n';

interface Seer {
  deviceId: string;
  name?: string;
  ppm?: number;
  level?: string;
}

export function PointInfo({
  lngLat,
  asOf,
  onClose,
  onCamera,
}: {
  lngLat: [number, number];
  asOf: string | null;
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
    api<{ cameras?: Seer[] } | Seer[]>(`/coverage/point${qs({ lon: lngLat[0].toFixed(6), lat: lngLat[1].toFixed(6), asOf })}`, {
      signal: ctl.signal,
    })
      .then((r) => setSeers(Array.isArray(r) ? r : (r.cameras ?? [])))
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => ctl.abort();
  }, [lngLat, asOf]);
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
                {s.name || s.deviceId}
              </button>
              {s.ppm !== undefined && <> · {t('point.density', { value: formatNumber(i18n.language, s.ppm, 1) })}</>}
              {s.level !== undefined && <> · {t('point.level', { level: t(`level.${s.level}`, { defaultValue: s.level }) })}</>}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
