// "当前覆盖" (coverage now: working cameras only). It follows status changes: after each change
// the agent announces, the server re-evaluates coverage now and sends a `coverage` event (`reset`
// when events were missed); the panel then reloads. It says when its figures were computed (the
// API's computedAt, shown in the browser's local time), so a stale figure can be told apart.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import { reportError } from '../app/notices';
import type { StatusStream } from '../app/use-status-stream';
import { formatDateTime } from '../i18n';
import { readRates, type ClassRate } from './coverage-data';
import { NoMonitoring, nowUnknown } from './now-unknown';
import { RateBar } from './rate-bar';

// Events that announce new coverage-now figures (or that some were missed).
const RELOAD_ON = new Set(['coverage', 'reset']);
// A burst of refreshes (a storm of status changes) costs one reload per this window.
const COALESCE_MS = 300;

export function CoverageNowPanel({
  asOf,
  level,
  area,
  cls,
  stream,
  onLoaded,
}: {
  asOf: string | null;
  level: string | null;
  area: string | undefined;
  cls: string;
  stream: StatusStream;
  /** Called with the date (asOf, or 'today') whose figures have just been shown. */
  onLoaded?: (asOf: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [rates, setRates] = useState<ClassRate[] | null>(null);
  const [computedAt, setComputedAt] = useState<string | null>(null);
  // Coverage now before status records began is unknown (null rates): said, not shown as 0 %.
  const [unknown, setUnknown] = useState<{ unknown: boolean; statusFrom: string | null }>({ unknown: false, statusFrom: null });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    // A past date's figures do not change with today's status.
    if (asOf !== null) return;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = stream.subscribe((_e, event) => {
      if (!RELOAD_ON.has(event) || pending !== null) return;
      pending = setTimeout(() => {
        pending = null;
        setVersion((v) => v + 1);
      }, COALESCE_MS);
    });
    return () => {
      off();
      // Re-subscribing (the stream object is new at each render of the shell) must not lose a
      // reload that was waiting: do it now.
      if (pending !== null) {
        clearTimeout(pending);
        setVersion((v) => v + 1);
      }
    };
  }, [stream, asOf]);

  useEffect(() => {
    const ctl = new AbortController();
    const query = { asOf: asOf ?? undefined, level: level ?? undefined, area, now: '1' as const };
    get('/api/v1/coverage', { params: { query }, signal: ctl.signal })
      .then((n) => {
        setRates(readRates(n, area));
        setComputedAt(n.computedAt);
        setUnknown(nowUnknown(n));
        onLoaded?.(asOf ?? 'today');
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) reportError(e, 'coverage.now');
      });
    return () => ctl.abort();
  }, [asOf, level, area, version, onLoaded]);

  return (
    <div data-testid="coverage-now">
      <h3>
        {t('coverage.now')}
        {asOf === null && (
          <span className={stream.connected ? 'live' : 'live off'} role="status">
            {stream.connected ? t('command.live') : t('command.disconnected')}
          </span>
        )}
      </h3>
      {unknown.unknown && <NoMonitoring statusFrom={unknown.statusFrom} />}
      {rates !== null && !unknown.unknown && (
        <p className="muted" data-testid="coverage-now-computed" data-computed-at={computedAt ?? ''}>
          {computedAt === null ? t('coverage.notComputed') : t('coverage.computedAt', { time: formatDateTime(i18n.language, computedAt) })}
        </p>
      )}
      {(rates ?? [])
        .filter((r) => cls === '' || r.cls === cls)
        .map((r) => (
          <RateBar key={r.cls} rate={r} testId={`rate-now-${r.cls}`} />
        ))}
    </div>
  );
}
