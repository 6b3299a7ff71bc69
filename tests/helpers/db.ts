// Each integration test file gets its own database, cloned from the migrated template, so
// files never share mutable state and can run in parallel.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool } from '../../db/connect';
import { testDbPrefix, withDatabaseName } from './db-names';

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  return inject('databaseUrl');
}

/** Clones a database for one test file: the migrated template, or another prepared template. */
export async function createTestDatabase(options: { template?: string; poolSize?: number } = {}): Promise<TestDatabase> {
  const base = serverUrl();
  const name = `${testDbPrefix(inject('testRunId'))}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabaseName(base, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${options.template ?? inject('templateDb')}`);
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(base, name);
  const pool = createPool(url, options.poolSize ?? 5);
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: withDatabaseName(base, 'postgres') });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
