// One generated demo county for all browser tests: built once into a template database
// (demo loaded, coverage computed), then cloned per test file in about a second. The
// template is rebuilt when the migrations, the generator or the coverage engine change
// (fingerprint of their sources, kept in the template's database comment).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createPool } from '../../../db/connect';
import { inject } from 'vitest';
import { withDatabaseName } from '../../helpers/db-names';
import { createTestDatabase, serverUrl, type TestDatabase } from '../../helpers/db';
import { repoRoot } from './web-build';

const DEMO_TEMPLATE = 'xl_browser_demo_tpl';
// Arbitrary, fixed: the tests assert on one known county.
export const DEMO_SEED = 20201231;
const FINGERPRINT_DIRS = [
  'migrations',
  'gis-data/generate',
  'gis-data/loaders',
  'gis-data/footprint',
  'gis-data/coverage',
  'coverage-engine',
];

function fingerprint(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  for (const d of FINGERPRINT_DIRS) walk(join(repoRoot, d));
  return h.digest('hex').slice(0, 32);
}

async function buildTemplate(admin: pg.Client, base: string, print: string): Promise<void> {
  await admin.query(`UPDATE pg_database SET datistemplate = false WHERE datname = '${DEMO_TEMPLATE}'`);
  await admin.query(`DROP DATABASE IF EXISTS ${DEMO_TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DEMO_TEMPLATE} TEMPLATE ${inject('templateDb')}`);
  const pool = createPool(withDatabaseName(base, DEMO_TEMPLATE), 4);
  try {
    const { loadGeneratedCity } = await import('../../../gis-data/loaders/load-generated-city');
    await loadGeneratedCity(pool, { scale: 'demo', seed: DEMO_SEED, replace: true });
    // Until the coverage migration exists there is nothing to compute into; the tests that
    // need coverage figures then fail on their own assertions, which is the truth.
    const { rows } = await pool.query<{ ok: boolean }>("SELECT to_regclass('camera_footprints') IS NOT NULL AS ok");
    if (rows[0]?.ok === true) {
      const { recomputeCoverage } = await import('../../../coverage-engine/recompute');
      await recomputeCoverage(pool);
    } else console.warn('browser fixture: no coverage tables yet, demo loaded without coverage');
  } finally {
    await pool.end();
  }
  await admin.query(`COMMENT ON DATABASE ${DEMO_TEMPLATE} IS '${print}'`);
  await admin.query(`UPDATE pg_database SET datistemplate = true WHERE datname = '${DEMO_TEMPLATE}'`);
}

export type DemoDatabase = TestDatabase;

export async function createDemoDatabase(): Promise<DemoDatabase> {
  const admin = new pg.Client({ connectionString: withDatabaseName(serverUrl(), 'postgres') });
  await admin.connect();
  try {
    // Other test runs may build the same template at the same moment.
    await admin.query("SELECT pg_advisory_lock(hashtext('xl_browser_demo_tpl'))");
    const print = fingerprint();
    const { rows } = await admin.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [DEMO_TEMPLATE],
    );
    if (rows[0]?.comment !== print) await buildTemplate(admin, serverUrl(), print);
  } finally {
    await admin.query("SELECT pg_advisory_unlock(hashtext('xl_browser_demo_tpl'))").catch(() => undefined);
    await admin.end();
  }
  return createTestDatabase({ template: DEMO_TEMPLATE, poolSize: 8 });
}
