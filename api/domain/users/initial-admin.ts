// First run: with no users at all, create `admin` with a one-time password (or
// XUELIANG_ADMIN_PASSWORD) that must be changed at first login. `npm start` prints it.
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { randomPassword } from './passwords';
import { createUser } from './users';

const COUNT = loadSql(import.meta.url, 'count-users.sql');

export async function ensureInitialAdmin(pool: pg.Pool): Promise<{ username: string; password: string } | null> {
  const { rows } = await pool.query<{ n: number }>(COUNT);
  if ((rows[0]?.n ?? 0) > 0) return null;
  const fromEnv = process.env.XUELIANG_ADMIN_PASSWORD;
  const password = fromEnv !== undefined && fromEnv !== '' ? fromEnv : randomPassword();
  try {
    await createUser(pool, { username: 'admin', password, role: 'admin', mustChangePassword: true });
  } catch (err) {
    // Two processes starting at once: the other one created it; its password was printed there.
    if ((err as { status?: number }).status === 409) return null;
    throw err;
  }
  return { username: 'admin', password };
}
