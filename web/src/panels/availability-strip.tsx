// A row of cells, one per hour (24 h) or per day (30 d), shaded by the share of time the camera
// was online. Each cell has a title with its figure, so the strip reads without colour too.
import { formatPercent } from '../i18n';

export interface AvailabilityCell {
  start: string;
  ratio: number | null;
}

export function AvailabilityStrip({ cells, label, lang }: { cells: AvailabilityCell[]; label: string; lang: string }) {
  return (
    <figure className="availability" aria-label={label}>
      <figcaption>{label}</figcaption>
      <div className="strip" role="img" aria-label={label}>
        {cells.map((c) => {
          const r = c.ratio;
          const bg = r === null ? 'var(--muted)' : r >= 0.99 ? '#009e73' : r >= 0.9 ? '#e69f00' : '#d55e00';
          return <span key={c.start} style={{ background: bg }} title={`${c.start}: ${r === null ? '—' : formatPercent(lang, r)}`} />;
        })}
      </div>
    </figure>
  );
}
