// The private PostgreSQL cluster that `npm start`, `npm test` and every `xueliang` command use
// when DATABASE_URL is unset: its own data directory, port (54329) and socket, loopback only,
// never a system cluster. PostgreSQL refuses to run as root, so as root the server runs as the
// `postgres` OS user, which must be able to reach the data directory: when the checkout sits
// under a folder that user cannot enter (CI clones often do), the cluster lives under
// /var/lib/xueliang/<hash of the checkout path> instead.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { UserFacingError } from './errors';
import { ensurePostgresWithPostgis, postgresBinDir } from './system-packages';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_PG_PORT = 54329;
const DB_USER = 'xueliang';
const DB_NAME = 'xueliang';
const FALLBACK_ROOT = '/var/lib/xueliang';

export interface ClusterInfo {
  url: string;
  dataDir: string;
  port: number;
  /** True when this call started the server (so the caller may stop it on exit). */
  startedHere: boolean;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function clusterPort(): number {
  const raw = process.env.XUELIANG_PG_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PG_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new UserFacingError(`XUELIANG_PG_PORT=${raw} is not a port number between 1024 and 65535.`);
  }
  return port;
}

/** Runs a PostgreSQL tool as the OS user that owns the cluster. */
function runAsServerUser(cmd: string, args: string[]): SpawnSyncReturns<string> {
  // cwd '/': the server user may not be allowed into the directory we were started from.
  if (isRoot()) return spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', cwd: '/' });
  return spawnSync(cmd, args, { encoding: 'utf8' });
}

function serverUserCanReach(dir: string): boolean {
  if (!isRoot()) return true;
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir], { stdio: 'ignore' }).status === 0;
}

/** Where the cluster's files live: `.data/pg` in the checkout, or a reachable fallback. */
export function clusterDataDir(): string {
  const override = process.env.XUELIANG_PG_DATA;
  if (override !== undefined && override !== '') return resolve(override);
  const local = join(REPO_ROOT, '.data');
  mkdirSync(local, { recursive: true, mode: 0o755 });
  if (serverUserCanReach(local)) return join(local, 'pg');
  const hash = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12);
  // The shared parent must be traversable by the server user; the cluster's own folder is 0700.
  mkdirSync(FALLBACK_ROOT, { recursive: true });
  chmodSync(FALLBACK_ROOT, 0o755);
  return `${FALLBACK_ROOT}/${hash}/pg`;
}

/** The cluster's password lives beside its data directory, so the two cannot drift apart. */
function secretFile(dataDir: string): string {
  return join(dirname(dataDir), 'pg-password');
}

function readOrCreatePassword(dataDir: string): string {
  const file = secretFile(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  // Earlier versions kept it in the checkout's .data even when the cluster lived elsewhere.
  const legacy = join(REPO_ROOT, '.data', 'pg-password');
  if (legacy !== file && existsSync(legacy)) {
    const password = readFileSync(legacy, 'utf8').trim();
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new UserFacingError(
      `The private cluster in ${dataDir} exists but its password file ${file} is missing.\nRestore the file, or remove ${dirname(dataDir)} to let the cluster be created afresh (its data will be lost).`,
    );
  }
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export function clusterUrl(port = clusterPort(), dataDir = clusterDataDir()): string {
  const password = readOrCreatePassword(dataDir);
  return `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      done(false);
    });
  });
}

function prepareDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (pg.status !== 0)
      throw new UserFacingError(
        'Running as root needs the `postgres` OS user (created by the postgresql package) to run the server, and it does not exist.',
      );
    chownSync(dir, Number(pg.stdout.trim()), Number(gid.stdout.trim()));
  }
  chmodSync(dir, 0o700);
}

function initCluster(bin: string, dataDir: string, port: number): void {
  console.log(`• Creating the private PostgreSQL cluster in ${dataDir} (port ${port})…`);
  prepareDir(dirname(dataDir));
  prepareDir(dataDir);
  const pwFile = join(dirname(dataDir), '.initdb-pw');
  writeFileSync(pwFile, `${readOrCreatePassword(dataDir)}\n`, { mode: 0o600 });
  if (isRoot()) prepareOwnership(pwFile);
  const res = runAsServerUser(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    DB_USER,
    `--pwfile=${pwFile}`,
    '--auth-local=scram-sha-256',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
  ]);
  rmSync(pwFile, { force: true });
  if (res.status !== 0) {
    throw new UserFacingError(`initdb failed for ${dataDir}:\n${res.stderr || res.stdout}`);
  }
  // The socket lives in the data directory unless the path is too long for a Unix socket.
  const socketDirs = dataDir.length < 90 ? dataDir : '';
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    [
      '',
      '# Xueliang private cluster',
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${socketDirs}'`,
      'max_connections = 200',
      'shared_buffers = 256MB',
      'work_mem = 64MB',
      'maintenance_work_mem = 512MB',
      // JIT costs seconds on big generator queries and gains nothing here (coverage-performance-notes).
      'jit = off',
      "timezone = 'UTC'",
      'log_min_messages = warning',
      '',
    ].join('\n'),
  );
}

