// Foreign keys (and the results' GIN index) of the tables a full recompute reloads, taken off for
// the load and put back after it, as pg_restore does. Each inserted row checked its keys with a
// row trigger (a lookup and a row lock on the referenced row): at L that was about 1.1 s of the
// database's time per 400,000 results, some 5 CPU-seconds over a full recompute, where checking
// all rows at once after the load (ADD CONSTRAINT) takes 0.1 s per table. The GIN index on the
// results' camera lists cost 0.4 s to keep up row by row and 0.3 s to build after.
//
// The definitions are those of the migrations (0010, 0012; a test compares them with the
// catalogue). Putting them back adds only what is missing, so a load that failed halfway, or a
// process that died during one, is mended by the next load or by restoreBulkKeys at start. Rows
// whose referenced row went while the key was off get what the key would have done to them.
import type pg from 'pg';
import { buildInParallel } from './engine';

export type BulkTable = 'camera_footprints' | 'coverage_target_parts' | 'coverage_results' | 'coverage_blind_spots' | 'coverage_history';

interface Key {
  name: string;
  column: string;
  ref: string;
  onDelete: 'CASCADE' | 'SET NULL';
}

const key = (name: string, column: string, ref: string, onDelete: Key['onDelete']): Key => ({ name, column, ref, onDelete });

const KEYS: Record<BulkTable, Key[]> = {
  camera_footprints: [key('camera_footprints_camera_id_fkey', 'camera_id', 'cameras', 'CASCADE')],
  coverage_target_parts: [
    key('coverage_target_parts_target_id_fkey', 'target_id', 'targets', 'CASCADE'),
    key('coverage_target_parts_admin_area_id_fkey', 'admin_area_id', 'admin_areas', 'SET NULL'),
  ],
  coverage_results: [key('coverage_results_part_id_fkey', 'part_id', 'coverage_target_parts', 'CASCADE')],
  coverage_blind_spots: [
    key('coverage_blind_spots_target_id_fkey', 'target_id', 'targets', 'CASCADE'),
    key('coverage_blind_spots_admin_area_id_fkey', 'admin_area_id', 'admin_areas', 'SET NULL'),
  ],
  coverage_history: [key('coverage_history_part_id_fkey', 'part_id', 'coverage_target_parts', 'CASCADE')],
};

const definition = (k: Key) => `FOREIGN KEY (${k.column}) REFERENCES ${k.ref}(id) ON DELETE ${k.onDelete}`;

/**
 * ADD CONSTRAINT, and if rows lost their referenced row while the key was off (a target deleted
 * during the load), first what the key would have done to them (delete, or set to NULL).
 */
function addKey(table: BulkTable, k: Key): string {
  const add = `ALTER TABLE ${table} ADD CONSTRAINT ${k.name} ${definition(k)}`;
  const orphans = `${k.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${k.ref} r WHERE r.id = ${table}.${k.column})`;
  const mend = k.onDelete === 'CASCADE' ? `DELETE FROM ${table} WHERE ${orphans}` : `UPDATE ${table} SET ${k.column} = NULL WHERE ${orphans}`;
  return `DO $$ BEGIN ${add}; EXCEPTION WHEN foreign_key_violation THEN ${mend}; ${add}; END $$`;
}

const RESULTS_GIN = 'coverage_results_camera_ids_idx';

export const BULK_TABLES = Object.keys(KEYS) as BulkTable[];

/** The definitions put back, for the test that holds them to the migrations. */
export function bulkKeyDefinitions(): Array<{ table: BulkTable; name: string; def: string }> {
  return BULK_TABLES.flatMap((table) => KEYS[table].map((k) => ({ table, name: k.name, def: definition(k) })));
}

/** Drops the tables' foreign keys (and the results' GIN index) before a bulk load. */
export async function dropBulkKeys(db: pg.Pool | pg.PoolClient, tables: BulkTable[]): Promise<void> {
  for (const table of tables) {
    await db.query(`ALTER TABLE ${table} ${KEYS[table].map((k) => `DROP CONSTRAINT IF EXISTS ${k.name}`).join(', ')}`);
    if (table === 'coverage_results') await db.query(`DROP INDEX IF EXISTS ${RESULTS_GIN}`);
  }
}

/**
 * The statements that put back what is missing of the tables' keys and index (none when all are
 * there), to run with other index builds; each checks every row at once.
 */
export async function restoreStatements(db: pg.Pool | pg.PoolClient, tables: BulkTable[]): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>("SELECT conname AS name FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY ($1::regclass[])", [tables]);
  const present = new Set(rows.map((r) => r.name));
  const out: string[] = [];
  for (const table of tables) {
    for (const k of KEYS[table]) if (!present.has(k.name)) out.push(addKey(table, k));
    if (table === 'coverage_results') out.push(`CREATE INDEX IF NOT EXISTS ${RESULTS_GIN} ON coverage_results USING gin (camera_ids)`);
  }
  return out;
}

/** Puts back whatever a bulk load left missing (all tables by default), two statements at a time. */
export async function restoreBulkKeys(pool: pg.Pool, tables: BulkTable[] = BULK_TABLES): Promise<void> {
  await buildInParallel(pool, await restoreStatements(pool, tables));
}
