// Runs the real `xueliang` command against a test database, as a user would, and returns its
// exit code and output (a non-zero exit is a result to assert on, not a thrown error).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(databaseUrl: string, args: string[]): Promise<CliResult> {
  try {
    const r = await run(process.execPath, [join(REPO_ROOT, 'bin', 'xueliang.mjs'), ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      cwd: REPO_ROOT,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
