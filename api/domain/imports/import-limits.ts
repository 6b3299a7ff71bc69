// The per-import limits of the server: rows read (XUELIANG_IMPORT_MAX_ROWS, default 1,000,000)
// and rejected rows (XUELIANG_IMPORT_MAX_REJECTIONS, default 10,000). A run that reaches one
// stops and says so in its report (gis-data/ledger/import-ledger.ts); it never commits.
import { UserFacingError } from '../../../db/errors';
import { DEFAULT_MAX_REJECTIONS, DEFAULT_MAX_ROWS } from '../../../gis-data/ledger/import-ledger';

export interface ImportLimits {
  maxRows: number;
  maxRejections: number;
}

function positiveEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!(Number.isInteger(v) && v > 0)) throw new UserFacingError(`${name} must be a positive whole number, got "${raw}"`);
  return v;
}

export function defaultImportLimits(): ImportLimits {
  return {
    maxRows: positiveEnv('XUELIANG_IMPORT_MAX_ROWS', DEFAULT_MAX_ROWS),
    maxRejections: positiveEnv('XUELIANG_IMPORT_MAX_REJECTIONS', DEFAULT_MAX_REJECTIONS),
  };
}
