// What the tables a full recompute reloads lose for the load and get back after it, as pg_restore
// does: their secondary indexes and their foreign keys. Building an index once over all rows is
// cheaper than keeping it up row by row, and each inserted row checked its keys with a row
// trigger (a lookup and a row lock on the referenced row): at L that was about 1.1 s of the
// database's time per 400,000 results, some 5 CPU-seconds over a full recompute, where checking
// all rows at once after the load (ADD CONSTRAINT) takes 0.1 s per table.
//
// The definitions are those of the migrations (a test compares them with the catalogue). Putting
// them back adds only what is missing, so a load that failed halfway, or a process that died
// during one, is mended by the next load or by restoreAfterBulkLoad when the server starts. Rows
// whose referenced row went while the key was off get what the key would have done to them.
import type pg from 'pg';

/** Index builds split over two sessions (each build runs on one core). */
export async function buildInParallel(pool: pg.Pool, statements: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < statements.length; i = next++) await pool.query(statements[i]!);
  };
  await Promise.all([worker(), worker()]);
}

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

/** Secondary indexes (name, then what CREATE INDEX ... ON the table takes). */
const INDEXES: Record<BulkTable, Array<[string, string]>> = {
  camera_footprints: [
    ['camera_footprints_geom_m_idx', 'USING gist (geom_m)'],
    ['camera_footprints_level_idx', '(level, occluded)'],
  ],
  coverage_target_parts: [
    ['coverage_target_parts_geom_m_idx', 'USING gist (geom_m)'],
    ['coverage_target_parts_class_idx', '(class, admin_area_id)'],
  ],
  coverage_results: [['coverage_results_camera_ids_idx', 'USING gin (camera_ids)']],
  coverage_blind_spots: [
    ['coverage_blind_spots_geom_m_idx', 'USING gist (geom_m)'],
    ['coverage_blind_spots_target_idx', '(target_id, mode)'],
    ['coverage_blind_spots_rank_idx', '(mode, class, measure DESC)'],
  ],
  coverage_history: [],
};

const definition = (k: Key) => `FOREIGN KEY (${k.column}) REFERENCES ${k.ref}(id) ON DELETE ${k.onDelete}`;

/**
 * ADD CONSTRAINT, and if rows lost their referenced row while the key was off (a target deleted
 * during the load), first what the key would have done to them (delete, or set to NULL).
 */
function addKey(table: BulkTable, k: Key): string {
  const add = `ALTER TABLE ${table} ADD CONSTRAINT ${k.name} ${definition(k)}`;
  const orphans = `${k.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${k.ref} r WHERE r.id = ${table}.${k.column})`;
  const mend =
    k.onDelete === 'CASCADE' ? `DELETE FROM ${table} WHERE ${orphans}` : `UPDATE ${table} SET ${k.column} = NULL WHERE ${orphans}`;
  return `DO $$ BEGIN ${add}; EXCEPTION WHEN foreign_key_violation THEN ${mend}; ${add}; END $$`;
}

export const BULK_TABLES = Object.keys(KEYS) as BulkTable[];

/** The key definitions put back, for the test that holds them to the migrations. */
export function bulkKeyDefinitions(): Array<{ table: BulkTable; name: string; def: string }> {
  return BULK_TABLES.flatMap((table) => KEYS[table].map((k) => ({ table, name: k.name, def: definition(k) })));
}

/** Drops the tables' secondary indexes and foreign keys before a bulk load. */
export async function dropForBulkLoad(db: pg.Pool | pg.PoolClient, tables: BulkTable[]): Promise<void> {
  for (const table of tables) {
    if (INDEXES[table].length > 0) await db.query(`DROP INDEX IF EXISTS ${INDEXES[table].map(([name]) => name).join(', ')}`);
    await db.query(`ALTER TABLE ${table} ${KEYS[table].map((k) => `DROP CONSTRAINT IF EXISTS ${k.name}`).join(', ')}`);
  }
}

/**
 * The statements that put back what is missing of the tables' indexes and keys, to run two at a
 * time with other work (buildInParallel); a key checks every row at once.
 */
export async function restoreStatements(db: pg.Pool | pg.PoolClient, tables: BulkTable[]): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT conname AS name FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY ($1::regclass[])",
    [tables],
  );
  const present = new Set(rows.map((r) => r.name));
  const out: string[] = [];
  for (const table of tables) {
    for (const [name, def] of INDEXES[table]) out.push(`CREATE INDEX IF NOT EXISTS ${name} ON ${table} ${def}`);
    for (const k of KEYS[table]) if (!present.has(k.name)) out.push(addKey(table, k));
  }
  return out;
}

/** Puts back whatever a bulk load left missing (all tables by default), two statements at a time. */
export async function restoreAfterBulkLoad(pool: pg.Pool, tables: BulkTable[] = BULK_TABLES): Promise<void> {
  await buildInParallel(pool, await restoreStatements(pool, tables));
}
