// The camera card's last snapshot "if permitted": asks the API for the picture's facts first
// (403 = the role lacks view_snapshots, 404 = the agent stored none yet), then shows the JPEG
// with its age and the agent's verdict when the picture was judged black or frozen. Loading
// the image is what the API audits as a view, so it is loaded once per card, not polled.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiHref, get, type Schemas } from '../api/client';
import { formatDateTime, locale } from '../i18n';

type SnapshotMeta = Schemas['CameraSnapshotMeta'];

type View = { kind: 'loading' } | { kind: 'shown'; meta: SnapshotMeta } | { kind: 'none' | 'forbidden' | 'failed' };

/** "2 minutes ago" in the page's language, from the largest fitting unit. */
export function relativeAge(lang: string, iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

// Drawn, not emoji: the offline fonts have no emoji glyphs.
const ICON = { width: 20, height: 20, viewBox: '0 0 20 20', 'aria-hidden': true, style: { marginRight: 6, flex: 'none' } } as const;
function LockIcon() {
  return (
    <svg {...ICON}>
      <rect x="4" y="9" width="12" height="9" rx="1.5" fill="currentColor" />
      <path d="M6.5 9V6.5a3.5 3.5 0 0 1 7 0V9" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
function NoPictureIcon() {
  return (
    <svg {...ICON}>
      <rect x="2.5" y="4.5" width="15" height="11" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M3 16L17 4" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

export function CameraSnapshot({ deviceId }: { deviceId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [, setTick] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setView({ kind: 'loading' });
    get('/api/v1/cameras/{deviceId}/snapshot/meta', { params: { path: { deviceId } }, signal: ctl.signal })
      .then((meta) => setView({ kind: 'shown', meta }))
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        const status = e instanceof ApiError ? e.status : 0;
        setView({ kind: status === 403 ? 'forbidden' : status === 404 ? 'none' : 'failed' });
      });
    return () => ctl.abort();
  }, [deviceId]);

  // Keep "n minutes ago" true while the card stays open.
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);

  if (view.kind === 'loading') return null;
  if (view.kind !== 'shown') {
    const text =
      view.kind === 'forbidden' ? t('card.snapshotForbidden') : view.kind === 'none' ? t('card.snapshotNone') : t('card.snapshotFailed');
    return (
      <figure className="snapshot-box" data-testid="snapshot-placeholder" data-reason={view.kind} style={{ margin: '8px 0 0' }}>
        <div
          role="img"
          aria-label={text}
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            aspectRatio: '16 / 9',
            border: '1px dashed var(--border)',
            borderRadius: 4,
            color: 'var(--muted)',
            padding: 8,
            textAlign: 'center',
          }}
        >
          {view.kind === 'forbidden' ? <LockIcon /> : <NoPictureIcon />}
          {text}
        </div>
      </figure>
    );
  }
  const { meta } = view;
  // `t` only makes a new picture a new URL (the route ignores it; the response is never cached).
  const src = `${apiHref('/api/v1/cameras/{deviceId}/snapshot', { path: { deviceId } })}?t=${encodeURIComponent(meta.takenAt)}`;
  const flagged =
    meta.verdict === 'black-picture' ? t('card.snapshotBlack') : meta.verdict === 'frozen-picture' ? t('card.snapshotFrozen') : null;
  return (
    <figure className="snapshot-box" data-testid="camera-snapshot" data-verdict={meta.verdict} style={{ margin: '8px 0 0' }}>
      <img
        className="snapshot"
        data-testid="snapshot-image"
        src={src}
        width={meta.width}
        height={meta.height}
        style={{ width: '100%', height: 'auto' }}
        alt={t('card.snapshotAlt', { time: formatDateTime(lang, meta.takenAt) })}
        onError={() => setView({ kind: 'failed' })}
      />
      <figcaption>
        <span data-testid="snapshot-age" title={formatDateTime(lang, meta.takenAt)}>
          {t('card.snapshotAgo', { ago: relativeAge(lang, meta.takenAt) })}
        </span>
        {flagged !== null && (
          <p role="note" data-testid="snapshot-verdict" style={{ margin: '4px 0 0' }}>
            <span aria-hidden="true">⚠ </span>
            {flagged}
          </p>
        )}
        <p className="muted" style={{ margin: '4px 0 0', fontSize: 12 }}>
          {t('card.snapshotAudited')}
        </p>
      </figcaption>
    </figure>
  );
}
