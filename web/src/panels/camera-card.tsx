// The camera card: identity, optics, install date, health state with since/why, availability
// strips and the last snapshot if the user's role may see it (camera-snapshot.tsx). Reads
// GET /cameras/{deviceId} and /cameras/{deviceId}/availability.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { formatDate, formatDateTime } from '../i18n';
import { AvailabilityStrip, type AvailabilityCell } from './availability-strip';
import { CameraSnapshot } from './camera-snapshot';
import { reportError } from '../app/notices';
import { reasonWords } from '../../../vocabulary/health-reasons';

type Dict = Record<string, unknown>;

function pick(o: Dict | undefined, ...keys: string[]): unknown {
  if (o === undefined) return undefined;
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

/** Hours: the online share of the observed time (null when the agent did not observe it). */
function hourCells(v: unknown): AvailabilityCell[] {
  if (!Array.isArray(v)) return [];
  return (v as Dict[]).map((h) => {
    const observed = Number(h.observedSeconds ?? 0);
    return { start: String(h.start), ratio: observed > 0 ? Number(h.onlineSeconds ?? 0) / observed : null };
  });
}

function dayCells(v: unknown): AvailabilityCell[] {
  if (!Array.isArray(v)) return [];
  return (v as Dict[]).map((d) => {
    const r = d.onlineRateTimeWeighted ?? d.onlineRateSampled;
    return { start: String(d.day), ratio: typeof r === 'number' ? r : null };
  });
}

interface Inventory {
  source: string;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
}

function inventoryOf(cam: Dict): Inventory[] {
  const v = cam.inventory;
  return Array.isArray(v) ? (v as Inventory[]) : [];
}

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
  const [cam, setCam] = useState<Dict | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setCam(null);
    setError(null);
    const id = encodeURIComponent(deviceId);
    Promise.all([
      api<Dict>(`/cameras/${id}`, { signal: ctl.signal }),
      // The agent's strips (status engine); the card still shows without them, and says why.
      api<Dict>(`/cameras/${id}/availability`, { signal: ctl.signal }).catch((e: unknown) => {
        if (!ctl.signal.aborted) reportError(e, t('card.availability24h'));
        return null;
      }),
    ])
      .then(([c, avail]) => setCam({ ...c, ...(avail === null ? {} : { strips: avail }) }))
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => ctl.abort();
  }, [deviceId, asOf, t]);

  const status = (pick(cam ?? undefined, 'status') as Dict | undefined) ?? cam ?? undefined;
  const state = String(pick(status, 'state') ?? 'UNKNOWN');
  const since = pick(status, 'since', 'stateSince') as string | undefined;
  const reason = pick(status, 'reason', 'stateReason') as string | undefined;
  const strips = (pick(cam ?? undefined, 'strips') as Dict | undefined) ?? {};
  const optics = (pick(cam ?? undefined, 'optics') as Dict | undefined) ?? cam ?? {};
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const installed = pick(cam ?? undefined, 'installDate', 'install_date') as string | undefined;
  const height = num(pick(optics, 'heightM', 'height_m'));
  const azimuth = num(pick(optics, 'azimuthDeg', 'azimuth_deg'));
  const hfov = num(pick(optics, 'hfovDeg', 'hfov_deg'));
  const resH = num(pick(optics, 'resolutionH', 'resolution_h'));
  const resV = num(pick(optics, 'resolutionV', 'resolution_v'));

  return (
    <aside className="card" role="dialog" aria-labelledby="camera-card-title" data-testid="camera-card">
      <header>
        <h2 id="camera-card-title">
          {t('card.title')} {String(pick(cam ?? undefined, 'name') ?? '')}
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
          <dd>{String(pick(cam, 'type') ?? '—')}</dd>
          <dt>{t('card.optics')}</dt>
          <dd>
            {height !== undefined && <span>{t('card.height', { value: height })} </span>}
            {azimuth !== undefined && <span>{t('card.azimuth', { value: azimuth })} </span>}
            {hfov !== undefined && <span>{t('card.hfov', { value: hfov })} </span>}
            {resH !== undefined && resV !== undefined && <span>{t('card.resolution', { h: resH, v: resV })}</span>}
          </dd>
          <dt>{t('card.installed')}</dt>
          <dd>{installed ? formatDate(lang, installed) : '—'}</dd>
          <dt>{t('card.state')}</dt>
          <dd data-testid="card-state">
            {t(`state.${state}`, { defaultValue: state })}
            {since !== undefined && <> · {t('card.since', { date: formatDateTime(lang, since) })}</>}
          </dd>
          {reason && (
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
          {inventoryOf(cam).map((inv) => (
            <InventoryRow key={inv.source} inv={inv} />
          ))}
        </dl>
      )}
      {cam !== null && (
        <>
          <AvailabilityStrip lang={lang} label={t('card.availability24h')} cells={hourCells(strips.last24h)} />
          <AvailabilityStrip lang={lang} label={t('card.availability30d')} cells={dayCells(strips.last30d)} />
          <h3 style={{ fontSize: 13, margin: '8px 0 0' }}>{t('card.snapshot')}</h3>
          <CameraSnapshot deviceId={deviceId} />
        </>
      )}
    </aside>
  );
}
