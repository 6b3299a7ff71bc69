// Forward-only migrations: numbered plain SQL files in migrations/ (NNNN_verb_noun.sql), applied
// in order, each in its own transaction, recorded with a SHA-256 checksum. Editing a migration
// that was already applied is an error: write a new one instead.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from './cluster';
import { UserFacingError } from './errors';

export const MIGRATIONS_DIR = join(REPO_ROOT, 'migrations');
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Serialises concurrent `migrate` runs (npm start and an agent starting together).
const LOCK_KEY = 7_242_020;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
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
    return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

export async function migrate(url: string, options: { log?: (line: string) => void; dir?: string } = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = loadMigrations(options.dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const done = new Map(rows.map((r) => [r.version, r]));
    for (const row of rows) {
      const file = migrations.find((m) => m.version === row.version);
      if (file === undefined)
        throw new UserFacingError(
          `The database has migration ${row.name} applied, but migrations/ has no file with that number. Is this checkout older than the database?`,
        );
      if (file.checksum !== row.checksum) {
        throw new UserFacingError(
          `Migration ${file.name} was edited after it was applied (checksum differs). Migrations are forward-only: revert the edit and add a new migration.`,
        );
      }
    }
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      log(`applying ${m.name}`);
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new UserFacingError(`Migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
