// "无监测记录": coverage now of a date before the first camera status record is unknown (the API
// sends null rates and statusFrom), and says so instead of showing 0 %.
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { formatDate } from '../i18n';

/** The report's statusFrom, and whether its now figures are unknown (every rate null). */
export function nowUnknown(report: Schemas['CoverageReport']): { unknown: boolean; statusFrom: string | null } {
  const rates = report.areas.flatMap((a) => Object.values(a.classes).map((c) => c?.rate));
  return { unknown: rates.length > 0 && rates.every((x) => x === null), statusFrom: report.statusFrom };
}

export function NoMonitoring({ statusFrom, testId }: { statusFrom: string | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="muted" role="note" data-testid={testId ?? 'now-unknown'}>
      <strong>{t('coverage.noMonitoring')}</strong>
      {' · '}
      {statusFrom === null ? t('coverage.noMonitoringYet') : t('coverage.monitoringFrom', { date: formatDate(i18n.language, statusFrom) })}
    </p>
  );
}
