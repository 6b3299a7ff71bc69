// One place that decides which database a command talks to: DATABASE_URL when set, otherwise
// the private cluster (started on demand). Also the pg Pool factory and the PostGIS check.
import pg from 'pg';
import { UserFacingError } from './errors';
import { ensureCluster, type ClusterInfo } from './cluster';

// Keep int8/numeric as JS numbers where they fit: counts and sums come back as bigint/numeric.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the host's timezone.
pg.types.setTypeParser(1082, (v) => v);

export interface DatabaseTarget {
  url: string;
  cluster?: ClusterInfo;
}

/** Redacts the password of a connection string for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable connection string)';
  }
}

export async function resolveDatabase(options: { quiet?: boolean } = {}): Promise<DatabaseTarget> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv !== undefined && fromEnv !== '') return { url: fromEnv };
  const cluster = await ensureCluster(options);
  return { url: cluster.url, cluster };
}

/** A pool (work may spread over several of its connections), not one checked-out client. */
export function isPool(db: pg.Pool | pg.PoolClient): db is pg.Pool {
  return !('release' in db);
}

export function createPool(url: string, max = 10): pg.Pool {
  // Idle connections stay five minutes (pg's default is 10 s): a sporadic camera edit then meets
  // a session whose statements are already planned (a cold one costs 50-90 ms more per refresh).
  // allowExitOnIdle: idle connections never keep a finished command's process alive.
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'xueliang', idleTimeoutMillis: 300_000, allowExitOnIdle: true });
  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', (err) => console.error(`database connection lost: ${err.message}`));
  // Nor may a checked-out one: pg-pool removes its own listener while a client is out, so a
  // server that dies between two statements of a transaction (an import staging rows) emitted
  // 'error' with no listener and ended the API (found by tests/integration/fault). Now the
  // statement in progress, or the next one, fails as usual and release() drops the client.
  const inUse = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => inUse.add(client));
  pool.on('release', (_err, client) => inUse.delete(client));
  pool.on('connect', (client) =>
    client.on('error', (err) => {
      if (inUse.has(client)) console.error(`database connection lost during a transaction: ${err.message}`);
    }),
  );
  return pool;
}

/** One session of its own (a worker thread's), with the type parsers above. */
export async function connectClient(url: string, applicationName = 'xueliang'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  await client.connect();
  return client;
}

/** Connects once and checks that PostGIS can be used, with a clear error otherwise. */
export async function checkDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new UserFacingError(
      `Cannot reach the database at ${redactUrl(url)}: ${(err as Error).message}.\nCheck DATABASE_URL (or unset it to use the private cluster).`,
    );
  }
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'");
    if (rows[0]?.n !== 1) {
      throw new UserFacingError(
        `The database at ${redactUrl(url)} has no PostGIS extension available.\nInstall PostGIS on that server (Debian: postgresql-<major>-postgis-3), or unset DATABASE_URL to use the private cluster.`,
      );
    }
  } finally {
    await client.end();
  }
}
