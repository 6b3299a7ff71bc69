// Reading the audit log (issue 15 item 8): filtered, newest first, paged by id (keyset: a page
// stays stable while new entries arrive), and the same as CSV through the exports' one escaping
// function. Admins only (the route says so).
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { csvLine, UTF8_BOM } from '../exports/csv';

const LIST = loadSql(import.meta.url, 'list-audit.sql');

export interface AuditFilter {
  /** The actor's user name, exactly (`cli:<OS user>` for the command line). */
  actor?: string | undefined;
  actions?: string[] | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface AuditRecord {
  id: number;
  at: string;
  userId: number | null;
  username: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  address: string | null;
}

interface Row {
  id: number;
  at: Date;
  user_id: number | null;
  username: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  address: string | null;
}

// Entries are always written from objects; anything else (an old row by hand) is wrapped.
const asObject = (v: unknown): Record<string, unknown> | null =>
  v === null || v === undefined ? null : typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };

async function page(db: Pick<pg.Pool, 'query'>, filter: AuditFilter, before: number | null, limit: number): Promise<AuditRecord[]> {
  const { rows } = await db.query<Row>(LIST, [
    filter.actor ?? null,
    filter.actions === undefined || filter.actions.length === 0 ? null : filter.actions,
    filter.entity ?? null,
    filter.entityId ?? null,
    filter.from ?? null,
    filter.to ?? null,
    before,
    limit,
  ]);
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    userId: r.user_id,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: asObject(r.before),
    after: asObject(r.after),
    address: r.address,
  }));
}

/** One page, newest first; `nextCursor` continues with older entries (null: no more). */
export async function listAudit(
  db: Pick<pg.Pool, 'query'>,
  filter: AuditFilter,
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  const before = options.cursor === undefined ? null : Number(options.cursor);
  // One more than asked tells whether another page exists.
  const items = await page(db, filter, before !== null && Number.isSafeInteger(before) && before > 0 ? before : null, options.limit + 1);
  const more = items.length > options.limit;
  if (more) items.pop();
  return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null };
}

export const AUDIT_CSV_COLUMNS = ['id', 'at', 'username', 'user_id', 'action', 'entity', 'entity_id', 'address', 'before', 'after'];
export const AUDIT_CSV_MAX_ROWS = 1_000_000;

/** The filtered log as CSV lines (UTF-8 BOM first), read in pages so memory holds one page. */
export async function* auditCsv(db: Pick<pg.Pool, 'query'>, filter: AuditFilter, maxRows = AUDIT_CSV_MAX_ROWS): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(AUDIT_CSV_COLUMNS);
  let before: number | null = null;
  let written = 0;
  while (written < maxRows) {
    const rows = await page(db, filter, before, Math.min(2000, maxRows - written));
    if (rows.length === 0) return;
    let chunk = '';
    for (const r of rows)
      chunk += csvLine([r.id, r.at, r.username, r.userId, r.action, r.entity, r.entityId, r.address, r.before, r.after]);
    yield chunk;
    written += rows.length;
    before = rows[rows.length - 1]!.id;
  }
}
