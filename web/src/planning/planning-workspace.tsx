// Planning workspace: add proposed cameras by clicking, edit them with fields (the map has move
// and rotate handles), see the coverage gain live (local estimate) and the server's check after
// each release, save/compare plans, export the plan as a camera schedule, and ask the siting
// API for suggestions.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiHref, get, post, put, type Schemas } from '../api/client';
import { reportError } from '../app/notices';
import { formatNumber, formatPercent } from '../i18n';
import { readRates, type ClassRate } from '../workspaces/coverage-data';
import type { PlanEditor } from './use-plan-editor';
import { newProposedCamera, scheduleCsv, type ProposedCamera } from './proposed-camera';

type Evaluation = Schemas['PlanEvaluation'];
type Compared = Schemas['PlanComparison']['plans'][number];

function toApiCameras(cams: ProposedCamera[]): Schemas['PlanCameraInput'][] {
  return cams.map((c, i) => ({
    name: `P${i + 1}`,
    type: 'fixed',
    lon: c.lngLat[0],
    lat: c.lngLat[1],
    heightM: c.heightM,
    azimuthDeg: c.azimuthDeg,
    tiltDeg: c.tiltDeg,
    hfovDeg: c.hfovDeg,
    resolutionH: c.resolutionH,
    resolutionV: c.resolutionV,
  }));
}

