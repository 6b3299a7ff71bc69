// Browser sessions and API tokens. Only SHA-256 digests of the secrets are stored, so a copy of
// the database does not let anyone log in.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { isRole, type Role } from './roles';
import { announceSessionEnd } from './session-ends';

const INSERT_SESSION = loadSql(import.meta.url, 'insert-session.sql');
const FIND_SESSION = loadSql(import.meta.url, 'find-session-user.sql');
const DELETE_SESSION = loadSql(import.meta.url, 'delete-session.sql');
const DELETE_EXPIRED = loadSql(import.meta.url, 'delete-expired-sessions.sql');
const DELETE_USER_SESSIONS = loadSql(import.meta.url, 'delete-user-sessions.sql');
const INSERT_TOKEN = loadSql(import.meta.url, 'insert-api-token.sql');
const FIND_TOKEN = loadSql(import.meta.url, 'find-token-user.sql');
const TOUCH_TOKEN = loadSql(import.meta.url, 'touch-api-token.sql');
const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();

export const SESSION_TTL_SECONDS = 12 * 3600;
export const API_TOKEN_PREFIX = 'xlt_';

export interface AuthenticatedUser {
  id: number;
  username: string;
  role: Role;
  mustChangePassword: boolean;
}

interface Row {
  id: number;
  username: string;
  role: string;
  must_change_password: boolean;
  csrf_token?: string;
}

/** SHA-256 of a session or API token: what the database keeps, and how ended credentials are named. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function toUser(row: Row): AuthenticatedUser | undefined {
  if (!isRole(row.role)) return undefined;
  return { id: row.id, username: row.username, role: row.role, mustChangePassword: row.must_change_password };
}

export async function createSession(
  pool: pg.Pool,
  userId: number,
  ttlSeconds = SESSION_TTL_SECONDS,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const { rows } = await pool.query<{ expires_at: Date }>(INSERT_SESSION, [digest(token), userId, csrfToken, ttlSeconds]);
  // Housekeeping on login keeps the table small without a timer.
  await pool.query(DELETE_EXPIRED);
  return { token, csrfToken, expiresAt: rows[0]!.expires_at };
}

export async function findSession(pool: pg.Pool, token: string): Promise<{ user: AuthenticatedUser; csrfToken: string } | undefined> {
  if (token.length > 200) return undefined;
  const { rows } = await pool.query<Row>(FIND_SESSION, [digest(token)]);
  const row = rows[0];
  const user = row === undefined ? undefined : toUser(row);
  return user === undefined ? undefined : { user, csrfToken: row!.csrf_token ?? '' };
}

export async function deleteSession(pool: pg.Pool, token: string): Promise<void> {
  await pool.query(DELETE_SESSION, [digest(token)]);
  announceSessionEnd({ tokenHash: digest(token) });
}

export async function deleteUserSessions(pool: pg.Pool, userId: number): Promise<void> {
  await pool.query(DELETE_USER_SESSIONS, [userId]);
  announceSessionEnd({ userId, kind: 'session' });
}

/**
 * Creates an API token for scripts; the returned token is shown once and never stored.
 * `expiresAt` null (the default) means it lasts until revoked.
 */
export async function createApiToken(pool: pg.Pool, userId: number, label = '', expiresAt: Date | null = null): Promise<string> {
  return (await createApiTokenWithId(pool, userId, label, expiresAt)).token;
}

export async function createApiTokenWithId(
  pool: pg.Pool,
  userId: number,
  label = '',
  expiresAt: Date | null = null,
): Promise<{ id: number; token: string; expiresAt: Date | null }> {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const { rows } = await pool.query<{ id: number; expires_at: Date | null }>(INSERT_TOKEN, [digest(token), userId, label, expiresAt]);
  return { id: rows[0]!.id, token, expiresAt: rows[0]!.expires_at };
}

export async function findApiTokenUser(pool: pg.Pool, token: string): Promise<AuthenticatedUser | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return undefined;
  const hash = digest(token);
  const { rows } = await pool.query<Row>(FIND_TOKEN, [hash]);
  if (rows[0] === undefined) return undefined;
  const now = Date.now();
  if (now - (lastTouched.get(hash) ?? 0) > TOUCH_EVERY_MS) {
    if (lastTouched.size > 10_000) lastTouched.clear();
    lastTouched.set(hash, now);
    await pool.query(TOUCH_TOKEN, [hash]);
  }
  return toUser(rows[0]);
}
