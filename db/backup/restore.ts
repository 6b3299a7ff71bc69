// `xueliang db restore FILE` (issue 15 item 18). Everything is checked before anything is
// written: the file is a custom-format dump made by `xueliang db backup` (its settings row
// `backup`, read with pg_restore without restoring), every key its camera credentials were
// encrypted with is configured here (XUELIANG_SECRET_KEY or XUELIANG_SECRET_KEYS_OLD; otherwise
// the credentials would come back unreadable), and the database is empty (or --replace). The
// restore itself is one transaction (pg_restore's script through psql --single-transaction,
// after DROP SCHEMA public with --replace): it lands whole or not at all.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { createPool, redactUrl } from '../connect';
import { decryptSecret, keyFingerprints } from '../credentials';
import { UserFacingError } from '../errors';
import { loadSql } from '../sql';
import type { BackupRecord } from './backup';
import { pgTool, pipeTools, runTool, serverMajor, toolConnection } from './pg-tools';

const USER_TABLES = loadSql(import.meta.url, 'user-tables.sql');
const SAMPLE_CREDENTIALS = loadSql(import.meta.url, 'sample-credentials.sql');
const COUNTS = loadSql(import.meta.url, 'restored-counts.sql');

export interface RestoreResult {
  file: string;
  database: string;
  replaced: boolean;
  backup: BackupRecord;
  counts: { cameras: number; statusEvents: number; targets: number };
  ms: number;
}

function isCustomDump(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

/** COPY text format: backslash escapes (the only ones pg_dump writes for our values). */
function unescapeCopy(field: string): string {
  return field.replace(/\\(.)/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' })[c] ?? c);
}

/** The `backup` settings row of a dump, from pg_restore's script of the settings table's data. */
export function parseBackupRecord(script: string): BackupRecord | null {
  const lines = script.split('\n');
  const start = lines.findIndex((l) => /^COPY (?:public\.)?settings \(/.test(l));
  if (start < 0) return null;
  const columns = /\(([^)]*)\)/
    .exec(lines[start]!)![1]!
    .split(',')
    .map((c) => c.trim());
  const keyAt = columns.indexOf('key');
  const valueAt = columns.indexOf('value');
  for (let i = start + 1; i < lines.length && lines[i] !== '\\.'; i += 1) {
    const fields = lines[i]!.split('\t');
    if (unescapeCopy(fields[keyAt] ?? '') !== 'backup') continue;
    const value = JSON.parse(unescapeCopy(fields[valueAt] ?? 'null')) as Partial<BackupRecord> | null;
    if (value?.format !== 1 || typeof value.keyFingerprint !== 'string' || !Array.isArray(value.credentialKeys)) return null;
    return value as BackupRecord;
  }
  return null;
}

async function readBackupRecord(pgRestore: string, file: string): Promise<BackupRecord | null> {
  const run = await runTool(pgRestore, ['--data-only', '--table=settings', '--file=-', file], process.env, true);
  if (run.code !== 0) {
    throw new UserFacingError(
      `${basename(file)}: pg_restore cannot read it (exit ${run.code}); nothing was restored.\n${run.stderr.trim()}`,
    );
  }
  return parseBackupRecord(run.stdout);
}

export async function restoreDatabase(url: string, file: string, options: { replace?: boolean } = {}): Promise<RestoreResult> {
  const started = Date.now();
  if (!existsSync(file)) throw new UserFacingError(`File not found: ${file}`);
  if (!isCustomDump(file)) {
    throw new UserFacingError(
      `${basename(file)} is not a backup (not PostgreSQL's custom dump format; make one with xueliang db backup FILE).`,
    );
  }
  const pool = createPool(url, 2);
  try {
    const server = await serverMajor(pool);
    const pgRestore = pgTool('pg_restore', server.major);
    const psql = pgTool('psql', server.major);
    const backup = await readBackupRecord(pgRestore, file);
    if (backup === null) {
      throw new UserFacingError(
        `${basename(file)} is a PostgreSQL dump but not a backup made by xueliang db backup (it records no key fingerprint); nothing was restored.`,
      );
    }
    const here = keyFingerprints();
    const missing = backup.credentialKeys.filter((k) => !here.all.includes(k));
    if (missing.length > 0) {
      throw new UserFacingError(
        `${basename(file)}: its camera credentials were encrypted with the key ${missing.join(', ')} (fingerprint), which is not configured here ` +
          `(XUELIANG_SECRET_KEY ${here.current}${here.all.length > 1 ? `, XUELIANG_SECRET_KEYS_OLD ${here.all.slice(1).join(', ')}` : ''}). ` +
          `Restored with this key they could never be decrypted. Set XUELIANG_SECRET_KEY to the backup's key (or add it to ` +
          `XUELIANG_SECRET_KEYS_OLD during a rotation) and run the restore again. Nothing was restored.`,
      );
    }
    const { rows: tables } = await pool.query<{ tablename: string }>(USER_TABLES);
    if (tables.length > 0 && options.replace !== true) {
      throw new UserFacingError(
        `The database ${redactUrl(url)} is not empty (${tables.length} tables, e.g. ${tables
          .slice(0, 3)
          .map((t) => t.tablename)
          .join(', ')}). Restore into an empty database, or pass --replace to replace everything in it. Nothing was restored.`,
      );
    }
    const { dbname, env } = toolConnection(url);
    const replace = tables.length > 0 ? ['-c', 'DROP SCHEMA public CASCADE', '-c', 'CREATE SCHEMA public'] : [];
    const run = await pipeTools(
      { path: pgRestore, args: ['--no-owner', '--no-privileges', '--file=-', file] },
      { path: psql, args: ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', `--dbname=${dbname}`, ...replace, '-f', '-'] },
      env,
    );
    if (run.from.code !== 0 || run.to.code !== 0) {
      const why = (run.to.code !== 0 ? run.to.stderr : run.from.stderr).trim();
      throw new UserFacingError(
        `Restoring ${basename(file)} failed, so the transaction was rolled back and the database is as it was.\n${why}`,
      );
    }
    // Prove what the key check promised: one credential per key decrypts.
    const { rows: samples } = await pool.query<{ enc: Buffer }>(SAMPLE_CREDENTIALS);
    for (const s of samples) decryptSecret(s.enc);
    const { rows } = await pool.query<{ cameras: number; status_events: number; targets: number }>(COUNTS);
    const c = rows[0]!;
    return {
      file,
      database: redactUrl(url),
      replaced: tables.length > 0,
      backup,
      counts: { cameras: c.cameras, statusEvents: c.status_events, targets: c.targets },
      ms: Date.now() - started,
    };
  } finally {
    await pool.end();
  }
}
