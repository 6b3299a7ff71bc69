// The hand-over from function bodies restated in numbered migrations to one repeatable file per
// function or view (migrations/repeatable/). Databases in the field were migrated by the old
// layout: the old migration texts are applied there, checksummed, and their functions exist with
// no record of a repeatable file. Such a database must migrate without errors and end with the
// catalogue of a database made fresh from the new layout, and that catalogue must be the one the
// old migrations made: the same tables, indexes and functions, bodies equal but for comments.
//
// The old layout is read from git (the last commit before the change), so its function bodies do
// not have to stay in the tree; a checkout without that history skips with the reason. So is the
// new layout as the hand-over left it: migrations added since (tables, columns, functions) are
// later history, and a comparison with today's fresh catalogue would fail on each of them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../db/cluster';
import { loadMigrations, migrate } from '../../db/migrate';
import { loadRepeatables } from '../../db/repeatable';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { bodyWithoutComments, readCatalogue, type Catalogue } from '../helpers/catalogue';

/** main's HEAD before the repeatable-SQL change (migrations 0001-0070 restating every function). */
const LEGACY_COMMIT = 'c9a16baf4156f529af2565de4280f0533b411d27';
/** The last commit of the hand-over itself (its migrations/ and migrations/repeatable/). */
const HANDOVER_COMMIT = 'd57bda41b7dff9fbc96043e46004413e582f5a3f';
/** Functions and views the new layout added since: they exist only in the new catalogue. */
const ADDED_SINCE_LEGACY = ['xl_tile_bounds'];

const git = (...args: string[]) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 16 << 20 });

function legacyMigrations(): Array<{ name: string; sql: string }> | null {
  const listing = git('ls-tree', '--name-only', `${LEGACY_COMMIT}:migrations`);
  if (listing.status !== 0) return null;
  return listing.stdout
    .split('\n')
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ name, sql: git('show', `${LEGACY_COMMIT}:migrations/${name}`).stdout }));
}

/** migrations/ as HANDOVER_COMMIT had it, written to a temporary folder; null without that history. */
function handoverMigrationsDir(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'xl-handover-'));
  const archive = spawnSync('sh', ['-c', `git archive ${HANDOVER_COMMIT} migrations | tar -x -C '${dir}'`], { cwd: REPO_ROOT });
  if (archive.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return join(dir, 'migrations');
}

/** What db/migrate.ts did at LEGACY_COMMIT: each file in its own transaction, recorded with its SHA-256. */
async function migrateTheOldWay(url: string, files: Array<{ name: string; sql: string }>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const f of files) {
      await client.query('BEGIN');
      await client.query(f.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        Number(f.name.slice(0, 4)),
        f.name,
        createHash('sha256').update(f.sql).digest('hex'),
      ]);
      await client.query('COMMIT');
    }
  } finally {
    await client.end();
  }
}

/** The catalogue with the functions added since the old layout left out and bodies without comments. */
function comparable(c: Catalogue): Catalogue {
  const named = (list: string[]) => (name: string) => list.some((a) => name === a || name.startsWith(`${a}(`));
  const added = named(ADDED_SINCE_LEGACY);
  return {
    ...c,
    routines: c.routines.filter((r) => !added(r.identity)).map((r) => ({ ...r, body: bodyWithoutComments(r.body) })),
    views: c.views.filter((v) => !added(v.name)),
  };
}

const legacy = legacyMigrations();
const handover = legacy === null ? null : handoverMigrationsDir();

describe.skipIf(legacy === null || handover === null)(`a database migrated by the old layout (git ${LEGACY_COMMIT.slice(0, 7)})`, () => {
  let fresh: TestDatabase;
  let atHandover: TestDatabase;
  let old: TestDatabase;
  let oldCatalogue: Catalogue;
  beforeAll(async () => {
    fresh = await createTestDatabase({ poolSize: 1 });
    atHandover = await createTestDatabase({ template: 'template0', poolSize: 1 });
    await migrate(atHandover.url, { dir: handover! });
    old = await createTestDatabase({ template: 'template0', poolSize: 1 });
    await migrateTheOldWay(old.url, legacy!);
    oldCatalogue = await readCatalogue(old.pool);
  });
  afterAll(async () => {
    await fresh?.drop();
    await atHandover?.drop();
    await old?.drop();
    if (handover !== null) rmSync(join(handover, '..'), { recursive: true, force: true });
  });

  it('had the functions the old migrations restated (the starting point is real)', () => {
    const names = oldCatalogue.routines.map((r) => r.identity.replace(/\(.*$/, ''));
    expect(names).toContain('xl_insert_blind_spots');
    expect(names).toContain('xl_minus');
    expect(names.length).toBeGreaterThanOrEqual(16);
  });

  it('a fresh database of the new layout got the schema and the function bodies the old migrations made', async () => {
    expect(comparable(await readCatalogue(atHandover.pool))).toEqual(comparable(oldCatalogue));
  });

  it('each repeatable file of today defines the function or view it is named after', async () => {
    const now = await readCatalogue(fresh.pool);
    const names = new Set([...now.routines.map((r) => r.identity.replace(/\(.*$/, '')), ...now.views.map((v) => v.name)]);
    for (const r of loadRepeatables()) expect(names, r.file).toContain(r.name);
  });

  it('migrates without errors, applying every repeatable file and only the numbered migrations added since', async () => {
    const result = await migrate(old.url);
    const had = new Set(legacy!.map((f) => f.name));
    expect(result.applied).toEqual(
      loadMigrations()
        .map((m) => m.name)
        .filter((name) => !had.has(name)),
    );
    expect(result.repeatable.applied.sort()).toEqual(
      loadRepeatables()
        .map((r) => r.file)
        .sort(),
    );
  });

  it('then has exactly the catalogue of a fresh database, and a second run applies nothing', async () => {
    expect(await readCatalogue(old.pool)).toEqual(await readCatalogue(fresh.pool));
    const again = await migrate(old.url);
    expect(again.applied).toEqual([]);
    expect(again.repeatable.applied).toEqual([]);
    expect(again.repeatable.dropped).toEqual([]);
  });
});
