// The "as of" timeline: first install to today, with the 2020-12-31 deadline marked. Moving it
// changes the tiles' asOf and every figure's date. Keyboard: arrows move a day, PageUp/Down a
// month (the native range input), and two buttons jump to the deadline and to today.
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n';

export const DEADLINE = '2020-12-31';
const DAY_MS = 86_400_000;

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function TimeSlider({
  firstInstall,
  asOf,
  onChange,
}: {
  firstInstall: string;
  asOf: string | null;
  onChange: (asOf: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const today = isoDay(Date.now());
  const min = dayNumber(firstInstall);
  const max = dayNumber(today);
  const value = asOf === null ? max : dayNumber(asOf);
  const deadlinePct = ((dayNumber(DEADLINE) - min) / Math.max(1, max - min)) * 100;
  const shown = asOf ?? today;
  return (
    <div className="time-slider">
      <label htmlFor="as-of">
        {t('time.asOf')}: <strong data-testid="as-of-date">{formatDate(i18n.language, shown)}</strong>
      </label>
      <div className="slider-track">
        <input
          id="as-of"
          type="range"
          min={min}
          max={max}
          step={1}
          value={value}
          aria-valuetext={t('time.slider', { date: formatDate(i18n.language, shown) })}
          onChange={(e) => {
            const d = Number(e.target.value);
            onChange(d >= max ? null : isoDay(d * DAY_MS));
          }}
        />
        {deadlinePct >= 0 && deadlinePct <= 100 && (
          <span className="deadline-mark" style={{ left: `${deadlinePct}%` }} title={t('time.deadline')} aria-hidden="true" />
        )}
      </div>
      <button type="button" onClick={() => onChange(DEADLINE)} data-testid="jump-deadline">
        {t('time.deadline')}
      </button>
      <button type="button" onClick={() => onChange(null)}>
        {t('time.today')}
      </button>
    </div>
  );
}
