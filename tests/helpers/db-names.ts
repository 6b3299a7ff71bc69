// Test database names. The template is named after a hash of the migrations and the repeatable
// files (functions and views), so concurrent vitest runs (several developers, or a developer and
// a fresh-clone check) share it instead of rebuilding it under each other; per-file databases carry the run's process id, so a run only
// ever drops its own leftovers and those of runs that are no longer alive.
import { createHash } from 'node:crypto';
import { loadMigrations } from '../../db/migrate';
import { loadRepeatables } from '../../db/repeatable';

export function templateName(): string {
  const hash = createHash('sha256');
  for (const m of loadMigrations()) hash.update(`${m.name}:${m.checksum}\n`);
  for (const r of loadRepeatables()) hash.update(`repeatable/${r.file}:${r.checksum}\n`);
  return `xl_template_${hash.digest('hex').slice(0, 12)}`;
}

export function testDbPrefix(runId: number): string {
  return `xl_test_${runId}_`;
}

/** The run id (process id) encoded in a per-file test database name, or null. */
export function runIdOf(dbName: string): number | null {
  const m = /^xl_test_(\d+)_/.exec(dbName);
  return m === null ? null : Number(m[1]);
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
