// Saved plans (issue 14): who made each and when it was made and changed; open, delete (only
// one's own, admins any: the API enforces it, the UI hides what the role cannot do), and compare
// two or more side by side from the engine's evaluation (cost, cameras, gain per class).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, type Schemas } from '../api/client';
import { formatDate, formatNumber } from '../i18n';
import { GainText } from './suggest-panel';

export type PlanSummary = Schemas['PlanSummary'];
type ComparedPlan = Schemas['PlanComparison']['plans'][number];

/** Whether this user may change or delete the plan (its owner or an admin; viewers never). */
export function mayEdit(p: PlanSummary, user: { username: string; role: string }): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'planner' && p.createdBy === user.username;
}

export function PlansPanel({
  plans,
  user,
  lang,
  editingId,
  onOpen,
  onChanged,
}: {
  plans: PlanSummary[];
  user: { username: string; role: string };
  lang: string;
  editingId: number | null;
  onOpen: (id: number) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<number[]>([]);
  const [compared, setCompared] = useState<ComparedPlan[]>([]);
  const [note, setNote] = useState<string | null>(null);

  const compare = async () => {
    setNote(null);
    try {
      const r = await get('/api/v1/plans/compare', { params: { query: { ids: picked.join(',') } } });
      setCompared(r.plans);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };
  const remove = async (id: number) => {
    try {
      await del('/api/v1/plans/{id}', { params: { path: { id } } });
      setPicked((ps) => ps.filter((x) => x !== id));
      onChanged();
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };

  if (plans.length === 0) return null;
  const classes = [...new Set(compared.flatMap((p) => p.classes.map((c) => c.className)))];
  return (
    <section aria-labelledby="plans-heading" data-testid="plans-panel">
      <h3 id="plans-heading">{t('planning.plans')}</h3>
      <table className="areas">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('planning.name')}</th>
            <th scope="col">{t('planning.owner')}</th>
            <th scope="col">{t('planning.created')}</th>
            <th scope="col">{t('planning.updated')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id} data-testid="plan-row" data-plan-id={p.id} aria-current={p.id === editingId}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('planning.pick', { name: p.name })}
                  checked={picked.includes(p.id)}
                  onChange={(e) => setPicked((ps) => (e.target.checked ? [...ps, p.id] : ps.filter((x) => x !== p.id)))}
                />
              </td>
              <th scope="row">{p.name}</th>
              <td>{p.createdBy ?? '—'}</td>
              <td>{formatDate(lang, p.createdAt)}</td>
              <td>{formatDate(lang, p.updatedAt)}</td>
              <td>
                <button type="button" onClick={() => onOpen(p.id)}>
                  {t('planning.open')}
                </button>
                {mayEdit(p, user) && (
                  <button type="button" onClick={() => void remove(p.id)} data-testid="plan-delete">
                    {t('planning.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" disabled={picked.length < 2} onClick={() => void compare()} data-testid="plans-compare">
        {t('planning.compare')}
      </button>
      {note !== null && <p role="status">{note}</p>}
      {compared.length > 0 && (
        <table className="areas" data-testid="plans-compared">
          <thead>
            <tr>
              <th scope="col" />
              {compared.map((p) => (
                <th scope="col" key={p.planId}>
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('planning.cost')}</th>
              {compared.map((p) => (
                <td key={p.planId}>{formatNumber(lang, p.totalCost)}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('planning.cameras')}</th>
              {compared.map((p) => (
                <td key={p.planId}>{formatNumber(lang, p.cameraCount)}</td>
              ))}
            </tr>
            {classes.map((cls) => (
              <tr key={cls}>
                <th scope="row">{t(`class.${cls}`)}</th>
                {compared.map((p) => {
                  const c = p.classes.find((x) => x.className === cls);
                  return <td key={p.planId}>{c === undefined ? '—' : <GainText cls={cls} covered={c.gain} lang={lang} />}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
