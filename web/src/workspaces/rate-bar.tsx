// One class's coverage against the 100 % target: a bar, the figure, and covered/total.
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../i18n';
import type { ClassRate } from './coverage-data';

export function RateBar({ rate, testId }: { rate: ClassRate; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pct = Math.max(0, Math.min(1, rate.rate));
  const fmt = (v: number) => (rate.unit === 'count' ? formatNumber(lang, v) : formatNumber(lang, v, rate.unit === 'km' ? 1 : 0));
  const unitText = (v: number) => (rate.unit === 'count' ? fmt(v) : t(rate.unit === 'km' ? 'unit.km' : 'unit.m2', { value: fmt(v) }));
  return (
    <div className="rate" data-testid={testId} data-rate={rate.rate}>
      <div className="rate-head">
        <span>{t(`class.${rate.cls}`, { defaultValue: rate.cls })}</span>
        <strong>{formatPercent(lang, rate.rate)}</strong>
      </div>
      <div
        className="bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct * 1000) / 10}
        aria-label={t(`class.${rate.cls}`, { defaultValue: rate.cls })}
      >
        <span style={{ width: `${pct * 100}%` }} />
        <i className="target" title={t('coverage.target')} />
      </div>
      <small>{t('coverage.covered', { covered: unitText(rate.covered), total: unitText(rate.total) })}</small>
    </div>
  );
}
