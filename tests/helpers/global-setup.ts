// Runs once before all suites: resolves the database server (DATABASE_URL or the private
// cluster) and makes sure a template database with PostGIS and every migration exists, from
// which each integration test file clones its own database (see ./db.ts).
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { checkDatabase, resolveDatabase } from '../../db/connect';
import { migrate } from '../../db/migrate';
import { runIdOf, templateName, withDatabaseName } from './db-names';

// Serialises template creation between concurrent runs.
const TEMPLATE_LOCK = 7_242_021;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ensureTemplate(admin: pg.Client, url: string, name: string): Promise<void> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate', [name]);
  if (rowCount === 1) return;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await migrate(withDatabaseName(url, name));
  await admin.query(`UPDATE pg_database SET datistemplate = true WHERE datname = '${name}'`);
}

async function dropLeftovers(admin: pg.Client, current: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'xl\\_test\\_%' OR (datname LIKE 'xl\\_template%' AND datname <> $1)",
    [current],
  );
  for (const { datname } of rows) {
    const runId = runIdOf(datname);
    if (runId !== null && pidAlive(runId)) continue; // another run, still going
    if (runId === null) {
      // An old template: drop it only when no test database is being cloned from it.
      await admin.query(`UPDATE pg_database SET datistemplate = false WHERE datname = '${datname}'`);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const target = await resolveDatabase({ quiet: true });
  await checkDatabase(target.url);
  const admin = new pg.Client({ connectionString: withDatabaseName(target.url, 'postgres') });
  await admin.connect();
  const name = templateName();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    await ensureTemplate(admin, target.url, name);
    await dropLeftovers(admin, name);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => {});
    await admin.end();
  }
  project.provide('databaseUrl', target.url);
  project.provide('templateDb', name);
  project.provide('testRunId', process.pid);
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    templateDb: string;
    testRunId: number;
  }
}
