// The planner's suggestion (issue 14, "the planner's journey"): N cameras or a budget, the target
// classes, the area and design vs now go to POST /suggest; while it runs the form is busy (the
// elapsed time against the time limit is its progress) and Cancel aborts the request, which the
// server sees as a closed connection and stops. The answer lists the ranked sites with model,
// cost and the engine's confirmed gain in the panel's units, the rates before/after as the coverage
// panel will show them, and the search's certified gap in words.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post, type Schemas } from '../api/client';
import { formatNumber, formatPercent } from '../i18n';
import { CLASSES } from '../workspaces/coverage-data';

type Cls = Schemas['TargetClass'];

export type SuggestedSite = Schemas['SuggestedSite'];
export type SuggestAnswer = Schemas['SuggestResult'];
export type SuggestRequest = Schemas['SuggestRequest'];

/** A gain in the unit a planner reads: intersections, road metres (km from 1 km), m². */
export function GainText({ cls, covered, lang }: { cls: string; covered: number; lang: string }) {
  const { t } = useTranslation();
  if (cls === 'intersection') return <>{t('planning.gainIntersections', { value: formatNumber(lang, covered) })}</>;
  if (cls === 'road')
    return (
      <>
        {covered >= 1000
          ? t('planning.gainRoadKm', { value: formatNumber(lang, covered / 1000, 2) })
          : t('planning.gainRoadM', { value: formatNumber(lang, covered) })}
      </>
    );
  return <>{t('planning.gainArea', { cls: t(`class.${cls}`), value: formatNumber(lang, covered) })}</>;
}

// The solver's time limit (the answer's certified gap says how close it came to the best). A
// quick answer by default (on the demo county the greedy answer and its Lagrangian bound are
// within about 1 % of each other, 20 sites for all classes, and a longer exact search adds
// little); the planner may ask for more.
export const SUGGEST_TIME_LIMITS_SEC = [3, 10, 30] as const;

