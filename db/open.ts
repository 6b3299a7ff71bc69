// Opens the database a command should use: resolves it (DATABASE_URL or the private cluster),
// checks PostGIS, brings the schema up to date, and returns a pool. Every command goes through
// here, so scripts can point any command anywhere with DATABASE_URL.
import type pg from 'pg';
import { checkDatabase, createPool, resolveDatabase, type DatabaseTarget } from './connect';
import { migrate } from './migrate';

export interface OpenDatabase extends DatabaseTarget {
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function openDatabase(
  options: { quiet?: boolean; poolSize?: number; log?: (line: string) => void } = {},
): Promise<OpenDatabase> {
  const target = await resolveDatabase({ quiet: options.quiet ?? true });
  await checkDatabase(target.url);
  const migrateOptions = options.log === undefined ? {} : { log: options.log };
  await migrate(target.url, migrateOptions);
  const pool = createPool(target.url, options.poolSize ?? 10);
  return { ...target, pool, close: () => pool.end() };
}
