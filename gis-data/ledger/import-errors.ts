// How importers report failures they did not expect. A database error's own text (SQL, values,
// PostGIS internals) never reaches the person importing: they get the file, where in it (rows or
// features) and a reference; the server log gets the details under the same reference.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { UserFacingError } from '../../db/errors';

export function isDatabaseError(err: unknown): err is pg.DatabaseError {
  return err instanceof pg.DatabaseError;
}

/** The user-facing error for a database failure at `where` ("rows 1002–2001", "feature 7"). */
export function databaseFailure(fileName: string, where: string, err: unknown): UserFacingError {
  const ref = randomBytes(4).toString('hex');
  console.error(`[import] ${fileName}: database error at ${where}, reference ${ref}:`, err);
  return new UserFacingError(
    `${fileName}: the database refused ${where} (reference ${ref}; the server log has the details). Nothing was written.`,
  );
}

/** Rolls back after a failure; a failed rollback (the connection is gone) is logged, not thrown over the first error. */
export async function rollbackAfterFailure(client: pg.PoolClient, fileName: string): Promise<void> {
  try {
    await client.query('ROLLBACK');
  } catch (err) {
    console.error(`[import] ${fileName}: rollback after a failed import also failed:`, (err as Error).message);
  }
}
