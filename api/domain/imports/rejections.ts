// Pages of an import run's rejected rows (stored by the importer in import_rejections), for
// GET /imports/runs/{runId}/rejections. The cursor is opaque to clients: base64url of the last
// row and sequence number returned.
import type pg from 'pg';
import { listRejections, type LedgerRejection, type RejectionCursor } from '../../../gis-data/ledger/rejection-store';
import { loadSql } from '../../../db/sql';
import { BadRequestError, NotFoundError } from '../../errors';

const RUN = loadSql(import.meta.url, 'camera-run.sql');

export interface RejectionPage {
  runId: number;
  /** Rejected rows of the run in all (counts.reject of its report). */
  total: number;
  rejections: LedgerRejection[];
  nextCursor: string | null;
}

function encodeCursor(c: RejectionCursor): string {
  return Buffer.from(`r:${c.row}:${c.seq}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): RejectionCursor | null {
  if (cursor === undefined || cursor === '') return null;
  const m = /^r:(\d{1,10}):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (m === null) throw new BadRequestError('cursor is not one this API returned; start again without it.', { field: 'cursor' });
  return { row: Number(m[1]), seq: Number(m[2]) };
}

export async function listImportRejections(pool: pg.Pool, runId: number, limit: number, cursor?: string): Promise<RejectionPage> {
  const after = decodeCursor(cursor);
  const run = (await pool.query<{ total: number }>(RUN, [runId])).rows[0];
  if (run === undefined) throw new NotFoundError(`No camera import run ${runId}.`, { field: 'runId' });
  const page = await listRejections(pool, runId, after, limit);
  return { runId, total: run.total, rejections: page.rejections, nextCursor: page.next === null ? null : encodeCursor(page.next) };
}
