// `xueliang db backup FILE` (issue 15 item 18): the whole database in PostgreSQL's custom dump
// format (pg_dump of the server's major version), with what a restore must check first recorded
// inside it: the settings row `backup` holds the fingerprint of the secret key and of every key
// the stored camera credentials were encrypted with. The row is written just before the dump,
// so the dump carries it; restore reads it back before touching anything.
import { renameSync, rmSync, statSync } from 'node:fs';
import type pg from 'pg';
import { keyFingerprints } from '../credentials';
import { UserFacingError } from '../errors';
import { loadSql } from '../sql';
import { pgTool, runTool, serverMajor, toolConnection } from './pg-tools';

const KEY_IDS = loadSql(import.meta.url, 'credential-key-ids.sql');
const PUT_SETTING = loadSql(import.meta.url, 'put-backup-setting.sql');

/** The settings row a backup writes (format 1). */
export interface BackupRecord {
  format: 1;
  createdAt: string;
  /** Fingerprint of XUELIANG_SECRET_KEY when the backup was made. */
  keyFingerprint: string;
  /** Fingerprints of the keys the stored credentials are encrypted with (all must be configured to restore). */
  credentialKeys: string[];
  serverVersion: string;
}

export interface BackupResult extends BackupRecord {
  file: string;
  bytes: number;
  ms: number;
}

export async function credentialKeysInUse(db: Pick<pg.Pool, 'query'>): Promise<string[]> {
  const { rows } = await db.query<{ key_id: string | null }>(KEY_IDS);
  return rows.map((r) => r.key_id).filter((k): k is string => k !== null);
}

export async function backupDatabase(pool: pg.Pool, url: string, file: string): Promise<BackupResult> {
  const started = Date.now();
  const server = await serverMajor(pool);
  const pgDump = pgTool('pg_dump', server.major);
  const record: BackupRecord = {
    format: 1,
    createdAt: new Date().toISOString(),
    keyFingerprint: keyFingerprints().current,
    credentialKeys: await credentialKeysInUse(pool),
    serverVersion: server.version,
  };
  await pool.query(PUT_SETTING, [JSON.stringify(record)]);
  // Written beside the target and renamed when complete: a failed dump never leaves a file that
  // looks like a backup.
  const partial = `${file}.partial`;
  const { dbname, env } = toolConnection(url);
  const run = await runTool(pgDump, ['--format=custom', '--compress=6', `--file=${partial}`, `--dbname=${dbname}`], env);
  if (run.code !== 0) {
    rmSync(partial, { force: true });
    throw new UserFacingError(`pg_dump failed (exit ${run.code}); nothing was written to ${file}.\n${run.stderr.trim()}`);
  }
  renameSync(partial, file);
  return { ...record, file, bytes: statSync(file).size, ms: Date.now() - started };
}