export function SuggestPanel({
  areas,
  lang,
  onAnswer,
}: {
  areas: Array<{ code: string; name: string; level?: string }>;
  lang: string;
  onAnswer: (a: SuggestAnswer) => void;
}) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'count' | 'budget'>('count');
  const [count, setCount] = useState(5);
  const [budget, setBudget] = useState(100000);
  const [classes, setClasses] = useState<Cls[]>(['intersection']);
  const [area, setArea] = useState('');
  const [now, setNow] = useState(false);
  const [limitSec, setLimitSec] = useState<number>(SUGGEST_TIME_LIMITS_SEC[0]);
  const [running, setRunning] = useState<{ ctl: AbortController; startedMs: number } | null>(null);
  const [elapsedSec, setElapsedSec] = useState(0);
  const [answer, setAnswer] = useState<SuggestAnswer | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    // Set here too: React's strict mode unmounts and mounts again once in development.
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (running === null) return;
    const timer = setInterval(() => setElapsedSec((performance.now() - running.startedMs) / 1000), 200);
    return () => clearInterval(timer);
  }, [running]);

  const run = async () => {
    const ctl = new AbortController();
    setRunning({ ctl, startedMs: performance.now() });
    setElapsedSec(0);
    setNote(null);
    setAnswer(null);
    const body: SuggestRequest = {
      ...(by === 'count' ? { cameras: count } : { budget }),
      classes,
      now,
      ...(area === '' ? {} : { areaCode: area }),
      timeLimitSec: limitSec,
    };
    try {
      const a = await post('/api/v1/suggest', { body, signal: ctl.signal });
      if (!mounted.current) return;
      setAnswer(a);
      onAnswer(a);
    } catch (e) {
      if (!mounted.current) return;
      setNote(ctl.signal.aborted ? t('planning.suggestCancelled') : e instanceof Error ? e.message : String(e));
    } finally {
      if (mounted.current) setRunning(null);
    }
  };

  const busy = running !== null;
  return (
    <section aria-labelledby="suggest-heading" data-testid="suggest-panel">
      <h3 id="suggest-heading">{t('planning.suggest')}</h3>
      <form
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void run();
        }}
      >
        <fieldset disabled={busy} className="fields">
          <label>
            <input type="radio" name="suggest-by" checked={by === 'count'} onChange={() => setBy('count')} /> {t('planning.byCount')}
          </label>
          <input
            type="number"
            min={1}
            max={50}
            value={count}
            aria-label={t('planning.byCount')}
            data-testid="suggest-count"
            disabled={by !== 'count'}
            onChange={(e) => setCount(Math.max(1, Math.min(50, Math.round(Number(e.target.value) || 1))))}
          />
          <label>
            <input type="radio" name="suggest-by" checked={by === 'budget'} onChange={() => setBy('budget')} /> {t('planning.byBudget')}
          </label>
          <input
            type="number"
            min={1}
            step={1000}
            value={budget}
            aria-label={t('planning.byBudget')}
            data-testid="suggest-budget"
            disabled={by !== 'budget'}
            onChange={(e) => setBudget(Math.max(1, Number(e.target.value) || 1))}
          />
          <div role="group" aria-label={t('planning.targetClasses')}>
            {CLASSES.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  checked={classes.includes(c)}
                  data-testid={`suggest-class-${c}`}
                  onChange={(e) => setClasses((cs) => (e.target.checked ? [...cs, c] : cs.filter((x) => x !== c)))}
                />{' '}
                {t(`class.${c}`)}
              </label>
            ))}
          </div>
          <label>
            {t('planning.area')}{' '}
            <select value={area} onChange={(e) => setArea(e.target.value)} data-testid="suggest-area">
              <option value="">{t('planning.wholeDataset')}</option>
              {areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="radio" name="suggest-mode" checked={!now} onChange={() => setNow(false)} /> {t('planning.design')}
          </label>
          <label>
            <input type="radio" name="suggest-mode" checked={now} onChange={() => setNow(true)} data-testid="suggest-now" />{' '}
            {t('planning.now')}
          </label>
          <label title={t('planning.searchTimeHint')}>
            {t('planning.searchTime')}{' '}
            <select value={limitSec} onChange={(e) => setLimitSec(Number(e.target.value))} data-testid="suggest-time-limit">
              {SUGGEST_TIME_LIMITS_SEC.map((s) => (
                <option key={s} value={s}>
                  {t('planning.searchTimeOption', { sec: s })}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <div className="row">
          <button type="submit" disabled={busy || classes.length === 0} data-testid="suggest-run">
            {t('planning.suggest')}
          </button>
          {busy && (
            <button type="button" onClick={() => running.ctl.abort()} data-testid="suggest-cancel">
              {t('planning.cancel')}
            </button>
          )}
        </div>
        {busy && (
          <p role="status" data-testid="suggest-progress">
            <progress max={limitSec + 5} value={Math.min(elapsedSec, limitSec + 5)} />{' '}
            {t('planning.searching', { elapsed: formatNumber(lang, elapsedSec, 0), limit: limitSec })}
          </p>
        )}
      </form>
      {note !== null && (
        <p role="status" data-testid="suggest-note">
          {note}
        </p>
      )}
      {answer !== null && <SuggestAnswerView answer={answer} lang={lang} />}
    </section>
  );
}

function SuggestAnswerView({ answer, lang }: { answer: SuggestAnswer; lang: string }) {
  const { t } = useTranslation();
  const gapText = answer.optimal
    ? t('planning.gapOptimal')
    : t('planning.gapWithin', { value: formatPercent(lang, Math.max(0, answer.gap), answer.gap < 0.001 ? 2 : 1) });
  return (
    <div data-testid="suggest-answer">
      <p data-testid="suggest-gap" data-gap={answer.gap}>
        {gapText}
      </p>
      {answer.sites.length === 0 && <p>{t('planning.noSites')}</p>}
      <ol className="sites" data-testid="suggest-sites">
        {answer.sites.map((s) => (
          <li key={s.siteKey} data-testid="suggest-site">
            <strong>{s.modelName}</strong> · {formatNumber(lang, s.unitCost)} · {t('planning.heightShort', { value: s.heightM })}
            <ul>
              {CLASSES.filter((c) => (s.confirmedGain[c]?.covered ?? 0) > 0).map((c) => (
                <li key={c}>
                  <GainText cls={c} covered={s.confirmedGain[c]!.covered} lang={lang} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <table className="areas" data-testid="suggest-rates">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('planning.before')}</th>
            <th scope="col">{t('planning.after')}</th>
          </tr>
        </thead>
        <tbody>
          {answer.rates.map((r) => (
            <tr key={r.className} data-class={r.className} data-before={r.before} data-after={r.after}>
              <th scope="row">{t(`class.${r.className}`)}</th>
              <td>{formatPercent(lang, r.before)}</td>
              <td>{formatPercent(lang, r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('planning.totalCost', { value: formatNumber(lang, answer.totalCost) })}</p>
    </div>
  );
}
