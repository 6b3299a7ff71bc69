// A full recompute takes the reloaded tables' indexes and foreign keys off for the load and puts
// them back after (bulk-load.ts). They must come back exactly as the migrations made them, keys
// must still cascade, and all must be mended when a load died halfway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeCoverage, restoreAfterBulkLoad } from '../../../coverage-engine';
import { BULK_TABLES, bulkKeyDefinitions, dropForBulkLoad } from '../../../coverage-engine/bulk-load';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;
const catalogue = async () =>
  (
    await db.pool.query<{ k: string }>(
      `
    SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS k FROM pg_constraint
    WHERE contype = 'f' AND conrelid = ANY ($1::regclass[]) ORDER BY 1`,
      [BULK_TABLES],
    )
  ).rows.map((r) => r.k);
const indexes = async () =>
  (
    await db.pool.query<{ d: string }>('SELECT indexdef AS d FROM pg_indexes WHERE tablename = ANY ($1) ORDER BY 1', [BULK_TABLES])
  ).rows.map((r) => r.d);

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(5, 2));
});
afterAll(async () => {
  await db.drop();
});

describe('indexes and foreign keys of the bulk-loaded tables', () => {
  it('are put back by a recompute exactly as the migrations made them, with the indexes', async () => {
    const migrated = await catalogue();
    const migratedIndexes = await indexes();
    expect(migrated).toEqual(
      bulkKeyDefinitions()
        .map((k) => `${k.table} ${k.name} ${k.def}`)
        .sort(),
    );
    await recomputeCoverage(db.pool);
    expect(await catalogue()).toEqual(migrated);
    expect(await indexes()).toEqual(migratedIndexes);
  });

  it('still cascade after a recompute: a deleted target takes its parts, results and blind spots along', async () => {
    const { rows } = await db.pool.query<{ id: number }>(`
      SELECT p.target_id::int AS id FROM coverage_target_parts p JOIN coverage_blind_spots b ON b.target_id = p.target_id LIMIT 1`);
    const id = rows[0]!.id;
    await db.pool.query('DELETE FROM targets WHERE id = $1', [id]);
    const left = await db.pool.query(
      `
      SELECT (SELECT count(*) FROM coverage_target_parts WHERE target_id = $1)
           + (SELECT count(*) FROM coverage_results r WHERE NOT EXISTS (SELECT 1 FROM coverage_target_parts p WHERE p.id = r.part_id))
           + (SELECT count(*) FROM coverage_blind_spots WHERE target_id = $1) AS n`,
      [id],
    );
    expect(Number(left.rows[0].n)).toBe(0);
  });

  it('are mended after a load that died with them off, and the next recompute runs with them mended', async () => {
    const all = await indexes();
    await dropForBulkLoad(db.pool, BULK_TABLES);
    expect(await catalogue()).toEqual([]);
    expect((await indexes()).length).toBeLessThan(all.length);
    await restoreAfterBulkLoad(db.pool);
    expect(await catalogue()).toEqual(
      bulkKeyDefinitions()
        .map((k) => `${k.table} ${k.name} ${k.def}`)
        .sort(),
    );
    expect(await indexes()).toEqual(all);
    await dropForBulkLoad(db.pool, ['coverage_results']);
    await recomputeCoverage(db.pool);
    expect(await catalogue()).toHaveLength(bulkKeyDefinitions().length);
  });

  it('treat rows whose referenced row went while the keys were off as the keys would have (delete, or NULL)', async () => {
    await dropForBulkLoad(db.pool, ['coverage_results', 'coverage_blind_spots']);
    // A part and an admin area deleted during the load: the result still names the part, the
    // blind spot the area.
    const { rows } = await db.pool.query<{ part: number; spot: number }>(`
      SELECT (SELECT r.part_id::int FROM coverage_results r LIMIT 1) AS part, (SELECT b.id::int FROM coverage_blind_spots b WHERE b.admin_area_id IS NOT NULL LIMIT 1) AS spot`);
    const { part, spot } = rows[0]!;
    await db.pool.query('UPDATE coverage_blind_spots SET admin_area_id = 999999 WHERE id = $1', [spot]);
    await db.pool.query('DELETE FROM coverage_target_parts WHERE id = $1', [part]);
    expect((await db.pool.query('SELECT 1 FROM coverage_results WHERE part_id = $1', [part])).rowCount).toBe(2);
    await restoreAfterBulkLoad(db.pool);
    expect(await catalogue()).toHaveLength(bulkKeyDefinitions().length);
    expect((await db.pool.query('SELECT 1 FROM coverage_results WHERE part_id = $1', [part])).rowCount).toBe(0);
    expect((await db.pool.query('SELECT admin_area_id FROM coverage_blind_spots WHERE id = $1', [spot])).rows[0].admin_area_id).toBeNull();
  });
});
