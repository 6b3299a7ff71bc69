// One class's coverage against the 100 % target: a bar, the figure, and covered/total.
import { useTranslation } from 'react-i18next';
import { formatInUnit, toLang } from '../../../vocabulary/glossary';
import { formatPercent } from '../i18n';
import type { ClassRate } from './coverage-data';

export function RateBar({ rate, testId }: { rate: ClassRate; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pct = rate.rate === null ? 0 : Math.max(0, Math.min(1, rate.rate));
  // The glossary's unit and precision, as the report prints them (roads km to 10 m, areas m²).
  const unitText = (v: number | null) => (v === null ? '—' : formatInUnit(toLang(lang), rate.unit, v));
  return (
    <div className="rate" data-testid={testId} data-rate={rate.rate ?? ''}>
      <div className="rate-head">
        <span>{t(`class.${rate.cls}`, { defaultValue: rate.cls })}</span>
        {/* Unknown (coverage now before status records began) is "—", never 0 %. */}
        <strong>{rate.rate === null ? '—' : formatPercent(lang, rate.rate)}</strong>
      </div>
      <div
        className="bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct * 1000) / 10}
        aria-valuetext={rate.rate === null ? t('coverage.noMonitoring') : undefined}
        aria-label={t(`class.${rate.cls}`, { defaultValue: rate.cls })}
      >
        <span style={{ width: `${pct * 100}%` }} />
        <i className="target" title={t('coverage.target')} />
      </div>
      <small>{t('coverage.covered', { covered: unitText(rate.covered), total: unitText(rate.total) })}</small>
    </div>
  );
}
