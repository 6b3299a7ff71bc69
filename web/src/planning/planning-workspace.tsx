// Planning workspace: add proposed cameras by clicking, edit them with fields (the map has move
// and rotate handles), see the coverage gain live (an estimate in the browser, from the engine's
// "before") and the engine's figures after each release (they replace the estimate), ask for
// suggestions (suggest-panel.tsx), save / save as, open, delete and compare plans
// (plans-panel.tsx), and export the plan as a camera schedule.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiHref, get, post, put, type Schemas } from '../api/client';
import { reportError } from '../app/notices';
import { formatNumber, formatPercent } from '../i18n';
import { readRates, type ClassRate } from '../workspaces/coverage-data';
import type { PlanEditor } from './use-plan-editor';
import { mayEdit, PlansPanel, type PlanSummary } from './plans-panel';
import { newProposedCamera, scheduleCsv, toPlanCamera, type ProposedCamera } from './proposed-camera';
import { GainText, SuggestPanel, type SuggestAnswer } from './suggest-panel';

type Evaluation = Schemas['PlanEvaluation'];

/** The engine's evaluation (POST /plans/{id}/evaluate): rates per class before → after, and the gain in the panel's units. */
function EvaluationTable({ ev, lang, testId }: { ev: Evaluation | null; lang: string; testId?: string }) {
  const { t } = useTranslation();
  if (ev === null) return null;
  return (
    <table className="areas" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{t('planning.before')}</th>
          <th scope="col">{t('planning.after')}</th>
          <th scope="col">{t('planning.gain')}</th>
        </tr>
      </thead>
      <tbody>
        {ev.classes.map((c) => (
          <tr key={c.className} data-class={c.className} data-before={c.rateBefore} data-after={c.rateAfter} data-gain={c.gain}>
            <th scope="row">{t(`class.${c.className}`)}</th>
            <td>{formatPercent(lang, c.rateBefore)}</td>
            <td>{formatPercent(lang, c.rateAfter)}</td>
            <td>
              <GainText cls={c.className} covered={c.gain} lang={lang} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function unitShare(r: ClassRate, gainByClass: Record<string, number>): number | null {
  if (r.total <= 0 || r.covered === null) return null;
  return Math.min(1, (r.covered + (gainByClass[r.cls] ?? 0)) / r.total);
}

/** What a stored plan camera and a suggested site both carry: every parameter the editor keeps. */
type CameraParams = Pick<
  Schemas['PlanCamera'],
  | 'lon'
  | 'lat'
  | 'type'
  | 'heightM'
  | 'azimuthDeg'
  | 'tiltDeg'
  | 'hfovDeg'
  | 'vfovDeg'
  | 'resolutionH'
  | 'resolutionV'
  | 'ptzPresets'
  | 'modelId'
  | 'modelName'
  | 'unitCost'
  | 'siteKey'
>;

/**
 * A stored plan camera or a suggested site as a proposed camera in the editor, keeping what was
 * chosen (PTZ headings, tilt, model), so the plan evaluates to what it promised.
 */
function toProposed(c: CameraParams): ProposedCamera {
  const cam = newProposedCamera([c.lon, c.lat]);
  cam.heightM = c.heightM;
  cam.azimuthDeg = c.azimuthDeg ?? c.ptzPresets[0]?.azimuthDeg ?? 0;
  cam.tiltDeg = c.tiltDeg ?? cam.tiltDeg;
  cam.hfovDeg = c.hfovDeg;
  cam.resolutionH = c.resolutionH;
  cam.resolutionV = c.resolutionV;
  cam.engine = {
    type: c.type,
    azimuthDeg: c.azimuthDeg,
    tiltDeg: c.tiltDeg,
    vfovDeg: c.vfovDeg,
    ptzPresets: c.ptzPresets,
    modelId: c.modelId,
    modelName: c.modelName,
    unitCost: c.unitCost,
    siteKey: c.siteKey,
  };
  return cam;
}

export function PlanningWorkspace({
  editor,
  asOf,
  onFly,
  user,
}: {
  editor: PlanEditor;
  asOf: string | null;
  onFly: (lngLat: [number, number]) => void;
  user: { username: string; role: string };
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canWrite = user.role === 'planner' || user.role === 'admin';
  // The plan being edited; `mine`: this user may overwrite it (else a change is saved as a new plan).
  const [plan, setPlan] = useState<{ id: number; mine: boolean } | null>(null);
  const [name, setName] = useState('');
  // The figures' scope: the suggestion's mode and area, else design over the whole dataset.
  const [scope, setScope] = useState<{ mode: 'design' | 'now'; area: string | null }>({ mode: 'design', area: null });
  const [server, setServer] = useState<{ pending: boolean; result: Evaluation | null; version: number; error: string | null }>({
    pending: false,
    result: null,
    version: -1,
    error: null,
  });
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [coverage, setCoverage] = useState<Schemas['CoverageReport'] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const sel = editor.cameras.find((c) => c.id === editor.selectedId) ?? null;

  useEffect(() => {
    get('/api/v1/coverage', { params: { query: { asOf: asOf ?? undefined, now: scope.mode === 'now' ? '1' : undefined } } })
      .then(setCoverage)
      .catch((e: unknown) => {
        setCoverage(null);
        reportError(e, 'planning.heading');
      });
  }, [asOf, scope.mode]);
  const rates: ClassRate[] = coverage === null ? [] : readRates(coverage, scope.area ?? undefined);
  const areas = (coverage?.areas ?? []).flatMap((a) =>
    a.code !== null && (a.level === 'county' || a.level === 'town') ? [{ code: a.code, name: a.name, level: a.level }] : [],
  );

  const loadPlans = () => {
    get('/api/v1/plans')
      .then((r) => setPlans(r.plans))
      .catch((e: unknown) => {
        setPlans([]);
        reportError(e, 'planning.heading');
      });
  };
  useEffect(loadPlans, []);

  const body = (planName: string) => ({ name: planName, mode: scope.mode, cameras: editor.cameras.map(toPlanCamera) });
  const evaluate = (id: number, signal?: AbortSignal) =>
    post('/api/v1/plans/{id}/evaluate', {
      params: { path: { id } },
      body: { mode: scope.mode, ...(scope.area === null ? {} : { area: scope.area }) },
      signal,
    });

  // The engine's check after each release/edit (not while dragging), debounced: the plan being
  // edited is saved (a plan this user may not change is saved as a new one) and evaluated.
  useEffect(() => {
    if (!canWrite || editor.committedVersion === 0 || editor.dragging || editor.cameras.length === 0) return;
    const version = editor.committedVersion;
    const ctl = new AbortController();
    const timer = setTimeout(async () => {
      setServer((s) => ({ ...s, pending: true, error: null }));
      try {
        let id = plan?.mine === true ? plan.id : null;
        if (id === null) {
          const created = await post('/api/v1/plans', { body: body(name || t('planning.draft')), signal: ctl.signal });
          id = created.id;
          setPlan({ id, mine: true });
          loadPlans();
        } else await put('/api/v1/plans/{id}', { params: { path: { id } }, body: body(name || t('planning.draft')), signal: ctl.signal });
        const result = await evaluate(id, ctl.signal);
        setServer({ pending: false, result, version, error: null });
      } catch (e) {
        if (!ctl.signal.aborted) setServer((s) => ({ ...s, pending: false, error: e instanceof Error ? e.message : String(e) }));
      }
    }, 400);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [editor.committedVersion, editor.dragging]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async (asNew: boolean) => {
    setNote(null);
    const planName = name.trim() || t('planning.name');
    try {
      if (asNew || plan === null || !plan.mine) {
        // Save as: always a new plan; the one being edited stays as it was.
        const created = await post('/api/v1/plans', { body: body(planName) });
        setPlan({ id: created.id, mine: true });
      } else await put('/api/v1/plans/{id}', { params: { path: { id: plan.id } }, body: body(planName) });
      setNote(t('planning.saved', { name: planName }));
      loadPlans();
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };

  const open = async (id: number) => {
    setNote(null);
    try {
      const p = await get('/api/v1/plans/{id}', { params: { path: { id } } });
      const summary = plans.find((x) => x.id === id);
      setPlan({ id, mine: summary !== undefined && mayEdit(summary, user) });
      setName(p.name);
      setScope({ mode: p.mode, area: null });
      const cams = p.cameras.map(toProposed);
      if (cams.length > 0) onFly(cams[0]!.lngLat);
      editor.replaceAll(cams);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };

  const exportPlan = () => {
    // A saved plan exports from the server (its schedule.csv); an unsaved one from the browser.
    if (plan !== null) {
      window.location.assign(apiHref('/api/v1/plans/{id}/schedule.csv', { path: { id: plan.id } }));
      return;
    }
    const blob = new Blob([scheduleCsv(editor.cameras)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${name || 'plan'}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const onSuggestion = (a: SuggestAnswer) => {
    setScope({ mode: a.confirmation.mode, area: a.confirmation.area });
    // The suggestion becomes a new plan on its next check (never overwriting the one being edited).
    setPlan(null);
    const cams = a.sites.map(toProposed);
    if (cams.length > 0) onFly(cams[0]!.lngLat);
    editor.replaceAll(cams);
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
            // An edited azimuth or tilt is the planner's: a PTZ's "all round" no longer holds.
            const engine = sel.engine && (key === 'azimuthDeg' || key === 'tiltDeg') ? { ...sel.engine, [key]: 0 } : sel.engine;
            if (Number.isFinite(v)) editor.update(sel.id, { [key]: Math.max(min, Math.min(max, v)), engine });
          }}
        />
      </label>
    );

  const g = editor.gain;
  // The estimate shows until the engine's figures for the cameras as they are now arrive.
  const current = server.result !== null && server.version === editor.committedVersion && !editor.dragging;
  return (
    <section className="workspace" aria-labelledby="planning-heading" data-testid="planning-workspace">
      <h2 id="planning-heading">{t('planning.heading')}</h2>
      <p className="muted">{t('planning.dragHint')}</p>
      <div className="row">
        <button type="button" aria-pressed={editor.addMode} onClick={() => editor.setAddMode(!editor.addMode)} data-testid="plan-add">
          {editor.addMode ? t('planning.adding') : t('planning.add')}
        </button>
      </div>
      {canWrite && <SuggestPanel areas={areas} lang={lang} onAnswer={onSuggestion} />}
      <ol className="proposed">
        {editor.cameras.map((c, i) => (
          <li key={c.id}>
            <button type="button" className="link" aria-current={c.id === editor.selectedId} onClick={() => editor.select(c.id)}>
              {t('planning.proposed', { n: i + 1 })}
              {c.engine?.modelName ? ` · ${c.engine.modelName}` : ''}
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
      {!current && rates.length > 0 && (
        <table className="areas" data-testid="plan-estimate">
          <caption>{t('planning.estimate')}</caption>
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
                <tr key={r.cls} data-class={r.cls} data-before={r.rate}>
                  <th scope="row">{t(`class.${r.cls}`)}</th>
                  <td>{r.rate === null ? '—' : formatPercent(lang, r.rate)}</td>
                  <td>{after === null ? '—' : `${formatPercent(lang, after)} (${t('planning.estimate')})`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>{t('planning.server')}</h3>
      {server.pending && <p>{t('planning.serverPending')}</p>}
      {server.error !== null && <p className="muted">{t('app.error', { message: server.error })}</p>}
      {current && <EvaluationTable ev={server.result} lang={lang} testId="plan-server" />}
      {canWrite && (
        <div className="row">
          <label>
            {t('planning.name')} <input value={name} onChange={(e) => setName(e.target.value)} data-testid="plan-name" />
          </label>
          {(plan === null || plan.mine) && (
            <button type="button" onClick={() => void save(false)} disabled={editor.cameras.length === 0} data-testid="plan-save">
              {t('planning.save')}
            </button>
          )}
          <button type="button" onClick={() => void save(true)} disabled={editor.cameras.length === 0} data-testid="plan-save-as">
            {t('planning.saveAs')}
          </button>
          <button type="button" onClick={exportPlan} disabled={editor.cameras.length === 0}>
            {t('planning.export')}
          </button>
        </div>
      )}
      {note !== null && (
        <p role="status" data-testid="plan-note">
          {note}
        </p>
      )}
      <PlansPanel plans={plans} user={user} lang={lang} editingId={plan?.id ?? null} onOpen={(id) => void open(id)} onChanged={loadPlans} />
    </section>
  );
}
