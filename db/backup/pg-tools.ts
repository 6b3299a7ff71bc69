// PostgreSQL's own client programs for backups: pg_dump, pg_restore and psql of the server's
// major version (Debian's layout, /usr/lib/postgresql/<major>/bin), run without the password on
// their command line (PGPASSWORD in their environment: a command line is visible to every user).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { UserFacingError } from '../errors';
import { loadSql } from '../sql';
import { installedPostgresMajors, postgresBinDir } from '../system-packages';

const SERVER_MAJOR = loadSql(import.meta.url, 'server-major.sql');

export type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

export async function serverMajor(db: Pick<pg.Pool, 'query'>): Promise<{ major: number; version: string }> {
  const { rows } = await db.query<{ major: number; version: string }>(SERVER_MAJOR);
  return rows[0]!;
}

/**
 * The tool of the server's major version: pg_dump must not be older than the server it dumps,
 * and one of the same major writes a dump every later pg_restore reads.
 */
export function pgTool(tool: PgTool, major: number): string {
  const path = join(postgresBinDir(major), tool);
  if (existsSync(path)) return path;
  const have = installedPostgresMajors();
  throw new UserFacingError(
    `${tool} of PostgreSQL ${major} (the server's version) is not installed (found: ${have.length === 0 ? 'none' : have.join(', ')}).\n` +
      `Install it (Debian: apt-get install postgresql-client-${major}) and run the command again.`,
  );
}

/** The connection as the tools take it: the URL without its password, and the password apart. */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: 'xueliang-backup' };
  if (password !== '') env.PGPASSWORD = password;
  return { dbname: u.toString(), env };
}

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool; stdout is kept only when asked (a dump goes to a file, not to memory). */
export function runTool(path: string, args: string[], env: NodeJS.ProcessEnv, keepStdout = false): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env, stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 64 * 1024) stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** `from | to`: the first tool's output is the second's input; both must succeed. */
export function pipeTools(
  from: { path: string; args: string[] },
  to: { path: string; args: string[] },
  env: NodeJS.ProcessEnv,
): Promise<{ from: ToolRun; to: ToolRun }> {
  return new Promise((resolve, reject) => {
    const a = spawn(from.path, from.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const b = spawn(to.path, to.args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    a.stdout.pipe(b.stdin);
    // psql stopping early (ON_ERROR_STOP) closes its input: the writer's EPIPE is expected then.
    b.stdin.on('error', () => a.kill());
    const text = { a: '', b: '', out: '' };
    const keep = (key: keyof typeof text) => (d: string) => {
      if (text[key].length < 65_536) text[key] += d;
    };
    a.stderr.setEncoding('utf8').on('data', keep('a'));
    b.stderr.setEncoding('utf8').on('data', keep('b'));
    b.stdout.setEncoding('utf8').on('data', keep('out'));
    let codeA: number | undefined;
    let codeB: number | undefined;
    const done = () => {
      if (codeA === undefined || codeB === undefined) return;
      resolve({ from: { code: codeA, stdout: '', stderr: text.a }, to: { code: codeB, stdout: text.out, stderr: text.b } });
    };
    a.on('error', reject);
    b.on('error', reject);
    a.on('close', (code) => {
      codeA = code ?? 1;
      done();
    });
    b.on('close', (code) => {
      codeB = code ?? 1;
      done();
    });
  });
}
