// The audit entry of an import commit, written inside the import's own transaction (the entry
// exists exactly when the rows do): who, the file's name and SHA-256, the run, the counts and,
// for camera ledgers, every device id added and updated. Used by the API and the CLI alike.
import type pg from 'pg';
import type { LedgerImportReport, LedgerWritten } from '../../../gis-data/ledger/import-ledger';
import type { OsmImportReport } from '../../../gis-data/osm/import-osm';
import type { VectorImportReport } from '../../../gis-data/targets-import/import-targets';
import { recordAudit } from '../audit/record-audit';

export interface ImportActor {
  id: number | null;
  username: string;
  address?: string | null;
}

type Hook<R, W> = (client: pg.PoolClient, report: R, written: W) => Promise<void>;

const who = (actor: ImportActor) => ({ actor: { id: actor.id, username: actor.username }, address: actor.address ?? null });

export function ledgerCommitAudit(actor: ImportActor): Hook<LedgerImportReport, LedgerWritten> {
  return async (client, report, written) => {
    await recordAudit(client, {
      ...who(actor),
      action: 'import',
      entity: 'camera',
      entityId: report.runId,
      after: {
        fileName: report.fileName,
        fileSha256: written.fileSha256,
        format: report.format,
        crs: report.crs,
        runId: report.runId,
        counts: report.counts,
        added: written.added,
        updated: written.updated,
      },
    });
  };
}

export function vectorCommitAudit(
  actor: ImportActor,
  entity: 'target' | 'admin_area',
  extra: Record<string, unknown> = {},
): Hook<VectorImportReport, { fileSha256: string; runId: number }> {
  return async (client, report, written) => {
    await recordAudit(client, {
      ...who(actor),
      action: 'import',
      entity,
      entityId: written.runId,
      after: {
        fileName: report.fileName,
        fileSha256: written.fileSha256,
        runId: written.runId,
        ...extra,
        added: report.added,
        repaired: report.counts.repaired,
        rejected: report.counts.rejected,
      },
    });
  };
}

export function osmCommitAudit(actor: ImportActor): Hook<OsmImportReport, { fileSha256: string; runId: number }> {
  return async (client, report, written) => {
    await recordAudit(client, {
      ...who(actor),
      action: 'import',
      entity: 'dataset',
      entityId: written.runId,
      after: {
        fileName: report.fileName,
        fileSha256: written.fileSha256,
        runId: written.runId,
        bounds: report.bounds,
        counts: report.counts,
      },
    });
  };
}