/** The server's evaluation (POST /plans/{id}/evaluate): rates per class before → after. */
function EvaluationTable({ ev, lang, testId }: { ev: Evaluation | null; lang: string; testId?: string }) {
  const { t } = useTranslation();
  if (ev === null) return null;
  return (
    <table className="areas" data-testid={testId} data-newly-covered={ev.newlyCoveredUnits}>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{t('planning.before')}</th>
          <th scope="col">{t('planning.after')}</th>
        </tr>
      </thead>
      <tbody>
        {ev.classes.map((c) => (
          <tr key={c.className}>
            <th scope="row">{t(`class.${c.className}`)}</th>
            <td>{formatPercent(lang, c.rateBefore)}</td>
            <td>
              {formatPercent(lang, c.rateAfter)} (+{formatNumber(lang, c.coveredAfter - c.coveredBefore)})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function unitShare(r: ClassRate, gainByClass: Record<string, number>): number | null {
  if (r.total <= 0) return null;
  return Math.min(1, (r.covered + (gainByClass[r.cls] ?? 0)) / r.total);
}

export function PlanningWorkspace({
  editor,
  asOf,
  onFly,
}: {
  editor: PlanEditor;
  asOf: string | null;
  onFly: (lngLat: [number, number]) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [planId, setPlanId] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [server, setServer] = useState<{ pending: boolean; result: Evaluation | null; error: string | null }>({
    pending: false,
    result: null,
    error: null,
  });
  const [plans, setPlans] = useState<Schemas['PlanSummary'][]>([]);
  const [compare, setCompare] = useState<Compared[]>([]);
  const [rates, setRates] = useState<ClassRate[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const sel = editor.cameras.find((c) => c.id === editor.selectedId) ?? null;

  useEffect(() => {
    get('/api/v1/coverage', { params: { query: { asOf: asOf ?? undefined } } })
      .then((r) => setRates(readRates(r)))
      .catch((e: unknown) => {
        setRates([]);
        reportError(e, 'planning.heading');
      });
  }, [asOf]);

  const loadPlans = () => {
    get('/api/v1/plans')
      .then((r) => setPlans(r.plans))
      .catch((e: unknown) => {
        setPlans([]);
        reportError(e, 'planning.heading');
      });
  };
  useEffect(loadPlans, []);

  // Server check after each release/edit (not while dragging), debounced.
  useEffect(() => {
    if (editor.committedVersion === 0 || editor.dragging) return;
    const ctl = new AbortController();
    const timer = setTimeout(async () => {
      setServer((s) => ({ ...s, pending: true, error: null }));
      try {
        const body = { name: name || t('planning.draft'), cameras: toApiCameras(editor.cameras) };
        let id = planId;
        if (id === null) {
          id = (await post('/api/v1/plans', { body, signal: ctl.signal })).id;
          setPlanId(id);
        } else await put('/api/v1/plans/{id}', { params: { path: { id } }, body, signal: ctl.signal });
        const result = await post('/api/v1/plans/{id}/evaluate', { params: { path: { id } }, body: {}, signal: ctl.signal });
        setServer({ pending: false, result, error: null });
      } catch (e) {
        if (!ctl.signal.aborted) setServer({ pending: false, result: null, error: e instanceof Error ? e.message : String(e) });
      }
    }, 400);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [editor.committedVersion, editor.dragging]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async () => {
    const body = { name: name || t('planning.name'), cameras: toApiCameras(editor.cameras) };
    try {
      if (planId === null) setPlanId((await post('/api/v1/plans', { body })).id);
      else await put('/api/v1/plans/{id}', { params: { path: { id: planId } }, body });
      loadPlans();
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };

  const runCompare = async (ids: string[]) => {
    if (ids.length === 0) return;
    try {
      const r = await get('/api/v1/plans/compare', { params: { query: { ids: ids.join(',') } } });
      setCompare(r.plans);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };

  const exportPlan = () => {
    // A saved plan exports from the server (its schedule.csv); an unsaved one from the browser.
    if (planId !== null) {
      window.location.assign(apiHref('/api/v1/plans/{id}/schedule.csv', { path: { id: planId } }));
      return;
    }
    const blob = new Blob([scheduleCsv(editor.cameras)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${name || 'plan'}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const suggest = async () => {
    setNote(null);
    try {
      const r = await post('/api/v1/suggest', { body: { cameras: 5, timeLimitSec: 10 } });
      const sites = r.sites.map((s) => {
        const cam = newProposedCamera([s.lon, s.lat]);
        if (s.azimuthDeg !== null) cam.azimuthDeg = Math.round(s.azimuthDeg);
        cam.hfovDeg = s.hfovDeg;
        cam.heightM = s.heightM;
        cam.resolutionH = s.resolutionH;
        cam.resolutionV = s.resolutionV;
        return cam;
      });
      if (sites.length > 0) onFly(sites[0]!.lngLat);
      editor.replaceAll([...editor.cameras, ...sites]);
    } catch (e) {
      setNote(e instanceof ApiError && e.status === 404 ? t('planning.suggestUnavailable') : e instanceof Error ? e.message : String(e));
    }
  };

  const field = (key: keyof ProposedCamera, label: string, min: number, max: number, step = 1) =>
    sel && (
      <label>
        {label}
        <input
          type="number"
          min={min}
          max={max}
          step={step}
          value={sel[key] as number}
          data-testid={`plan-${key}`}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v)) editor.update(sel.id, { [key]: Math.max(min, Math.min(max, v)) });
          }}
        />
      </label>
    );

  const g = editor.gain;
  return (
    <section className="workspace" aria-labelledby="planning-heading" data-testid="planning-workspace">
      <h2 id="planning-heading">{t('planning.heading')}</h2>
      <p className="muted">{t('planning.dragHint')}</p>
      <div className="row">
        <button type="button" aria-pressed={editor.addMode} onClick={() => editor.setAddMode(!editor.addMode)} data-testid="plan-add">
          {editor.addMode ? t('planning.adding') : t('planning.add')}
        </button>
        <button type="button" onClick={() => void suggest()}>
          {t('planning.suggest')}
        </button>
      </div>
      <ol className="proposed">
        {editor.cameras.map((c, i) => (
          <li key={c.id}>
            <button type="button" className="link" aria-current={c.id === editor.selectedId} onClick={() => editor.select(c.id)}>
              {t('planning.proposed', { n: i + 1 })}
            </button>
            <button type="button" onClick={() => editor.remove(c.id)}>
              {t('planning.remove')}
            </button>
          </li>
        ))}
      </ol>
      {sel && (
        <fieldset className="fields">
          <legend>{t('planning.proposed', { n: editor.cameras.indexOf(sel) + 1 })}</legend>
          {field('heightM', t('planning.height'), 1, 60, 0.5)}
          {field('azimuthDeg', t('planning.azimuth'), 0, 359)}
          {field('tiltDeg', t('planning.tilt'), 0, 89)}
          {field('hfovDeg', t('planning.hfov'), 5, 180)}
          {field('resolutionH', t('planning.resolution'), 320, 7680, 10)}
        </fieldset>
      )}
      <h3>
        {t('planning.gain')} <small className="muted">({t('planning.local')})</small>
      </h3>
      <ul
        className="gain"
        data-testid="plan-gain"
        data-targets={g.targets}
        data-road-km={g.roadKm.toFixed(4)}
        data-area-m2={Math.round(g.areaM2)}
      >
        <li>{t('planning.gainTargets', { value: formatNumber(lang, g.targets) })}</li>
        <li>{t('planning.gainKm', { value: formatNumber(lang, g.roadKm, 2) })}</li>
        <li>{t('planning.gainM2', { value: formatNumber(lang, g.areaM2) })}</li>
      </ul>
      {rates.length > 0 && (
        <table className="areas">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{t('planning.before')}</th>
              <th scope="col">{t('planning.after')}</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((r) => {
              const after = unitShare(r, g.byClass);
              return (
                <tr key={r.cls}>
                  <th scope="row">{t(`class.${r.cls}`)}</th>
                  <td>{formatPercent(lang, r.rate)}</td>
                  <td>{after === null ? '—' : formatPercent(lang, after)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>{t('planning.server')}</h3>
      {server.pending && <p>{t('planning.serverPending')}</p>}
      {server.error !== null && <p className="muted">{t('app.error', { message: server.error })}</p>}
      <EvaluationTable ev={server.result} lang={lang} testId="plan-server" />
      <div className="row">
        <label>
          {t('planning.name')} <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" onClick={() => void save()} disabled={editor.cameras.length === 0}>
          {t('planning.save')}
        </button>
        <button type="button" onClick={exportPlan} disabled={editor.cameras.length === 0}>
          {t('planning.export')}
        </button>
      </div>
      {note !== null && <p role="status">{note}</p>}
      {plans.length > 0 && (
        <>
          <h3>{t('planning.plans')}</h3>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const ids = [...new FormData(e.currentTarget).getAll('plan')].map(String);
              void runCompare(ids);
            }}
          >
            {plans.map((p) => (
              <label key={p.id} className="check">
                <input type="checkbox" name="plan" value={p.id} /> {p.name}
              </label>
            ))}
            <button type="submit">{t('planning.compare')}</button>
          </form>
          {compare.length > 0 && (
            <div className="compare">
              {compare.map((c) => (
                <div key={c.planId}>
                  <h4>{c.name}</h4>
                  <EvaluationTable ev={c} lang={lang} />
                </div>
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
