// The camera card: identity, optics, install date, health state with since/why, availability
// strips and the last snapshot if the user's role may see it (camera-snapshot.tsx). Reads
// GET /cameras/{deviceId} and /cameras/{deviceId}/availability.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Schemas } from '../api/client';
import { formatDate, formatDateTime } from '../i18n';
import { AvailabilityStrip, type AvailabilityCell } from './availability-strip';
import { CameraSnapshot } from './camera-snapshot';
import { reportError } from '../app/notices';
import { reasonWords } from '../../../vocabulary/health-reasons';
import { isResourceClass, RESOURCE_CLASS_LABELS } from '../../../vocabulary/resource-classes';

type Availability = Schemas['CameraAvailability'];

/** Hours: the online share of the observed time (null when the agent did not observe it). */
function hourCells(hours: Availability['last24h']): AvailabilityCell[] {
  return hours.map((h) => ({ start: h.start, ratio: h.observedSeconds > 0 ? h.onlineSeconds / h.observedSeconds : null }));
}

/** Days: 在线率 weighted by observed time, the share of polls when no time was observed. */
function dayCells(days: Availability['last30d']): AvailabilityCell[] {
  return days.map((d) => ({ start: d.day, ratio: d.onlineRateTimeWeighted ?? d.onlineRateSampled }));
}

type Inventory = Schemas['CameraInventory'];

/** Manufacturer, model, firmware and serial as one path (ONVIF or GB/T 28181) reported them. */
function InventoryRow({ inv }: { inv: Inventory }) {
  const { t } = useTranslation();
  const dash = (s: string | null) => (s === null || s === '' ? '—' : s);
  return (
    <>
      <dt>{t(inv.source === 'gb28181' ? 'card.inventoryGb28181' : 'card.inventoryOnvif')}</dt>
      <dd data-testid={`card-inventory-${inv.source}`}>
        {t('card.inventoryLine', {
          manufacturer: dash(inv.manufacturer),
          model: dash(inv.model),
          firmware: dash(inv.firmware),
          serial: dash(inv.serial),
        })}
      </dd>
    </>
  );
}

export function CameraCard({ deviceId, asOf, onClose }: { deviceId: string; asOf: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [cam, setCam] = useState<Schemas['CameraCard'] | null>(null);
  const [strips, setStrips] = useState<Availability | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setCam(null);
    setStrips(null);
    setError(null);
    const params = { path: { deviceId } };
    Promise.all([
      get('/api/v1/cameras/{deviceId}', { params, signal: ctl.signal }),
      // The agent's strips; the card still shows without them, and says why.
      get('/api/v1/cameras/{deviceId}/availability', { params, signal: ctl.signal }).catch((e: unknown) => {
        if (!ctl.signal.aborted) reportError(e, 'card.availability24h');
        return null;
      }),
    ])
      .then(([c, avail]) => {
        setCam(c);
        setStrips(avail);
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => ctl.abort();
  }, [deviceId, asOf, t]);

  const state = cam?.status.state ?? 'UNKNOWN';
  const since = cam?.status.since ?? null;
  const reason = cam?.status.reason ?? '';
  // 一类/二类/三类 (who built it) and the owner; "—" for what the registry does not record.
  const resourceClass = cam?.resourceClass;
  const owner = cam?.ownerUnit ?? undefined;
  const classLabel = isResourceClass(resourceClass) ? RESOURCE_CLASS_LABELS[resourceClass][lang.startsWith('zh') ? 'zh' : 'en'] : '—';

  return (
    <aside className="card" role="dialog" aria-labelledby="camera-card-title" data-testid="camera-card">
      <header>
        <h2 id="camera-card-title">
          {t('card.title')} {cam?.name ?? ''}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('app.close')}>
          ×
        </button>
      </header>
      {error !== null && (
        <p role="alert" className="error">
          {t('app.error', { message: error })}
        </p>
      )}
      {cam === null && error === null && <p>{t('app.loading')}</p>}
      {cam !== null && (
        <dl>
          <dt>{t('card.deviceId')}</dt>
          <dd data-testid="card-device-id">{deviceId}</dd>
          <dt>{t('card.type')}</dt>
          <dd data-testid="card-type">{t(`cameraType.${cam.type}`, { defaultValue: cam.type })}</dd>
          <dt>{t('card.optics')}</dt>
          <dd>
            <span>{t('card.height', { value: cam.heightM })} </span>
            {cam.azimuthDeg !== null && <span>{t('card.azimuth', { value: cam.azimuthDeg })} </span>}
            {cam.hfovDeg !== null && <span>{t('card.hfov', { value: cam.hfovDeg })} </span>}
            {cam.resolutionH !== null && cam.resolutionV !== null && (
              <span>{t('card.resolution', { h: cam.resolutionH, v: cam.resolutionV })}</span>
            )}
          </dd>
          <dt>{t('card.resource')}</dt>
          <dd data-testid="card-resource">
            {classLabel} · {owner ?? '—'}
          </dd>
          <dt>{t('card.installed')}</dt>
          <dd>{cam.installDate === null ? '—' : formatDate(lang, cam.installDate)}</dd>
          <dt>{t('card.state')}</dt>
          <dd data-testid="card-state">
            {t(`state.${state}`, { defaultValue: state })}
            {since !== null && <> · {t('card.since', { date: formatDateTime(lang, since) })}</>}
          </dd>
          {/* "ok" only repeats the state 正常; the other reasons say why a camera is not OK. */}
          {reason !== '' && reason !== 'ok' && (
            <>
              <dt>{t('card.reason')}</dt>
              <dd data-testid="card-reason" data-reason={reason}>
                {reasonWords(reason, lang).label}
                {reasonWords(reason, lang).check !== null && state !== 'OK' && (
                  <span className="muted block">{t('alarms.check', { what: reasonWords(reason, lang).check })}</span>
                )}
              </dd>
            </>
          )}
          {cam.inventory.map((inv) => (
            <InventoryRow key={inv.source} inv={inv} />
          ))}
        </dl>
      )}
      {cam !== null && (
        <>
          <AvailabilityStrip lang={lang} label={t('card.availability24h')} cells={strips === null ? [] : hourCells(strips.last24h)} />
          <AvailabilityStrip lang={lang} label={t('card.availability30d')} cells={strips === null ? [] : dayCells(strips.last30d)} />
          <h3 style={{ fontSize: 13, margin: '8px 0 0' }}>{t('card.snapshot')}</h3>
          <CameraSnapshot deviceId={deviceId} />
        </>
      )}
    </aside>
  );
}
