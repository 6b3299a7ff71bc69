// The figures: cameras by state for the fleet, 在线率/完好率 now over the cameras observed with the
// never-polled ones as their own count (and a sentence saying why they are in no rate), 联网率
// (GB/T 28181: unknown, never 0 %, while no device has registered), and per county the same
// now-figures beside today's and this month's rates, each judged against the county's own
// threshold (▼ and words when below, so colour is never the only cue).
// The fleet row is the sum of the county rows (one definition: api status-by-county.sql).
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../i18n';
import { STATE_COLOURS, STATE_GROUPS, cssColour, stateGroup, type StateGroup } from '../../map/state-style';
import type { CountyRow, HealthNow, Summary, Thresholds } from './command-data';

/** 95 % rather than 95.0 %, but 97.5 % stays exact. */
const percentDigits = (ratio: number): number => (Math.abs(ratio * 100 - Math.round(ratio * 100)) < 1e-9 ? 0 : 1);
export const thresholdText = (lang: string, ratio: number): string => formatPercent(lang, ratio, percentDigits(ratio));

function groupCounts(h: HealthNow): Record<StateGroup, number> {
  const out = Object.fromEntries(STATE_GROUPS.map((g) => [g, 0])) as Record<StateGroup, number>;
  for (const [state, count] of Object.entries(h.byState)) out[stateGroup(state)] += count;
  return out;
}

function RateCell({ value, threshold, lang, kind }: { value: number | null; threshold: number | null; lang: string; kind: string }) {
  const { t } = useTranslation();
  const below = value !== null && threshold !== null && value < threshold;
  const th = threshold === null ? '—' : thresholdText(lang, threshold);
  const verdict =
    value === null || threshold === null
      ? ''
      : below
        ? t('command.belowThreshold', { value: th })
        : t('command.meetsThreshold', { value: th });
  return (
    <td
      className={below ? 'below' : ''}
      data-testid="rate-cell"
      data-kind={kind}
      data-rate={value ?? ''}
      data-below={below ? 'true' : 'false'}
      data-threshold={threshold ?? ''}
      title={verdict || t('command.noData')}
    >
      {value === null ? (
        <>
          <span title={t('command.noData')} aria-hidden="true">
            —
          </span>
          <span className="sr-only">{t('command.noData')}</span>
        </>
      ) : (
        formatPercent(lang, value)
      )}
      {value !== null && threshold !== null && <span aria-hidden="true">{below ? ' ▼' : ' ✓'}</span>}
      {verdict !== '' && <span className="sr-only"> {verdict}</span>}
      <br />
      <span className="muted small" aria-hidden="true" data-testid="rate-threshold">
        ≥ {th}
      </span>
    </td>
  );
}

function ThresholdSource({ code, th }: { code: string | null; th: Thresholds }) {
  const { t } = useTranslation();
  const label = (from: string) =>
    from === code
      ? t('command.thresholdOwn')
      : from === 'default'
        ? t('command.thresholdDefault')
        : t('command.thresholdInherited', { from });
  const text =
    th.onlineFrom === th.workingFrom && th.onlineFrom === th.networkedFrom
      ? label(th.onlineFrom)
      : `${t('command.onlineRate')} ${label(th.onlineFrom)} · ${t('command.workingRate')} ${label(th.workingFrom)} · ${t('command.networkedRate')} ${label(th.networkedFrom)}`;
  return (
    <span
      className="muted small block"
      data-testid="threshold-source"
      data-online-from={th.onlineFrom}
      data-working-from={th.workingFrom}
      data-networked-from={th.networkedFrom}
    >
      {t('command.thresholdsFrom', { source: text })}
    </span>
  );
}

/** 联网率 now: "无数据" with why while no GB/T 28181 device has registered (unknown is not 0 %). */
function NetworkedFigure({ value, threshold }: { value: number | null; threshold: number }) {
  const { t, i18n } = useTranslation();
  const below = value !== null && value < threshold;
  return (
    <strong
      data-testid="fleet-networked-rate"
      data-rate={value ?? ''}
      data-below={below ? 'true' : 'false'}
      className={below ? 'below' : ''}
    >
      {value === null ? t('command.networkedUnknown') : formatPercent(i18n.language, value)}
      {below && (
        <>
          <span aria-hidden="true"> ▼</span>
          <span className="sr-only"> {t('command.belowThreshold', { value: thresholdText(i18n.language, threshold) })}</span>
        </>
      )}
    </strong>
  );
}

