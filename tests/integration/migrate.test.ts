import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR } from '../../db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('the template already has every migration, so a re-run applies nothing (idempotent start)', async () => {
    const result = await migrate(db.url);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBeGreaterThanOrEqual(1);
  });

  it('every geometry column looked up by place has a GiST index, so bbox queries never scan a whole city', async () => {
    // Uncovered geometry of results is read by part id only; migration 0061 dropped its index
    // (rebuilt for nothing at every recompute). Any other column must have one.
    const byPartOnly = [
      { tbl: 'coverage_adhoc', col: 'uncovered_m' },
      { tbl: 'coverage_results', col: 'uncovered_m' },
    ];
    const { rows } = await db.pool.query<{ tbl: string; col: string }>(`
      SELECT f_table_name AS tbl, f_geometry_column AS col FROM geometry_columns g
      WHERE f_table_schema = 'public' AND NOT EXISTS (
        SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
        WHERE i.indrelid = (quote_ident(g.f_table_name))::regclass AND am.amname = 'gist' AND a.attname = g.f_geometry_column)
      ORDER BY 1, 2`);
    expect(rows).toEqual(byPartOnly);
  });

  it('refuses to run when an applied migration was edited, because migrations are forward-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xl-mig-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    writeFileSync(join(dir, '0001_create_foundation.sql'), '-- edited\nSELECT 1;');
    await expect(migrate(db.url, { dir })).rejects.toThrow(/edited after it was applied/);
  });

  it('rejects an invalid GB/T 28181 device id at the database level too', async () => {
    await expect(
      db.pool.query(
        "INSERT INTO cameras (device_id, type, geom, height_m) VALUES ('123', 'fixed', ST_SetSRID(ST_MakePoint(109, 32), 4326), 6)",
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
