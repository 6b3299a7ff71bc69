// Camera ledger import (一机一档) for engineers: pick a file, format and CRS → upload and dry run →
// read the report (counts, rejected rows with reasons — the first ones, more paged from the
// server on request —, detected column mapping, GCJ-02 warning, a stop at an import limit) → dry
// run again with other options or commit. Nothing is written before "Commit".
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post, uploadFile } from '../api/client';
import { formatDateTime, formatNumber } from '../i18n';
import {
  canCommit,
  CRS_NAMES,
  errorKey,
  LEDGER_FORMATS,
  mappingRows,
  moreRejectionsQuery,
  rejectMessageKey,
  summaryKey,
  uploadQuery,
  type CrsName,
  type LedgerDryRun,
  type LedgerFormat,
  type LedgerReport,
  type LedgerRejection,
} from './ledger-report';

interface ShownError {
  status: number;
  code: string;
  message: string;
  field?: string;
  row?: number;
}

function toShownError(e: unknown): ShownError {
  if (e instanceof ApiError) return { status: e.status, code: e.code, message: e.message, field: e.field, row: e.row };
  return { status: 0, code: 'network', message: e instanceof Error ? e.message : String(e) };
}

export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<LedgerFormat | 'auto'>('auto');
  const [crs, setCrs] = useState<CrsName>('wgs84');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [upload, setUpload] = useState<LedgerDryRun | null>(null);
  const [result, setResult] = useState<LedgerReport | null>(null);
  const [busy, setBusy] = useState<'upload' | 'rerun' | 'commit' | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  // Rejected rows paged in beyond the report's first ones (null: only the report's are shown).
  const [paged, setPaged] = useState<{ runId: number; rows: LedgerRejection[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const run = async (kind: 'upload' | 'rerun' | 'commit', work: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    setPaged(null);
    try {
      await work();
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(null);
    }
  };

  const options = () => ({ ...(format === 'auto' ? {} : { format }), crs });

  const onUpload = (ev: FormEvent) => {
    ev.preventDefault();
    if (file === null) return;
    void run('upload', async () => {
      setResult(null);
      setUpload(await uploadFile('/api/v1/imports/cameras', uploadQuery(file.name, format, crs), file));
    });
  };
  const onRerun = () => {
    if (upload === null) return;
    void run('rerun', async () => {
      setResult(null);
      setUpload(
        await post('/api/v1/imports/cameras/{uploadId}/dry-run', { params: { path: { uploadId: upload.uploadId } }, body: options() }),
      );
    });
  };
  const onCommit = () => {
    if (upload === null) return;
    void run('commit', async () => {
      const r = await post('/api/v1/imports/cameras/{uploadId}/commit', {
        params: { path: { uploadId: upload.uploadId } },
        body: { ...options(), skipInvalid },
      });
      setResult(r.report);
      // A committed upload is discarded by the server; only an uncommitted one can be run again.
      if (r.report.committed) setUpload(null);
    });
  };

  const report = result ?? upload?.report ?? null;
  const shownRejections = report === null ? [] : paged !== null && paged.runId === report.runId ? paged.rows : report.rejections;
  const onMore = () => {
    if (report === null || report.runId === null || loadingMore) return;
    const runId = report.runId;
    const cursor = paged?.runId === runId ? paged.cursor : null;
    setLoadingMore(true);
    get('/api/v1/imports/runs/{runId}/rejections', { params: { path: { runId }, query: moreRejectionsQuery(cursor) } })
      .then((page) =>
        setPaged((prev) => ({
          runId,
          rows: cursor === null || prev === null ? page.rejections : [...prev.rows, ...page.rejections],
          cursor: page.nextCursor,
        })),
      )
      .catch((e: unknown) => setError(toShownError(e)))
      .finally(() => setLoadingMore(false));
  };
  const moreAvailable = report !== null && shownRejections.length < report.counts.reject && (paged === null || paged.cursor !== null);
  return (
    <section className="workspace import-panel" aria-labelledby="import-heading" data-testid="import-panel">
      <h2 id="import-heading">{t('imports.heading')}</h2>
      <p className="muted">{t('imports.intro')}</p>
      <form className="fields import-form" onSubmit={onUpload}>
        <label className="wide">
          {t('imports.file')}
          <input
            type="file"
            accept=".csv,.xlsx,.geojson,.json,.kml,.xml"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="import-file"
          />
        </label>
        <label>
          {t('imports.format')}
          <select value={format} onChange={(e) => setFormat(e.target.value as LedgerFormat | 'auto')} data-testid="import-format">
            <option value="auto">{t('imports.formatAuto')}</option>
            {LEDGER_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`imports.formats.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('imports.crs')}
          <select value={crs} onChange={(e) => setCrs(e.target.value as CrsName)} data-testid="import-crs">
            {CRS_NAMES.map((c) => (
              <option key={c} value={c}>
                {t(`imports.crsNames.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="row wide">
          <button type="submit" disabled={file === null || busy !== null} data-testid="import-upload">
            {t(busy === 'upload' ? 'imports.uploading' : 'imports.upload')}
          </button>
          <button type="button" onClick={onRerun} disabled={upload === null || busy !== null} data-testid="import-rerun">
            {t(busy === 'rerun' ? 'imports.running' : 'imports.rerun')}
          </button>
        </div>
      </form>

      {error !== null && (
        <div role="alert" className="error import-error" data-testid="import-error">
          <strong>{t(errorKey(error.status))}</strong>
          <p>
            {error.status > 0 && <span className="muted">{t('imports.error.status', { status: error.status, code: error.code })} </span>}
            {error.message}
          </p>
          {(error.field !== undefined || error.row !== undefined) && (
            <p>
              {[
                error.row !== undefined ? t('imports.error.row', { row: error.row }) : '',
                error.field !== undefined ? t('imports.error.field', { field: error.field }) : '',
              ]
                .filter((s) => s !== '')
                .join(' · ')}
            </p>
          )}
        </div>
      )}

      {report !== null && (
        <div aria-live="polite" data-testid="import-report">
          <h3>
            {t(report.dryRun ? 'imports.dryRunReport' : 'imports.commitReport')}: {report.fileName}
          </h3>
          <p className={(report.dryRun || report.committed) && report.stopped === null ? '' : 'error'} data-testid="import-summary">
            {t(summaryKey(report), { format: report.format, crs: report.crs, runId: report.runId ?? '' })}
          </p>
          {report.stopped !== null && (
            <p role="alert" className="warning" data-testid="import-stopped">
              {t(`imports.stoppedReason.${report.stopped.reason}`, { row: formatNumber(lang, report.stopped.row) })}
            </p>
          )}
          {upload !== null && <p className="muted">{t('imports.expires', { time: formatDateTime(lang, upload.expiresAt) })}</p>}
          <ul className="import-counts">
            {(['rows', 'add', 'update', 'unchanged', 'reject', 'assumed', 'skipped'] as const).map((k) => (
              <li key={k} className={k === 'reject' && report.counts.reject > 0 ? 'bad' : ''} data-testid={`import-count-${k}`}>
                <span>{t(`imports.counts.${k}`)}</span>
                <strong>{formatNumber(lang, report.counts[k])}</strong>
              </li>
            ))}
          </ul>

          {report.gcjOffset.likely && (
            <p role="alert" className="warning" data-testid="import-gcj-warning">
              {t('imports.gcjWarning', {
                sampled: report.gcjOffset.sampled,
                raw: report.gcjOffset.medianRawM === null ? '—' : formatNumber(lang, report.gcjOffset.medianRawM),
                shifted: report.gcjOffset.medianShiftedM === null ? '—' : formatNumber(lang, report.gcjOffset.medianShiftedM),
              })}
            </p>
          )}

          {shownRejections.length > 0 && (
            <>
              <h3>{t('imports.rejections', { count: report.counts.reject })}</h3>
              <div className="table-scroll">
                <table className="areas import-table" data-testid="import-rejections">
                  <thead>
                    <tr>
                      <th scope="col">{t('imports.col.row')}</th>
                      <th scope="col">{t('imports.col.deviceId')}</th>
                      <th scope="col">{t('imports.col.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shownRejections.map((r, i) => {
                      const key = rejectMessageKey(r.code);
                      return (
                        <tr key={`${r.row}-${i}`}>
                          <td>{r.row}</td>
                          <td>{r.deviceId ?? '—'}</td>
                          <td title={r.message}>
                            {key === null ? r.message : t(key)}
                            {r.field !== null && <span className="muted"> ({r.field})</span>}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {shownRejections.length < report.counts.reject && (
                <p className="muted" data-testid="import-rejections-shown">
                  {t('imports.rejectionsShown', {
                    shown: formatNumber(lang, shownRejections.length),
                    total: formatNumber(lang, report.counts.reject),
                  })}{' '}
                  {moreAvailable && (
                    <button type="button" onClick={onMore} disabled={loadingMore} data-testid="import-rejections-more">
                      {t(loadingMore ? 'imports.loadingMore' : 'imports.moreRejections')}
                    </button>
                  )}
                </p>
              )}
            </>
          )}

          {report.changes.length > 0 && (
            <>
              <h3>{t('imports.changes', { count: report.counts.update })}</h3>
              <div className="table-scroll">
                <table className="areas import-table" data-testid="import-changes">
                  <thead>
                    <tr>
                      <th scope="col">{t('imports.col.row')}</th>
                      <th scope="col">{t('imports.col.deviceId')}</th>
                      <th scope="col">{t('imports.changeCol.field')}</th>
                      <th scope="col">{t('imports.changeCol.before')}</th>
                      <th scope="col">{t('imports.changeCol.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.changes.flatMap((c) =>
                      c.fields.map((f, i) => (
                        <tr key={`${c.deviceId}-${f.field}`}>
                          <td>{i === 0 ? c.row : ''}</td>
                          <td>{i === 0 ? c.deviceId : ''}</td>
                          <td>{f.field}</td>
                          {f.field === 'onvif_password' || f.field === 'gb_password' ? (
                            <td colSpan={2}>{t('imports.passwordChanged')}</td>
                          ) : (
                            <>
                              <td>{changeValue(f.before)}</td>
                              <td>{changeValue(f.after)}</td>
                            </>
                          )}
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
            </>
          )}

          <h3>{t('imports.mapping')}</h3>
          {Object.keys(report.mapping).length === 0 ? (
            <p className="muted">{t('imports.noMapping')}</p>
          ) : (
            <table className="areas import-table" data-testid="import-mapping">
              <thead>
                <tr>
                  <th scope="col">{t('imports.col.source')}</th>
                  <th scope="col">{t('imports.col.column')}</th>
                </tr>
              </thead>
              <tbody>
                {mappingRows(report.mapping).map((m) => (
                  <tr key={m.source}>
                    <td>{m.source}</td>
                    <td>{t(`column.${m.column}`, { defaultValue: m.column })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.unmappedHeaders.length > 0 && (
            <p className="muted">{t('imports.unmapped', { headers: report.unmappedHeaders.join(', ') })}</p>
          )}

          {upload !== null && (
            <div className="row import-commit">
              <label className="check">
                <input
                  type="checkbox"
                  checked={skipInvalid}
                  onChange={(e) => setSkipInvalid(e.target.checked)}
                  data-testid="import-skip-invalid"
                />{' '}
                {t('imports.skipInvalid')}
              </label>
              <button
                type="button"
                onClick={onCommit}
                disabled={busy !== null || !canCommit(upload.report, skipInvalid)}
                data-testid="import-commit"
              >
                {t(busy === 'commit' ? 'imports.committing' : 'imports.commit')}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

const changeValue = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
