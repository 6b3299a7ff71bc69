import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const fx = (name: string): string => join(repoRoot, 'tests', 'fixtures', 'import', name);
let db: TestDatabase;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [join(repoRoot, 'bin', 'xueliang.mjs'), ...args], { env: { ...process.env, DATABASE_URL: db.url }, cwd: repoRoot });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db.drop(); });

describe('xueliang import cameras (CLI)', () => {
  it('prints exactly one JSON report on stdout, without the password, and exits 0 on a dry run', async () => {
    const r = await cli(['import', 'cameras', fx('ledger-en.csv'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { counts: { add: number }; dryRun: boolean };
    expect(report).toMatchObject({ dryRun: true, counts: { add: 2 } });
    expect(r.stdout + r.stderr).not.toContain('s3cret-pass');
  });
  it('exits 1 with the rejected rows listed when a commit is refused', async () => {
    const r = await cli(['import', 'cameras', fx('ledger-rejects.csv'), '--commit']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout, r.stderr).toContain('row 3 (1234): bad_device_id');
    expect(r.stdout).toContain('Nothing changed');
  });
});