function prepareOwnership(file: string): void {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  chownSync(file, uid, gid);
}

function logTail(logFile: string): string {
  if (!existsSync(logFile)) return '(no server log)';
  return readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Given at every start, so clusters made by older versions get them too. A full recompute of a
 * city writes a few GB of results: with the default 1 GB of WAL between checkpoints the server
 * checkpointed every ~20 s mid-run, and each checkpoint makes the next writes log whole pages.
 * synchronous_commit = on: a commit is acknowledged once it is on disk. Clusters made before
 * had it off in postgresql.conf, and a crash then lost commits already acknowledged (an import
 * reported as committed, status changes the agent had dropped from its buffer; shown by
 * tests/integration/fault). Derived data that can always be recomputed opts out per transaction
 * (inTransaction's `derived`).
 */
const SERVER_OPTIONS = ['-c max_wal_size=8GB', '-c checkpoint_timeout=30min', '-c wal_compression=lz4', '-c synchronous_commit=on'];

/** Ensures the private cluster exists and runs; returns its connection URL. */
export async function ensureCluster(options: { quiet?: boolean } = {}): Promise<ClusterInfo> {
  const major = ensurePostgresWithPostgis();
  const bin = postgresBinDir(major);
  const port = clusterPort();
  const dataDir = clusterDataDir();
  const url = clusterUrl(port, dataDir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) initCluster(bin, dataDir, port);
  const status = runAsServerUser(join(bin, 'pg_ctl'), ['status', '-D', dataDir]);
  if (status.status === 0) {
    // Running already, perhaps on the port of an earlier start (postmaster.pid's fourth line):
    // connecting to another port only said "refused" and blamed the password file.
    let runningPort = Number.NaN;
    try {
      runningPort = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
    } catch {
      // Unreadable lock file: nothing to compare, the connection below says what is wrong.
    }
    if (Number.isInteger(runningPort) && runningPort > 0 && runningPort !== port) {
      throw new UserFacingError(
        `The private PostgreSQL cluster in ${dataDir} is already running on port ${runningPort}, not ${port} (XUELIANG_PG_PORT).\nUse XUELIANG_PG_PORT=${runningPort}, or stop it first (npx xueliang db stop) to start it on port ${port}.`,
      );
    }
    await ensureDatabaseExists(url);
    return { url, dataDir, port, startedHere: false };
  }

  if (await portIsOpen(port)) {
    throw new UserFacingError(
      `Port ${port} on 127.0.0.1 is taken by another program, so the private PostgreSQL cluster cannot start.\nSet XUELIANG_PG_PORT to a free port, or set DATABASE_URL to use an existing PostGIS server.`,
    );
  }
  // A crash can leave postmaster.pid behind; PostgreSQL refuses to start on it only when the
  // process it names is alive, so remove it when that process is gone and let WAL replay recover.
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!pidAlive(pid)) {
      if (options.quiet !== true) console.log('• Found a stale lock from a crashed cluster; recovering it…');
      rmSync(pidFile, { force: true });
    }
  }
  const logFile = join(dirname(dataDir), 'postgres.log');
  if (options.quiet !== true) console.log(`• Starting PostgreSQL ${major} (private cluster, 127.0.0.1:${port})…`);
  const start = runAsServerUser(join(bin, 'pg_ctl'), [
    'start',
    '-w',
    '-t',
    '120',
    '-D',
    dataDir,
    '-l',
    logFile,
    '-o',
    SERVER_OPTIONS.join(' '),
  ]);
  if (start.status !== 0) {
    throw new UserFacingError(
      `The private PostgreSQL cluster in ${dataDir} did not start.\nLast lines of ${logFile}:\n${logTail(logFile)}`,
    );
  }
  await ensureDatabaseExists(url);
  return { url, dataDir, port, startedHere: true };
}

/** initdb makes only the `postgres` database; the application's own is created on first use. */
async function ensureDatabaseExists(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (err) {
    throw new UserFacingError(
      `The private cluster on ${admin.host} refused the connection: ${(err as Error).message}.\nIf its password file (pg-password beside the data directory) was replaced, restore it, or remove the cluster's folder to create it afresh.`,
    );
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await client.end();
  }
}

export function stopCluster(dataDir = clusterDataDir()): void {
  const major = ensurePostgresWithPostgis();
  runAsServerUser(join(postgresBinDir(major), 'pg_ctl'), ['stop', '-m', 'fast', '-w', '-D', dataDir]);
}
