// Legend: camera states with the same shape and colour as on the map, each saying how it counts
// in 在线率/完好率 (the health vocabulary's groups), and blind-spot reasons.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_STATES } from '../../../vocabulary/camera-health';
import { paintStateIcon } from '../map/icon-atlas';
import { BLIND_SPOT_REASONS, GROUP_FACTS, REASON_COLOURS, STATE_GROUPS, cssColour, stateGroup, type StateGroup } from '../map/state-style';

function StateIcon({ state }: { state: StateGroup }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) paintStateIcon(ctx, state, 9, 9, 7);
  }, [state]);
  return <canvas ref={ref} width={18} height={18} aria-hidden="true" />;
}

/** How a group counts: in both rates, in 在线率 only, in neither, or in no rate at all (no data). */
function countsAs(g: StateGroup): 'working' | 'online' | 'offline' | 'noData' {
  const f = GROUP_FACTS[g];
  return !f.observed ? 'noData' : f.working ? 'working' : f.online ? 'online' : 'offline';
}

export function Legend() {
  const { t } = useTranslation();
  return (
    <section className="legend" aria-label={t('legend.title')}>
      <h3>{t('legend.cameras')}</h3>
      <ul>
        {STATE_GROUPS.map((g) => {
          const members = STATUS_STATES.filter((s) => stateGroup(s) === g);
          return (
            <li key={g} data-state-group={g} data-counts-as={countsAs(g)}>
              <StateIcon state={g} />
              <span title={members.length > 1 ? members.map((s) => t(`state.${s}`)).join(' / ') : undefined}>{t(`state.${g}`)}</span>
              <span className="legend-note">{t(`legend.countsAs.${countsAs(g)}`)}</span>
            </li>
          );
        })}
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
