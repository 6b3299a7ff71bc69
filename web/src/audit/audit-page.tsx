// The audit log for admins (issue 15 item 8): who did what to which target, when and from where,
// newest first, filtered by actor, action, target and time; "older" pages through the log; the
// CSV link downloads the same selection (the server writes it, with the exports' escaping).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiHref, ApiError, get, type Schemas } from '../api/client';
import { formatDateTime } from '../i18n';

/** GET /api/v1/audit: one entry (secrets are stripped by the server before they are stored). */
export type AuditEntry = Schemas['AuditEntry'];

interface Filter {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  from: string;
  to: string;
}

const EMPTY: Filter = { actor: '', action: '', entity: '', entityId: '', from: '', to: '' };
const PAGE_SIZE = 100;

export function canReadAudit(role: string | undefined): boolean {
  return role === 'admin';
}

/** The filter as the audit route's query parameters: empty fields are left out. */
export function auditQuery(f: Filter, extra: { limit?: number; cursor?: string } = {}) {
  const trim = (s: string) => (s.trim() === '' ? undefined : s.trim());
  return {
    actor: trim(f.actor),
    action: trim(f.action.replace(/\s+/g, '')),
    entity: trim(f.entity),
    entityId: trim(f.entityId),
    from: trim(f.from),
    to: trim(f.to),
    ...extra,
  };
}

function detail(e: AuditEntry): string {
  const parts: string[] = [];
  if (e.before !== null) parts.push(`← ${JSON.stringify(e.before)}`);
  if (e.after !== null) parts.push(`→ ${JSON.stringify(e.after)}`);
  const text = parts.join(' ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (f: Filter, after: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const page = await get('/api/v1/audit', { params: { query: auditQuery(f, { limit: PAGE_SIZE, cursor: after ?? undefined }) } });
      setItems((prev) => (after === null ? page.items : [...prev, ...page.items]));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.status} · ${e.message}` : String(e));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void load(filter, null);
  }, [filter, load]);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setFilter(draft);
  };
  const field = (name: keyof Filter, type = 'text') => (
    <label>
      {t(`audit.filter.${name}`)}
      <input
        name={`audit-${name}`}
        type={type}
        value={draft[name]}
        onChange={(ev) => setDraft({ ...draft, [name]: ev.target.value })}
        placeholder={t(`audit.placeholder.${name}`)}
      />
    </label>
  );

  return (
    <main className="audit-page" data-testid="audit-page">
      <h2>{t('audit.heading')}</h2>
      <form className="audit-filter" onSubmit={submit}>
        {field('actor')}
        {field('action')}
        {field('entity')}
        {field('entityId')}
        {field('from', 'date')}
        {field('to', 'date')}
        <button type="submit" disabled={busy}>
          {t('audit.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY);
            setFilter(EMPTY);
          }}
        >
          {t('audit.clear')}
        </button>
        <a
          className="button"
          href={apiHref('/api/v1/audit.csv', { query: auditQuery(filter) })}
          download="audit-log.csv"
          data-testid="audit-csv"
        >
          {t('audit.csv')}
        </a>
      </form>
      {error !== null && (
        <p role="alert" className="error">
          {t('audit.error', { message: error })}
        </p>
      )}
      <div className="audit-scroll">
        <table className="audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.col.at')}</th>
              <th scope="col">{t('audit.col.actor')}</th>
              <th scope="col">{t('audit.col.action')}</th>
              <th scope="col">{t('audit.col.target')}</th>
              <th scope="col">{t('audit.col.address')}</th>
              <th scope="col">{t('audit.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td>{formatDateTime(i18n.language, e.at)}</td>
                <td>{e.username}</td>
                <td>{e.action}</td>
                <td>{e.entityId === null ? e.entity : `${e.entity} ${e.entityId}`}</td>
                <td>{e.address ?? ''}</td>
                <td className="audit-detail">{detail(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && !busy && <p>{t('audit.empty')}</p>}
      </div>
      {cursor !== null && (
        <button type="button" disabled={busy} onClick={() => void load(filter, cursor)} data-testid="audit-older">
          {t('audit.older')}
        </button>
      )}
    </main>
  );
}
