// A row of cells, one per hour (24 h) or per day (30 d), shaded by the share of the observed time
// the camera was online (time-weighted, as 在线率 is everywhere). A cell with no observed time —
// before monitoring began, or while no agent polled — is "no data" (hatched grey), never offline.
// Each cell has a title with its figure, so the strip reads without colour too.
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../i18n';

export interface AvailabilityCell {
  start: string;
  /** Online share of the observed time; null = nothing observed. */
  ratio: number | null;
}

export function AvailabilityStrip({ cells, label, lang }: { cells: AvailabilityCell[]; label: string; lang: string }) {
  const { t } = useTranslation();
  return (
    <figure className="availability" aria-label={label}>
      <figcaption>{label}</figcaption>
      <div className="strip" role="img" aria-label={label}>
        {cells.map((c) => {
          const r = c.ratio;
          if (r === null)
            return <span key={c.start} className="no-data" data-cell="no-data" title={`${c.start}: ${t('command.noData')}`} />;
          const [bg, kind] = r >= 0.99 ? ['#009e73', 'online'] : r >= 0.9 ? ['#e69f00', 'partly'] : ['#d55e00', 'offline'];
          return <span key={c.start} data-cell={kind} style={{ background: bg }} title={`${c.start}: ${formatPercent(lang, r)}`} />;
        })}
      </div>
    </figure>
  );
}
