import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { runCli } from '../../helpers/cli';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const fx = (name: string): string => join(repoRoot, 'tests', 'fixtures', 'import', name);
let db: TestDatabase;

const cli = (args: string[]) => runCli(db.url, args);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

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
