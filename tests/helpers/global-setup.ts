// Runs once before all suites: resolves the database server (DATABASE_URL or the private
// cluster), and builds a template database with PostGIS and every migration applied, from
// which each integration test file clones its own database (see ./db.ts).
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { checkDatabase, resolveDatabase } from '../../db/connect';
import { migrate } from '../../db/migrate';
import { TEMPLATE_DB, withDatabaseName } from './db-names';

export default async function setup(project: TestProject): Promise<void> {
  const target = await resolveDatabase({ quiet: true });
  await checkDatabase(target.url);
  const admin = new pg.Client({ connectionString: withDatabaseName(target.url, 'postgres') });
  await admin.connect();
  try {
    // Rebuild the template each run so it always matches the migrations on disk.
    await admin.query(`UPDATE pg_database SET datistemplate = false WHERE datname = '${TEMPLATE_DB}'`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${TEMPLATE_DB}'`);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await migrate(withDatabaseName(target.url, TEMPLATE_DB));
    await admin.query(`UPDATE pg_database SET datistemplate = true WHERE datname = '${TEMPLATE_DB}'`);
    // Leftovers from an interrupted earlier run.
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'xl_test_%'");
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  project.provide('databaseUrl', target.url);
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
