// The schema: numbered migrations for tables, columns, indexes and data moves, and one repeatable
// file per function or view (repeatable.ts, apply-repeatables.ts). Under one advisory lock:
// 1. numbered plain SQL files in migrations/ (NNNN_verb_noun.sql), applied in order, each in its
//    own transaction, recorded with a SHA-256 checksum. Editing a migration that was already
//    applied is an error: write a new one instead. A migration that calls a repeatable function
//    while it runs says so in a comment, `-- requires: xl_name[, …]`; those files are brought up
//    to date first, in that migration's transaction;
// 2. the repeatable files in migrations/repeatable/ whose checksum changed, in dependency order,
//    all in one transaction, recorded in schema_repeatables.
//
// The hand-over (issue 16): migrations up to 0070 used to restate whole function bodies (one
// function was defined six times). Those definitions were cut out of them into the repeatable
// files, which changed the old files' checksums, while databases in the field had applied the old
// texts. The old checksums are kept in superseded-checksums.ts and accepted for those files, so
// such a database passes the check; its functions, which no repeatable record vouches for yet, are
// then all re-applied from the files (CREATE OR REPLACE: same names and signatures), which leaves
// it with exactly the catalogue of a database made fresh (tests/integration/migrate-handover.test.ts).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { RepeatableRun, type RepeatableResult } from './apply-repeatables';
import { REPO_ROOT } from './cluster';
import { UserFacingError } from './errors';
import { loadRepeatables } from './repeatable';
import { loadSql } from './sql';
import { SUPERSEDED_CHECKSUMS } from './superseded-checksums';

export const MIGRATIONS_DIR = join(REPO_ROOT, 'migrations');
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;
const REQUIRES = /^--\s*requires:\s*(.+)$/gm;
// Serialises concurrent `migrate` runs (npm start and an agent starting together).
const LOCK_KEY = 7_242_020;

// The migrator's own statements (db/queries/).
const SQL = {
  createMigrations: loadSql(import.meta.url, 'queries/create-schema-migrations.sql'),
  createRepeatables: loadSql(import.meta.url, 'queries/create-schema-repeatables.sql'),
  selectMigrations: loadSql(import.meta.url, 'queries/select-migrations.sql'),
  insertMigration: loadSql(import.meta.url, 'queries/insert-migration.sql'),
};

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
  /** Repeatable objects the migration calls while it runs (`-- requires: a, b`). */
  requires: string[];
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  repeatable: RepeatableResult;
}

export interface MigrateOptions {
  log?: (line: string) => void;
  dir?: string;
  /** Default: `repeatable/` inside `dir`. When the folder does not exist, repeatable files are left alone. */
  repeatableDir?: string;
  /** Old checksums still accepted per migration file name (default: superseded-checksums.ts). */
  superseded?: Readonly<Record<string, readonly string[]>>;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  return files.map((name) => {
    const match = FILE_PATTERN.exec(name);
    if (match === null) throw new UserFacingError(`Migration file ${name} does not follow NNNN_verb_noun.sql.`);
    const version = Number(match[1]);
    if (seen.has(version)) throw new UserFacingError(`Two migrations share the number ${match[1]}.`);
    seen.add(version);
    const sql = readFileSync(join(dir, name), 'utf8');
    const requires = [...sql.matchAll(REQUIRES)].flatMap((m) => m[1]!.split(/[\s,]+/).filter((n) => n !== ''));
    return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex'), requires };
  });
}

export async function migrate(url: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const dir = options.dir ?? MIGRATIONS_DIR;
  const migrations = loadMigrations(dir);
  const repeatableDir = options.repeatableDir ?? join(dir, 'repeatable');
  const repeatables = existsSync(repeatableDir) ? loadRepeatables(repeatableDir) : null;
  const superseded = options.superseded ?? SUPERSEDED_CHECKSUMS;
  for (const m of migrations)
    for (const name of m.requires)
      if (!repeatables?.some((r) => r.name === name))
        throw new UserFacingError(`Migration ${m.name} requires ${name}, but there is no file migrations/repeatable/${name}.sql.`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(SQL.createMigrations);
    if (repeatables !== null) await client.query(SQL.createRepeatables);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(SQL.selectMigrations);
    const done = new Map(rows.map((r) => [r.version, r]));
    for (const row of rows) {
      const file = migrations.find((m) => m.version === row.version);
      if (file === undefined)
        throw new UserFacingError(
          `The database has migration ${row.name} applied, but migrations/ has no file with that number. Is this checkout older than the database?`,
        );
      if (file.checksum !== row.checksum && !(superseded[file.name] ?? []).includes(row.checksum)) {
        throw new UserFacingError(
          `Migration ${file.name} was edited after it was applied (checksum differs). Migrations are forward-only: revert the edit and add a new migration.`,
        );
      }
    }
    const run = repeatables === null ? null : await RepeatableRun.start(client, repeatables, log);
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      log(`applying ${m.name}`);
      await inTransaction(client, `Migration ${m.name}`, async () => {
        if (m.requires.length > 0) await run!.apply(m.requires);
        await client.query(m.sql);
        await client.query(SQL.insertMigration, [m.version, m.name, m.checksum]);
      });
      applied.push(m.name);
    }
    if (run !== null)
      await inTransaction(client, 'Applying the repeatable files', async () => {
        await run.apply();
        await run.dropRemoved();
      });
    const repeatable = run?.result() ?? { applied: [], dropped: [], unchanged: 0 };
    return { applied, alreadyApplied: done.size, repeatable };
  } finally {
    // A lost connection releases the lock by itself; say so rather than hide it.
    await client
      .query('SELECT pg_advisory_unlock($1)', [LOCK_KEY])
      .catch((err: Error) => log(`migrate lock not released explicitly (${err.message}); it goes with the connection`));
    await client.end();
  }
}

async function inTransaction(client: pg.Client, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await client.query('BEGIN');
    await work();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    if (err instanceof UserFacingError) throw new UserFacingError(`${err.message} (${what}: rolled back.)`);
    throw new UserFacingError(`${what} failed and was rolled back: ${(err as Error).message}`);
  }
}