export function FleetFigures({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const counts = groupCounts(summary);
  const rate = (v: number | null) => (v === null ? '—' : formatPercent(lang, v));
  return (
    <>
      <ul className="state-counts" data-testid="state-counts">
        {STATE_GROUPS.map((g) => (
          <li key={g} style={{ borderColor: cssColour(STATE_COLOURS[g]) }} data-state={g}>
            <span>{t(`state.${g}`)}</span> <strong>{formatNumber(lang, counts[g])}</strong>
          </li>
        ))}
      </ul>
      <p data-testid="fleet-rates" className="fleet-rates">
        {t('command.onlineRate')} <strong data-testid="fleet-online-rate">{rate(summary.onlineRate)}</strong>
        {' · '}
        {t('command.workingRate')} <strong>{rate(summary.workingRate)}</strong>
        {' · '}
        {t('command.networkedRate')} <NetworkedFigure value={summary.networkedRate} threshold={summary.thresholds.networked} />
        {' · '}
        <span className="muted" data-testid="fleet-thresholds">
          {t('command.fleetThresholds', {
            online: thresholdText(lang, summary.thresholds.online),
            working: thresholdText(lang, summary.thresholds.working),
            networked: thresholdText(lang, summary.thresholds.networked),
          })}
        </span>
      </p>
      <p className="muted" data-testid="fleet-basis" data-observed={summary.observed} data-unknown={summary.unknown}>
        {t('command.basis', { observed: formatNumber(lang, summary.observed), total: formatNumber(lang, summary.total) })}
        {summary.unknown > 0 && (
          <>
            {' '}
            <strong data-testid="fleet-unknown">{t('command.neverPolled', { n: formatNumber(lang, summary.unknown) })}</strong>{' '}
            {t('command.neverPolledWhy')}
          </>
        )}
      </p>
    </>
  );
}

export function CountyTable({ rows }: { rows: CountyRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (rows.length === 0) return null;
  return (
    <table className="areas" data-testid="area-rates">
      <thead>
        <tr>
          <th scope="col">{t('command.county')}</th>
          <th scope="col">{t('command.camerasNow')}</th>
          <th scope="col">
            {t('command.onlineRate')} {t('command.now')}
          </th>
          <th scope="col">
            {t('command.onlineRate')} {t('command.today')}
          </th>
          <th scope="col">
            {t('command.onlineRate')} {t('command.month')}
          </th>
          <th scope="col">
            {t('command.workingRate')} {t('command.today')}
          </th>
          <th scope="col">
            {t('command.workingRate')} {t('command.month')}
          </th>
          <th scope="col">
            {t('command.networkedRate')} {t('command.now')}
          </th>
          <th scope="col">
            {t('command.networkedRate')} {t('command.month')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code ?? 'none'} data-area-code={r.code ?? ''} data-observed={r.now.observed} data-unknown={r.now.unknown}>
            <th scope="row">
              {r.name ?? t('command.noCounty')}
              <ThresholdSource code={r.code} th={r.thresholds} />
            </th>
            <td data-testid="county-cameras">
              {formatNumber(lang, r.now.observed)}
              {r.now.unknown > 0 && (
                <span className="muted small block" data-testid="county-unknown">
                  {t('command.neverPolled', { n: formatNumber(lang, r.now.unknown) })}
                </span>
              )}
            </td>
            <RateCell lang={lang} value={r.now.onlineRate} threshold={r.thresholds.online} kind="online-now" />
            <RateCell lang={lang} value={r.today?.onlineRateTimeWeighted ?? null} threshold={r.thresholds.online} kind="online-today" />
            <RateCell lang={lang} value={r.month?.onlineRateTimeWeighted ?? null} threshold={r.thresholds.online} kind="online-month" />
            <RateCell lang={lang} value={r.today?.workingRateTimeWeighted ?? null} threshold={r.thresholds.working} kind="working-today" />
            <RateCell lang={lang} value={r.month?.workingRateTimeWeighted ?? null} threshold={r.thresholds.working} kind="working-month" />
            <RateCell lang={lang} value={r.now.networkedRate} threshold={r.thresholds.networked} kind="networked-now" />
            <RateCell lang={lang} value={r.month?.networkedRate ?? null} threshold={r.thresholds.networked} kind="networked-month" />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Wall mode: one large tile per county (read from 5 m), or only the county being shown when rotating. */
export function WallTiles({ rows }: { rows: CountyRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rate = (v: number | null) => (v === null ? '—' : formatPercent(lang, v));
  return (
    <ul className="wall-tiles" data-testid="wall-tiles">
      {rows.map((r) => {
        const below = r.now.onlineRate !== null && r.now.onlineRate < r.thresholds.online;
        const offline = groupCounts(r.now).OFFLINE;
        const netBelow = r.now.networkedRate !== null && r.now.networkedRate < r.thresholds.networked;
        return (
          <li key={r.code ?? 'none'} className={below ? 'below' : ''} data-area-code={r.code ?? ''}>
            <span className="wall-name">{r.name ?? t('command.noCounty')}</span>
            <span className="wall-figure" data-testid="wall-figure">
              {rate(r.now.onlineRate)}
              {below && <span aria-hidden="true"> ▼</span>}
            </span>
            <span className="wall-sub">
              {t('command.onlineRate')} · {t('state.OFFLINE')} {formatNumber(lang, offline)}
            </span>
            <span className={netBelow ? 'wall-sub wall-networked below' : 'wall-sub wall-networked'} data-testid="wall-networked">
              {t('command.networkedRate')} {r.now.networkedRate === null ? t('command.noData') : formatPercent(lang, r.now.networkedRate)}
              {netBelow && <span aria-hidden="true"> ▼</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
