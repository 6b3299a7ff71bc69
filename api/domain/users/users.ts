// The users table: create, find, change password. Password hashes never leave this module
// except inside UserRecord for the login check.
import type pg from 'pg';
import { ConflictError, BadRequestError, NotFoundError } from '../../errors';
import { loadSql } from '../../../db/sql';
import { checkPasswordStrength, hashPassword } from './passwords';
import { isRole, type Role } from './roles';
import { announceSessionEnd } from './session-ends';

const FIND_BY_NAME = loadSql(import.meta.url, 'find-user-by-name.sql');
const INSERT = loadSql(import.meta.url, 'insert-user.sql');
const UPDATE_PASSWORD = loadSql(import.meta.url, 'update-password.sql');
const LIST = loadSql(import.meta.url, 'list-users.sql');
const SET_DISABLED = loadSql(import.meta.url, 'set-user-disabled.sql');

export interface PublicUser {
  id: number;
  username: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface UserRecord extends PublicUser {
  passwordHash: string;
  disabled: boolean;
}

interface UserRow {
  id: number;
  username: string;
  role: string;
  password_hash?: string;
  must_change_password: boolean;
  disabled: boolean;
}

function toPublic(row: UserRow): PublicUser {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has an unknown role`);
  return { id: row.id, username: row.username, role: row.role, mustChangePassword: row.must_change_password };
}

export async function findUserByName(pool: pg.Pool, username: string): Promise<UserRecord | undefined> {
  const { rows } = await pool.query<UserRow>(FIND_BY_NAME, [username]);
  const row = rows[0];
  if (row === undefined) return undefined;
  return { ...toPublic(row), passwordHash: row.password_hash ?? '', disabled: row.disabled };
}

export function checkUsername(username: string): void {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(username)) {
    throw new BadRequestError('A user name has 1 to 64 letters, digits, dots, dashes or underscores.', { field: 'username' });
  }
}

export async function createUser(
  pool: pg.Pool,
  input: { username: string; password: string; role: string; mustChangePassword?: boolean },
): Promise<PublicUser> {
  checkUsername(input.username);
  if (!isRole(input.role))
    throw new BadRequestError(`Unknown role "${input.role}": use viewer, engineer, planner or admin.`, { field: 'role' });
  const weak = checkPasswordStrength(input.password);
  if (weak !== undefined) throw new BadRequestError(weak, { field: 'password' });
  const hash = await hashPassword(input.password);
  try {
    const { rows } = await pool.query<UserRow>(INSERT, [input.username, hash, input.role, input.mustChangePassword ?? false]);
    return toPublic(rows[0]!);
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw new ConflictError(`A user named "${input.username}" already exists.`, { field: 'username' });
    throw err;
  }
}

export async function setPassword(pool: pg.Pool, username: string, password: string, mustChangePassword = false): Promise<void> {
  const weak = checkPasswordStrength(password);
  if (weak !== undefined) throw new BadRequestError(weak, { field: 'password' });
  const { rowCount } = await pool.query(UPDATE_PASSWORD, [username, await hashPassword(password), mustChangePassword]);
  if (rowCount === 0) throw new NotFoundError(`No user named "${username}".`, { field: 'username' });
}

export async function listUsers(pool: pg.Pool): Promise<(PublicUser & { disabled: boolean })[]> {
  const { rows } = await pool.query<UserRow>(LIST);
  return rows.map((r) => ({ ...toPublic(r), disabled: r.disabled }));
}

/**
 * Disables (or enables again) a user: a disabled user cannot log in, and their sessions and API
 * tokens stop working at once (the lookups check the flag; open streams close).
 */
export async function setUserDisabled(pool: pg.Pool, username: string, disabled: boolean): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(SET_DISABLED, [username, disabled]);
  if (rows[0] === undefined) throw new NotFoundError(`No user named "${username}".`, { field: 'username' });
  if (disabled) announceSessionEnd({ userId: rows[0].id });
  return rows[0].id;
}
