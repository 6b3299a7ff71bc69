// API tokens for scripts (issue 15 item 6): list with last use, revoke one or all of a user's.
// Creation and lookup live in ./sessions.ts beside the sessions. Revoked tokens stay listed (with
// revokedAt) so the audit trail can name them; a streaming response opened with one closes.
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { announceSessionEnd } from './session-ends';

const LIST = loadSql(import.meta.url, 'list-api-tokens.sql');
const REVOKE = loadSql(import.meta.url, 'revoke-api-token.sql');
const REVOKE_USER = loadSql(import.meta.url, 'revoke-user-tokens.sql');

export interface ApiTokenInfo {
  id: number;
  username: string;
  label: string;
  createdAt: string;
  /** Last request made with it (written at most once a minute), null when never used. */
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Neither revoked nor expired. */
  active: boolean;
}

interface Row {
  id: number;
  username: string;
  label: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export async function listApiTokens(db: Pick<pg.Pool, 'query'>, username?: string): Promise<ApiTokenInfo[]> {
  const { rows } = await db.query<Row>(LIST, [username ?? null]);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    label: r.label,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: iso(r.last_used_at),
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
    active: r.revoked_at === null && (r.expires_at === null || r.expires_at.getTime() > now),
  }));
}

/** Revokes one token; undefined when no token has that id. `newlyRevoked` is false when it already was. */
export async function revokeApiToken(
  db: Pick<pg.Pool, 'query'>,
  id: number,
): Promise<{ id: number; userId: number; username: string; label: string; newlyRevoked: boolean } | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return undefined;
  const { rows } = await db.query<{
    id: number;
    token_hash: string;
    user_id: number;
    username: string;
    label: string;
    newly_revoked: boolean;
  }>(REVOKE, [id]);
  const r = rows[0];
  if (r === undefined) return undefined;
  announceSessionEnd({ tokenHash: r.token_hash });
  return { id: r.id, userId: r.user_id, username: r.username, label: r.label, newlyRevoked: r.newly_revoked };
}

/** Revokes every active token of a user; returns their ids. */
export async function revokeUserTokens(db: Pick<pg.Pool, 'query'>, userId: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number; token_hash: string }>(REVOKE_USER, [userId]);
  if (rows.length > 0) announceSessionEnd({ userId, kind: 'token' });
  return rows.map((r) => r.id);
}
