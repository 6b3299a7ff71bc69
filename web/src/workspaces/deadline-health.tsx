// 在线率, 完好率 and 联网率 beside 覆盖率 in the deadline view (issue 18: the plan's three figures,
// 覆盖 · 联网 · 完好, read together). At the deadline they come from the day's roll-up of the whole
// fleet (GET /status/rollups, the same record the command center and the report read); today from
// GET /status/summary; each against the fleet's threshold (status_thresholds, as the command center
// and the report judge it). A figure with no record is "—" with the reason, never 0 %.
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { formatPercent } from '../i18n';

export interface HealthFigures {
  online: number | null;
  working: number | null;
  networked: number | null;
  thresholds: { online: number; working: number; networked: number };
}

/** The fleet's row of a day's roll-up (areaCode null), or figures of nothing when there is none. */
export function healthFromRollup(rows: Schemas['StatusRollupRow'][] | undefined): HealthFigures | null {
  const fleet = rows?.find((r) => r.areaCode === null);
  if (fleet === undefined) return null;
  return {
    online: fleet.onlineRateTimeWeighted,
    working: fleet.workingRateTimeWeighted,
    networked: fleet.networkedRate,
    thresholds: { online: fleet.thresholds.online, working: fleet.thresholds.working, networked: fleet.thresholds.networked },
  };
}

export function DeadlineHealth({ figures, testId }: { figures: HealthFigures | null; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = [
    { key: 'online', label: t('command.onlineRate'), value: figures?.online ?? null, target: figures?.thresholds.online ?? null },
    { key: 'working', label: t('command.workingRate'), value: figures?.working ?? null, target: figures?.thresholds.working ?? null },
    {
      key: 'networked',
      label: t('command.networkedRate'),
      value: figures?.networked ?? null,
      target: figures?.thresholds.networked ?? null,
    },
  ];
  return (
    <table className="health-rates" data-testid={testId}>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid={`${testId}-${r.key}`} data-rate={r.value ?? ''}>
            <th scope="row">{r.label}</th>
            <td title={r.value === null ? t('deadline.noRecord') : undefined}>{r.value === null ? '—' : formatPercent(lang, r.value)}</td>
            <td>
              {r.target === null
                ? ''
                : r.value === null
                  ? t('deadline.noRecord')
                  : t(r.value >= r.target ? 'command.meetsThreshold' : 'command.belowThreshold', { value: formatPercent(lang, r.target) })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
