// The one error surface: every refused or failed request, and any promise rejection nobody
// handled, becomes a notice the user sees (role="alert", dismissable, gone after a while). Code
// outside React reports with reportError(); <Notices/> shows them. No request fails silently.
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export interface Notice {
  id: number;
  /** The i18n key and values to show, or a plain message. */
  key: string;
  values: Record<string, string>;
}

const SHOW_MS = 10_000;
let notices: readonly Notice[] = [];
let seq = 0;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function dismiss(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

/**
 * Shows a failure: a refused request says so (403: the role may not), others give the API's
 * message. `what` names what failed: an i18n key (shown translated) or words already translated.
 */
export function reportError(e: unknown, what = ''): void {
  if (e instanceof DOMException && e.name === 'AbortError') return;
  const message = e instanceof Error ? e.message : String(e);
  const key =
    e instanceof ApiError && e.status === 403
      ? 'notice.forbidden'
      : e instanceof ApiError && e.status === 401
        ? 'notice.loggedOut'
        : 'notice.failed';
  notify(key, { message, what });
}

/** Shows a notice that is not a failed request (e.g. full screen refused): an i18n key and its values. */
export function notify(key: string, values: Record<string, string>): void {
  // The same notice twice in a row (a poll that keeps failing) is shown once.
  const same = (n: Notice) => n.key === key && Object.entries(values).every(([k, v]) => n.values[k] === v);
  if (notices.some(same)) return;
  const id = ++seq;
  notices = [...notices.slice(-4), { id, key, values }];
  emit();
  setTimeout(() => dismiss(id), SHOW_MS);
}

export function Notices() {
  const { t } = useTranslation();
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => notices,
  );
  useEffect(() => {
    // A rejection no code handled is still the user's business: show it rather than lose it.
    const onRejection = (ev: PromiseRejectionEvent) => {
      ev.preventDefault();
      reportError(ev.reason);
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, []);
  return (
    <div className="notices" data-testid="notices" role="alert" aria-live="assertive">
      {list.map((n) => (
        <p key={n.id} className="notice error" data-notice={n.key}>
          {t(n.key, { ...n.values, what: t(n.values.what ?? '', { defaultValue: n.values.what ?? '' }) })}
          <button type="button" className="link" onClick={() => dismiss(n.id)} aria-label={t('app.close')}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
