// The database a benchmark runs in: `xl_bench_<suite>_<scale>` on the same server as everything
// else, kept between runs so a generated city is reused (`--regenerate` starts it afresh).
import pg from 'pg';
import { resolveDatabase } from '../db/connect';
import { migrate } from '../db/migrate';

export function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function openBenchDatabase(
  name: string,
  options: { fresh?: boolean } = {},
): Promise<{ name: string; url: string; serverUrl: string }> {
  const server = await resolveDatabase({ quiet: true });
  const admin = new pg.Client({ connectionString: withDb(server.url, 'postgres') });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (options.fresh === true && exists) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    if (!exists || options.fresh === true) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDb(server.url, name);
  await migrate(url);
  return { name, url, serverUrl: server.url };
}
