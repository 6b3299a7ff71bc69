// Device cookies (OWASP "Slow down online guessing attacks with device cookies"): a browser that
// logged in as a user gets a random cookie; later attempts for that user carrying it are
// throttled on the device's own key instead of the address's, so failures by others from the
// same address (a crowd behind one proxy or NAT) cannot hold the user back. The cookie is no
// credential: it only changes which throttle counts. Only its SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { loadSql } from '../../../db/sql';

const FIND = loadSql(import.meta.url, 'device-find.sql');
const INSERT = loadSql(import.meta.url, 'device-insert.sql');
const TOUCH = loadSql(import.meta.url, 'device-touch.sql');
const FORGET = loadSql(import.meta.url, 'device-forget.sql');

export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 86_400;

export function deviceHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The cookie's hash when it was issued to `username` (case-insensitive), else undefined. */
export async function deviceFor(pool: pg.Pool, token: string | undefined, username: string): Promise<string | undefined> {
  if (token === undefined || token === '' || token.length > 100) return undefined;
  const hash = deviceHash(token);
  const { rows } = await pool.query<{ user_id: number; username: string }>(FIND, [hash]);
  return rows[0]?.username === username.toLowerCase() ? hash : undefined;
}

/** A new device cookie for a user who just logged in (the value to set; only its hash is kept). */
export async function issueDevice(pool: pg.Pool, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await pool.query(INSERT, [deviceHash(token), userId]);
  await pool.query(FORGET);
  return token;
}

export async function touchDevice(pool: pg.Pool, hash: string): Promise<void> {
  await pool.query(TOUCH, [hash]);
}
