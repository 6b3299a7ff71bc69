// Rejected ledger rows go to the database as the file is read (table import_rejections), in
// batches, so memory holds one batch whatever the file: a report lists the first rows and the
// rest are paged (listRejections; GET /imports/runs/{runId}/rejections).
import type pg from 'pg';
import type { RejectCode } from './validate-row';
import { loadSql } from '../../db/sql';

const sql = (name: string): string => loadSql(import.meta.url, `sql/${name}.sql`);
const Q = {
  insert: sql('insert-rejections'),
  list: sql('list-rejections'),
  rejectStaged: sql('reject-staged-rows'),
};

export interface LedgerRejection {
  row: number;
  deviceId: string | null;
  code: RejectCode;
  field: string | null;
  message: string;
}

const BATCH = 1000;
/** A message longer than this is cut: it quotes a cell, and a cell can be a megabyte. */
const MAX_MESSAGE_CHARS = 500;
const MAX_ID_CHARS = 64;

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export class RejectionWriter {
  private batch: (LedgerRejection & { seq: number })[] = [];
  /** Rejections recorded so far (flushed or not). */
  count = 0;

  constructor(
    private readonly db: pg.PoolClient,
    private readonly runId: number,
  ) {}

  async add(r: LedgerRejection): Promise<void> {
    this.count += 1;
    this.batch.push({
      ...r,
      deviceId: r.deviceId === null ? null : cut(r.deviceId, MAX_ID_CHARS),
      message: cut(r.message, MAX_MESSAGE_CHARS),
      seq: this.count,
    });
    if (this.batch.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch.map((r) => ({
      row_no: r.row,
      seq: r.seq,
      device_id: r.deviceId,
      code: r.code,
      field: r.field,
      message: r.message,
    }));
    this.batch = [];
    await this.db.query(Q.insert, [this.runId, JSON.stringify(rows)]);
  }

  /** Rejects every row still staged with one verdict (the GCJ-02 check) and empties the stage. */
  async rejectStaged(code: RejectCode, field: string, message: string): Promise<number> {
    await this.flush();
    const res = await this.db.query(Q.rejectStaged, [this.runId, this.count, code, field, cut(message, MAX_MESSAGE_CHARS)]);
    this.count += res.rowCount ?? 0;
    return res.rowCount ?? 0;
  }
}

export interface RejectionCursor {
  row: number;
  seq: number;
}

/** A page of a run's rejections in row order after `after`, and the cursor of the next page (null at the end). */
export async function listRejections(
  db: pg.Pool | pg.PoolClient,
  runId: number,
  after: RejectionCursor | null,
  limit: number,
): Promise<{ rejections: LedgerRejection[]; next: RejectionCursor | null }> {
  const { rows } = await db.query<{
    row_no: number;
    seq: number;
    device_id: string | null;
    code: RejectCode;
    field: string | null;
    message: string;
  }>(Q.list, [runId, after?.row ?? -1, after?.seq ?? -1, limit + 1]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rejections: page.map((r) => ({ row: r.row_no, deviceId: r.device_id, code: r.code, field: r.field, message: r.message })),
    next: rows.length > limit && last !== undefined ? { row: last.row_no, seq: last.seq } : null,
  };
}
