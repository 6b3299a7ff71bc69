// Whether another part's table or function exists yet, so the API answers with an empty result
// (not a 500) before that part is migrated.
import type pg from 'pg';
import { loadSql } from '../../db/sql';

const TABLE = loadSql(import.meta.url, 'table-exists.sql');
const FUNCTION = loadSql(import.meta.url, 'function-exists.sql');

export async function tableExists(db: Pick<pg.Pool, 'query'>, name: string): Promise<boolean> {
  return (await db.query<{ ok: boolean }>(TABLE, [name])).rows[0]?.ok === true;
}

export async function functionExists(db: Pick<pg.Pool, 'query'>, name: string): Promise<boolean> {
  return (await db.query<{ ok: boolean }>(FUNCTION, [name])).rows[0]?.ok === true;
}
