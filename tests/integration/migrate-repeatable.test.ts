// Repeatable files (migrations/repeatable/<name>.sql, one function or view each) are applied by
// `migrate` after the numbered migrations, in the order their references demand, whenever their
// checksum changed; a change CREATE OR REPLACE cannot make (another result type, other
// parameters) drops the old definition and what depends on it among the repeatable objects, and
// re-creates them. Run here on toy schemas in empty databases, so each case starts clean.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ITEMS = 'CREATE TABLE items (n integer NOT NULL);\nINSERT INTO items VALUES (1), (2), (3);\n';
// The view's name sorts before the function it calls: the order must come from the reference.
const TOTAL = 'CREATE OR REPLACE FUNCTION b_total() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT sum(n)::integer FROM items $$;\n';
const SUMMARY = 'CREATE OR REPLACE VIEW a_summary AS SELECT b_total() AS total;\n';

let db: TestDatabase;
let dir: string;
const write = (path: string, text: string) => writeFileSync(join(dir, path), text);
const run = (options: Parameters<typeof migrate>[1] = {}) => migrate(db.url, { dir, ...options });
const one = async <T>(sql: string): Promise<T> => (await db.pool.query(sql)).rows[0] as T;
const routines = async (name: string) =>
  (
    await db.pool.query<{ sig: string; result: string }>(
      'SELECT oid::regprocedure::text AS sig, pg_get_function_result(oid) AS result FROM pg_proc WHERE proname = $1 ORDER BY 1',
      [name],
    )
  ).rows;

