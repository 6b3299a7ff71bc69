// The audit log: every write records who, what, when, and the entity before and after. Secrets
// (password fields, encrypted credentials) are stripped here so no caller can forget.
import type pg from 'pg';
import { loadSql } from '../../../db/sql';

const INSERT = loadSql(import.meta.url, 'insert-audit.sql');

export interface AuditEntry {
  actor: { id: number | null; username: string };
  /** create, update, delete, import, login, ... */
  action: string;
  /** camera, user, target, plan, ... */
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  address?: string | null;
}

/** Who makes a change, as a domain write takes it (the audit entry's actor and address). */
export type Who = Pick<AuditEntry, 'actor' | 'address'>;

// PostgreSQL text and jsonb cannot hold U+0000; an attempted user name is the client's text and
// must still be recorded, so NUL becomes U+FFFD (visibly "something was here").
const clean = (s: string) => s.replaceAll('\u0000', '\uFFFD');

const SECRET_KEY = /password|passwd|secret|token|_enc$/i;

/** Deep copy without any property whose name looks like a secret. */
export function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SECRET_KEY.test(k)) out[clean(k)] = stripSecrets(v);
    return out;
  }
  return value;
}

/** Records one write. Pass a transaction client to make the entry part of the write itself. */
export async function recordAudit(db: Pick<pg.Pool, 'query'>, entry: AuditEntry): Promise<void> {
  const json = (v: unknown) =>
    v === undefined || v === null ? null : JSON.stringify(stripSecrets(v), (_k, x: unknown) => (typeof x === 'string' ? clean(x) : x));
  await db.query(INSERT, [
    entry.actor.id,
    clean(entry.actor.username),
    entry.action,
    entry.entity,
    entry.entityId === undefined || entry.entityId === null ? null : clean(String(entry.entityId)),
    json(entry.before),
    json(entry.after),
    entry.address === undefined || entry.address === null ? null : clean(entry.address),
  ]);
}
