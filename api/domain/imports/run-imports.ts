// Runs the importers (gis-data/ledger, gis-data/targets-import) for the HTTP flow, adds the audit
// entry for a commit and refreshes coverage for the cameras it wrote. A problem with the file
// itself (the importers' UserFacingError) is the client's: 422 with the message.
import type pg from 'pg';
import { UserFacingError } from '../../../db/errors';
import { importCameraLedger, type LedgerImportOptions, type LedgerImportReport } from '../../../gis-data/ledger/import-ledger';
import type { ByteSource } from '../../../gis-data/ledger/source';
import { importAreas, importTargets, type TargetClass, type VectorImportReport } from '../../../gis-data/targets-import/import-targets';
import { UnprocessableError } from '../../errors';
import { ledgerCommitAudit, vectorCommitAudit } from './import-audit';
import { refreshCoverageForCameras } from '../cameras/coverage-hook';
import { loadSql } from '../../../db/sql';

// The target classes an import takes, for the routes (which do not reach into the importers).
export { TARGET_CLASSES } from '../../../gis-data/targets-import/import-targets';
export type { RejectCode } from '../../../gis-data/ledger/validate-row';
import type { Actor } from '../cameras/cameras';
import type { ImportLimits } from './import-limits';

const CHANGED = loadSql(import.meta.url, 'changed-cameras.sql');
const NOW = loadSql(import.meta.url, 'db-now.sql');

async function asClientError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UserFacingError) {
      // A file error that knows its row (a CSV line that is not text in the file's encoding) says so.
      const row = (err as { row?: unknown }).row;
      throw new UnprocessableError(err.message, typeof row === 'number' ? { row } : {}, 'import_rejected');
    }
    throw err;
  }
}

export type CameraImportOptions = Omit<LedgerImportOptions, 'commit' | 'onProgress' | 'listRejections'>;

/** Rejections a response lists itself; the rest are paged (listImportRejections). */
export const REJECTIONS_IN_RESPONSE = 100;

export async function runCameraImport(
  pool: pg.Pool,
  actor: Actor,
  source: ByteSource,
  options: CameraImportOptions,
  commit: boolean,
): Promise<LedgerImportReport> {
  const started = commit ? (await pool.query<{ now: Date }>(NOW)).rows[0]!.now : undefined;
  const report = await asClientError(() =>
    importCameraLedger(pool, source, {
      ...options,
      commit,
      listRejections: REJECTIONS_IN_RESPONSE,
      createdBy: actor.username,
      onCommit: ledgerCommitAudit(actor),
    }),
  );
  if (report.committed && started !== undefined) {
    const { rows } = await pool.query<{ id: number }>(CHANGED, [started]);
    await refreshCoverageForCameras(
      pool,
      rows.map((r) => r.id),
    );
  }
  return report;
}

export async function runTargetImport(
  pool: pg.Pool,
  actor: Actor,
  source: ByteSource,
  options: { class: TargetClass; level?: string } & ImportLimits,
  commit: boolean,
): Promise<VectorImportReport> {
  const report = await asClientError(() =>
    importTargets(pool, source, {
      ...options,
      commit,
      createdBy: actor.username,
      onCommit: vectorCommitAudit(actor, 'target', { class: options.class }),
    }),
  );
  return report;
}

export async function runAreaImport(
  pool: pg.Pool,
  actor: Actor,
  source: ByteSource,
  options: { level?: 'county' | 'town' | 'city' } & ImportLimits,
  commit: boolean,
): Promise<VectorImportReport> {
  const report = await asClientError(() =>
    importAreas(pool, source, { ...options, commit, createdBy: actor.username, onCommit: vectorCommitAudit(actor, 'admin_area') }),
  );
  return report;
}
