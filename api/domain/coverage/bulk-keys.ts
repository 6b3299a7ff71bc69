// Foreign keys (and the results' GIN index) of the tables a full recompute reloads, taken off for
// the load and put back after it, as pg_restore does. Each inserted row checked its keys with a
// row trigger (a lookup and a row lock on the referenced row): at L that was about 1.1 s of the
// database's time per 400,000 results, some 5 CPU-seconds over a full recompute, where checking
// all rows at once after the load (ADD CONSTRAINT) takes 0.1 s per table. The GIN index on the
// results' camera lists cost 0.4 s to keep up row by row and 0.3 s to build after.
//
// The definitions are those of the migrations (0010, 0012; a test compares them with the
// catalogue). Putting them back adds only what is missing, so a load that failed halfway, or a
// process that died during one, is mended by the next load or by restoreBulkKeys at start.
import type pg from 'pg';
import { buildInParallel } from './engine';

export type BulkTable = 'camera_footprints' | 'coverage_target_parts' | 'coverage_results' | 'coverage_blind_spots' | 'coverage_history';

const KEYS: Record<BulkTable, Array<{ name: string; def: string }>> = {
  camera_footprints: [{ name: 'camera_footprints_camera_id_fkey', def: 'FOREIGN KEY (camera_id) REFERENCES cameras(id) ON DELETE CASCADE' }],
  coverage_target_parts: [
    { name: 'coverage_target_parts_target_id_fkey', def: 'FOREIGN KEY (target_id) REFERENCES targets(id) ON DELETE CASCADE' },
    { name: 'coverage_target_parts_admin_area_id_fkey', def: 'FOREIGN KEY (admin_area_id) REFERENCES admin_areas(id) ON DELETE SET NULL' },
  ],
  coverage_results: [{ name: 'coverage_results_part_id_fkey', def: 'FOREIGN KEY (part_id) REFERENCES coverage_target_parts(id) ON DELETE CASCADE' }],
  coverage_blind_spots: [
    { name: 'coverage_blind_spots_target_id_fkey', def: 'FOREIGN KEY (target_id) REFERENCES targets(id) ON DELETE CASCADE' },
    { name: 'coverage_blind_spots_admin_area_id_fkey', def: 'FOREIGN KEY (admin_area_id) REFERENCES admin_areas(id) ON DELETE SET NULL' },
  ],
  coverage_history: [{ name: 'coverage_history_part_id_fkey', def: 'FOREIGN KEY (part_id) REFERENCES coverage_target_parts(id) ON DELETE CASCADE' }],
};

const RESULTS_GIN = 'coverage_results_camera_ids_idx';

export const BULK_TABLES = Object.keys(KEYS) as BulkTable[];

/** The definitions put back, for the test that holds them to the migrations. */
export function bulkKeyDefinitions(): Array<{ table: BulkTable; name: string; def: string }> {
  return BULK_TABLES.flatMap((table) => KEYS[table].map((k) => ({ table, ...k })));
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
    for (const k of KEYS[table]) if (!present.has(k.name)) out.push(`ALTER TABLE ${table} ADD CONSTRAINT ${k.name} ${k.def}`);
    if (table === 'coverage_results') out.push(`CREATE INDEX IF NOT EXISTS ${RESULTS_GIN} ON coverage_results USING gin (camera_ids)`);
  }
  return out;
}

/** Puts back whatever a bulk load left missing (all tables by default), two statements at a time. */
export async function restoreBulkKeys(pool: pg.Pool, tables: BulkTable[] = BULK_TABLES): Promise<void> {
  await buildInParallel(pool, await restoreStatements(pool, tables));
}