beforeEach(async () => {
  db = await createTestDatabase({ template: 'template0', poolSize: 1 });
  dir = mkdtempSync(join(tmpdir(), 'xl-repeatable-'));
  mkdirSync(join(dir, 'repeatable'));
  write('0001_create_items.sql', ITEMS);
  write('repeatable/b_total.sql', TOTAL);
  write('repeatable/a_summary.sql', SUMMARY);
});
afterEach(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('repeatable files', () => {
  it('are applied after the migrations in dependency order, recorded with their checksums, and not again', async () => {
    const first = await run();
    expect(first.applied).toEqual(['0001_create_items.sql']);
    expect(first.repeatable.applied).toEqual(['b_total.sql', 'a_summary.sql']);
    expect(await one('SELECT total FROM a_summary')).toEqual({ total: 6 });
    const { rows } = await db.pool.query('SELECT name, checksum FROM schema_repeatables ORDER BY name');
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(rows).toEqual([
      { name: 'a_summary', checksum: sha(SUMMARY) },
      { name: 'b_total', checksum: sha(TOTAL) },
    ]);
    const second = await run();
    expect(second.applied).toEqual([]);
    expect(second.repeatable).toEqual({ applied: [], dropped: [], unchanged: 2 });
  });

  it('re-applies only the file whose text changed, and what uses it sees the new body', async () => {
    await run();
    write('repeatable/b_total.sql', TOTAL.replace('sum(n)', '10 * sum(n)'));
    const result = await run();
    expect(result.repeatable.applied).toEqual(['b_total.sql']);
    expect(await one('SELECT total FROM a_summary')).toEqual({ total: 60 });
  });

  it('drops and re-creates a function whose result type changed, with the view that depends on it', async () => {
    await run();
    write('repeatable/b_total.sql', TOTAL.replace('RETURNS integer', 'RETURNS bigint').replace('::integer', '::bigint'));
    const result = await run();
    expect(result.repeatable.applied).toEqual(['b_total.sql', 'a_summary.sql']);
    expect(await routines('b_total')).toEqual([{ sig: 'b_total()', result: 'bigint' }]);
    expect(await one('SELECT pg_typeof(total)::text AS type, total FROM a_summary')).toEqual({ type: 'bigint', total: 6 });
  });

  it('drops the old overload when the parameters changed, so one definition remains', async () => {
    await run();
    write(
      'repeatable/b_total.sql',
      'CREATE OR REPLACE FUNCTION b_total(factor integer DEFAULT 1) RETURNS integer LANGUAGE sql STABLE AS $$ SELECT factor * sum(n)::integer FROM items $$;\n',
    );
    const result = await run();
    expect(result.repeatable.applied).toEqual(['b_total.sql', 'a_summary.sql']);
    expect(await routines('b_total')).toEqual([{ sig: 'b_total(integer)', result: 'integer' }]);
    expect(await one('SELECT total FROM a_summary')).toEqual({ total: 6 });
  });

  it('drops the function or view of a deleted file and forgets it', async () => {
    await run();
    rmSync(join(dir, 'repeatable', 'a_summary.sql'));
    const result = await run();
    expect(result.repeatable).toEqual({ applied: [], dropped: ['a_summary'], unchanged: 1 });
    expect(await one("SELECT to_regclass('a_summary') AS v")).toEqual({ v: null });
    expect((await db.pool.query("SELECT 1 FROM schema_repeatables WHERE name = 'a_summary'")).rowCount).toBe(0);
  });

  it('makes a view again that a migration dropped (say, to change a column it reads), though its file did not change', async () => {
    await run();
    write('0002_alter_items_bigint.sql', 'DROP VIEW a_summary;\nALTER TABLE items ALTER COLUMN n TYPE bigint;\n');
    const result = await run();
    expect(result.applied).toEqual(['0002_alter_items_bigint.sql']);
    expect(result.repeatable.applied).toEqual(['a_summary.sql']);
    expect(await one('SELECT total FROM a_summary')).toEqual({ total: 6 });
  });

  it('lets a migration use a repeatable function at migration time (requires), on a fresh database', async () => {
    write(
      'repeatable/c_positive.sql',
      'CREATE OR REPLACE FUNCTION c_positive(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v > 0 $$;\n',
    );
    write(
      '0002_alter_items_positive.sql',
      '-- requires: c_positive\nALTER TABLE items ADD CONSTRAINT items_positive CHECK (c_positive(n));\n',
    );
    const result = await run();
    expect(result.applied).toEqual(['0001_create_items.sql', '0002_alter_items_positive.sql']);
    // Applied once, before the migration that needs it; the rest after the migrations.
    expect(result.repeatable.applied).toEqual(['c_positive.sql', 'b_total.sql', 'a_summary.sql']);
    await expect(db.pool.query('INSERT INTO items VALUES (-1)')).rejects.toThrow(/items_positive/);
  });

  it('refuses a migration that requires a repeatable file that does not exist', async () => {
    write('0002_alter_items_positive.sql', '-- requires: c_missing\nSELECT 1;\n');
    await expect(run()).rejects.toThrow(/0002_alter_items_positive\.sql requires c_missing.*repeatable\/c_missing\.sql/);
  });

  it('stops with the dependent named, and changes nothing, when a table depends on a definition it must drop', async () => {
    write(
      'repeatable/c_positive.sql',
      'CREATE OR REPLACE FUNCTION c_positive(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v > 0 $$;\n',
    );
    write(
      '0002_alter_items_positive.sql',
      '-- requires: c_positive\nALTER TABLE items ADD CONSTRAINT items_positive CHECK (c_positive(n));\n',
    );
    await run();
    write('repeatable/b_total.sql', TOTAL.replace('sum(n)', '100 * sum(n)'));
    write(
      'repeatable/c_positive.sql',
      'CREATE OR REPLACE FUNCTION c_positive(v bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v > 0 $$;\n',
    );
    await expect(run()).rejects.toThrow(/c_positive\.sql.*items_positive/s);
    // One transaction for all repeatable files: b_total's change is not half-applied either.
    expect(await one('SELECT total FROM a_summary')).toEqual({ total: 6 });
    expect(await routines('c_positive')).toEqual([{ sig: 'c_positive(integer)', result: 'boolean' }]);
  });

  it('refuses a file that does not define the function or view it is named after', async () => {
    write('repeatable/d_other.sql', 'CREATE OR REPLACE FUNCTION d_wrong() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;\n');
    await expect(run()).rejects.toThrow(/d_other\.sql.*d_other/);
    expect(await routines('d_wrong')).toEqual([]);
  });

  it('names the file and the database error when a file fails', async () => {
    write(
      'repeatable/d_broken.sql',
      'CREATE OR REPLACE FUNCTION d_broken() RETURNS integer LANGUAGE sql AS $$ SELECT no_such_column FROM items $$;\n',
    );
    await expect(run()).rejects.toThrow(/repeatable\/d_broken\.sql.*no_such_column/s);
  });
});

describe('migrations whose function bodies moved to repeatable files', () => {
  it('accept the checksum of their old text as recorded by databases migrated before the move', async () => {
    const old = `${ITEMS}CREATE FUNCTION b_total() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT sum(n)::integer FROM items $$;\n`;
    write('0001_create_items.sql', old);
    await run({ repeatableDir: join(dir, 'none') });
    write('0001_create_items.sql', ITEMS);
    await expect(run()).rejects.toThrow(/0001_create_items\.sql was edited after it was applied/);
    const superseded = { '0001_create_items.sql': [createHash('sha256').update(old).digest('hex')] };
    const result = await run({ superseded });
    expect(result.applied).toEqual([]);
    expect(result.repeatable.applied).toEqual(['b_total.sql', 'a_summary.sql']);
    expect(await routines('b_total')).toEqual([{ sig: 'b_total()', result: 'integer' }]);
  });
});
