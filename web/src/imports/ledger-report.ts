// Pure helpers for the camera-ledger import panel: the report's types (generated from the API's
// schema, api/http/schemas/imports.ts), reject codes → i18n keys, a summary line, and API
// errors → i18n keys. No React or fetch here so the unit tests can check them directly.
import type { Schemas } from '../api/client';
import { REJECT_CODES } from '../../../vocabulary/ledger-rejects';

export type LedgerReport = Schemas['LedgerImportReport'];
export type LedgerRejection = Schemas['LedgerRejection'];
export type LedgerDryRun = Schemas['LedgerDryRun'];
export type LedgerFormat = LedgerReport['format'];
export type CrsName = LedgerReport['crs'];

// The choices the form offers; `satisfies` keeps them inside the document's enums.
export const LEDGER_FORMATS = ['csv', 'xlsx', 'geojson', 'kml', 'osm-json', 'gb28181'] as const satisfies readonly LedgerFormat[];
export const CRS_NAMES = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const satisfies readonly CrsName[];

/** The importer's reject codes (vocabulary/ledger-rejects.ts, the document's LedgerRejection code); each has a message in zh and en. */
export { REJECT_CODES };

/** Why a run stopped before the end of its file (row or rejected-row limit). */
export type ImportStop = Schemas['ImportStop'];

/**
 * The query for the next page of rejected rows after those shown. The report lists the first
 * rows but no cursor, so the first "more" reloads 200 from the start (replacing the list); then
 * the cursor, 100 at a time.
 */
export function moreRejectionsQuery(cursor: string | null): { limit: number; cursor?: string } {
  return cursor === null ? { limit: 200 } : { limit: 100, cursor };
}

/** i18n key for a reject code; a code this build does not know falls back to the server's own message. */
export function rejectMessageKey(code: string): string | null {
  return (REJECT_CODES as readonly string[]).includes(code) ? `imports.reject.${code}` : null;
}

export type SummaryKey =
  | 'imports.summary.committed'
  | 'imports.summary.notCommitted'
  | 'imports.summary.clean'
  | 'imports.summary.withRejections'
  | 'imports.summary.stopped';

type Stopped = { stopped?: ImportStop | null };

/** What the report means for the next step: commit is safe, needs "skip invalid rows", happened, or cannot (the run stopped). */
export function summaryKey(report: Pick<LedgerReport, 'dryRun' | 'committed' | 'counts'> & Stopped): SummaryKey {
  if (report.stopped !== undefined && report.stopped !== null) return 'imports.summary.stopped';
  if (!report.dryRun) return report.committed ? 'imports.summary.committed' : 'imports.summary.notCommitted';
  return report.counts.reject === 0 ? 'imports.summary.clean' : 'imports.summary.withRejections';
}

/** Committing writes nothing when rows are rejected unless skipInvalid, nor after a run that stopped early; nothing to write is not a commit either. */
export function canCommit(report: Pick<LedgerReport, 'counts'> & Stopped, skipInvalid: boolean): boolean {
  if (report.stopped !== undefined && report.stopped !== null) return false;
  const writable = report.counts.add + report.counts.update;
  if (writable === 0) return false;
  return report.counts.reject === 0 || skipInvalid;
}

/** Mapping rows sorted by source header, for a stable table. */
export function mappingRows(mapping: Record<string, string>): { source: string; column: string }[] {
  return Object.entries(mapping)
    .map(([source, column]) => ({ source, column }))
    .sort((a, b) => a.source.localeCompare(b.source));
}

/** i18n key explaining an API failure by status; the server message is shown next to it. */
export function errorKey(status: number): string {
  if (status === 413) return 'imports.error.tooLarge';
  if (status === 422) return 'imports.error.unreadable';
  if (status === 404) return 'imports.error.expired';
  if (status === 401) return 'imports.error.session';
  if (status === 403) return 'imports.error.forbidden';
  if (status === 400) return 'imports.error.invalid';
  return 'imports.error.generic';
}

/** Upload query: the file name always; format and CRS only when chosen (absent = detect / WGS 84). */
export function uploadQuery(
  fileName: string,
  format: LedgerFormat | 'auto',
  crs: CrsName,
): { fileName: string; format?: LedgerFormat; crs: CrsName } {
  return { fileName: fileName.slice(0, 200) || 'upload', ...(format === 'auto' ? {} : { format }), crs };
}

/** Roles that may import (the API allows engineer and, as for every engineer route, admin). */
export function canImport(role: string | undefined): boolean {
  return role === 'engineer' || role === 'admin';
}
