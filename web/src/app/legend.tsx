// Legend: camera states with the same shape and colour as on the map, and blind-spot reasons.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { paintStateIcon } from '../map/icon-atlas';
import { BLIND_SPOT_REASONS, REASON_COLOURS, STATE_GROUPS, cssColour, type StateGroup } from '../map/state-style';

function StateIcon({ state }: { state: StateGroup }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) paintStateIcon(ctx, state, 9, 9, 7);
  }, [state]);
  return <canvas ref={ref} width={18} height={18} aria-hidden="true" />;
}

export function Legend() {
  const { t } = useTranslation();
  return (
    <section className="legend" aria-label={t('legend.title')}>
      <h3>{t('legend.cameras')}</h3>
      <ul>
        {STATE_GROUPS.map((s) => (
          <li key={s}>
            <StateIcon state={s} /> {t(`state.${s}`)}
          </li>
        ))}
      </ul>
      <h3>{t('legend.blindSpots')}</h3>
      <ul>
        {BLIND_SPOT_REASONS.map((r) => (
          <li key={r}>
            <span className="swatch" style={{ background: cssColour(REASON_COLOURS[r]) }} aria-hidden="true" /> {t(`reason.${r}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
