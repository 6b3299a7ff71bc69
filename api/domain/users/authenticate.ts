// Checks a user name and password. Unknown users cost the same argon2 verification as known
// ones, and the caller learns only "valid" or "not", never which part was wrong.
import type pg from 'pg';
import { dummyPasswordHash, verifyPassword } from './passwords';
import type { AuthenticatedUser } from './sessions';
import { findUserByName } from './users';

export async function authenticate(pool: pg.Pool, username: string, password: string): Promise<AuthenticatedUser | undefined> {
  const user = await findUserByName(pool, username);
  if (user === undefined) {
    await verifyPassword(await dummyPasswordHash(), password);
    return undefined;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || user.disabled) return undefined;
  return { id: user.id, username: user.username, role: user.role, mustChangePassword: user.mustChangePassword };
}
