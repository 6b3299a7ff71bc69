// Issue 15 item 18: there was no backup. `xueliang db backup FILE` writes PostgreSQL's custom
// dump format with the secret key's fingerprint recorded; `xueliang db restore FILE` restores it
// into an empty database, and refuses, changing nothing, when this machine's key could not read
// the camera credentials in it, or when the database is not empty (unless --replace).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { decryptSecret, encryptSecret } from '../../db/credentials';
import { createPool } from '../../db/connect';
import { serverUrl } from '../helpers/db';
import { testDbPrefix, withDatabaseName } from '../helpers/db-names';
import { REPO_ROOT } from '../helpers/cli';
import { createDemoDatabase, type DemoDatabase } from '../browser/support/demo-database';

interface Cli {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(url: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Cli> {
  try {
    const r = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'bin', 'xueliang.mjs'), ...args], {
      env: { ...process.env, DATABASE_URL: url, ...env },
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as Cli;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const PASSWORD = 'camera-pass-before-backup';

describe('xueliang db backup / restore', () => {
  let demo: DemoDatabase;
  let dir: string;
  let file: string;
  const created: string[] = [];

  /** A brand-new empty database (no PostGIS, no tables), dropped at the end. */
  async function emptyDatabase(): Promise<{ url: string; pool: pg.Pool }> {
    const name = `${testDbPrefix(inject('testRunId'))}restore_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: withDatabaseName(serverUrl(), 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    created.push(name);
    const url = withDatabaseName(serverUrl(), name);
    return { url, pool: createPool(url, 2) };
  }

  async function facts(pool: pg.Pool) {
    const q = async (sql: string) => (await pool.query<{ v: string }>(sql)).rows[0]!.v;
    return {
      cameras: await q('SELECT count(*)::text AS v FROM cameras'),
      events: await q(
        "SELECT count(*) || ':' || md5(string_agg(camera_id || state || coalesce(previous_state, '') || reason || at::text, ',' ORDER BY id)) AS v FROM camera_status_events",
      ),
      status: await q("SELECT md5(string_agg(camera_id || state || since::text, ',' ORDER BY camera_id)) AS v FROM camera_status"),
      results: await q('SELECT count(*)::text AS v FROM coverage_results'),
    };
  }

  beforeAll(async () => {
    demo = await createDemoDatabase();
    dir = mkdtempSync(join(tmpdir(), 'xl-backup-'));
    file = join(dir, 'demo.dump');
    // Credentials encrypted with this machine's key (the demo template may come from elsewhere).
    await demo.pool.query('UPDATE cameras SET onvif_password_enc = $1 WHERE onvif_password_enc IS NOT NULL', [encryptSecret(PASSWORD)]);
    // A status history: every tenth camera went down and came back (on top of the demo's generated
    // history, whose current status a camera keeps).
    await demo.pool.query(`
      INSERT INTO camera_status_events (camera_id, state, previous_state, reason, at)
      SELECT id, s.state, s.prev, s.reason, timestamptz '2026-01-01 08:00+08' + (id % 97) * interval '1 minute' + s.k * interval '1 hour'
      FROM cameras, (VALUES (0, 'OK', NULL, ''), (1, 'UNREACHABLE', 'OK', 'timeout'), (2, 'OK', 'UNREACHABLE', '')) AS s(k, state, prev, reason)
      WHERE id % 10 = 0`);
    await demo.pool.query(`
      INSERT INTO camera_status (camera_id, state, since, reason, last_poll_at)
      SELECT id, 'OK', timestamptz '2026-01-01 10:00+08', '', now() FROM cameras WHERE id % 10 = 0
      ON CONFLICT (camera_id) DO NOTHING`);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await demo?.drop();
    const admin = new pg.Client({ connectionString: withDatabaseName(serverUrl(), 'postgres') });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('backs up the demo county into a custom-format dump that records the key fingerprint', async () => {
    const r = await cli(demo.url, ['db', 'backup', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    const out = JSON.parse(r.stdout) as { file: string; bytes: number; keyFingerprint: string; credentialKeys: string[] };
    expect(out.bytes).toBeGreaterThan(100_000);
    expect(out.keyFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(out.credentialKeys).toEqual([out.keyFingerprint]);
    // No secret in the command's output.
    expect(r.stdout + r.stderr).not.toMatch(/postgres:\/\/[^:]+:[^*@]+@/);
  });

  it('restores it into an empty database with the same cameras, status history and coverage figures', async () => {
    const target = await emptyDatabase();
    try {
      const r = await cli(target.url, ['db', 'restore', file, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(await facts(target.pool)).toEqual(await facts(demo.pool));
      const before = await cli(demo.url, ['coverage', '--json']);
      const after = await cli(target.url, ['coverage', '--json']);
      expect(before.code, before.stderr).toBe(0);
      expect(after.code, after.stderr).toBe(0);
      expect((JSON.parse(before.stdout) as { areas: unknown[] }).areas.length).toBeGreaterThan(1);
      // Rates are sums over rows: a restored table may hold its rows in another physical order, so
      // the last binary digits of a sum may differ; 12 decimals is far below any shown figure.
      const rounded = (text: string) => JSON.parse(text, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(12)) : v));
      expect(rounded(after.stdout)).toEqual(rounded(before.stdout));
      // The camera credentials are readable with this machine's key.
      const { rows } = await target.pool.query<{ enc: Buffer }>(
        'SELECT onvif_password_enc AS enc FROM cameras WHERE onvif_password_enc IS NOT NULL LIMIT 1',
      );
      expect(decryptSecret(rows[0]!.enc)).toBe(PASSWORD);
    } finally {
      await target.pool.end();
    }
  });

  it('refuses to restore with another secret key, saying which key is needed, and restores nothing', async () => {
    const target = await emptyDatabase();
    try {
      const otherKey = randomBytes(32).toString('base64');
      const r = await cli(target.url, ['db', 'restore', file], { XUELIANG_SECRET_KEY: otherKey, XUELIANG_SECRET_KEYS_OLD: '' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/XUELIANG_SECRET_KEY/);
      expect(r.stderr).toMatch(/[0-9a-f]{16}/);
      expect(r.stderr).toMatch(/[Nn]othing (was )?restored/);
      const { rows } = await target.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      expect(rows[0]!.n).toBe(0);
      // The old key among XUELIANG_SECRET_KEYS_OLD is enough (a key rotation since the backup).
      const current = existsSync(join(REPO_ROOT, '.data', 'secret-key'))
        ? readFileSync(join(REPO_ROOT, '.data', 'secret-key'), 'utf8').trim()
        : '';
      const withOld = await cli(target.url, ['db', 'restore', file], {
        XUELIANG_SECRET_KEY: otherKey,
        XUELIANG_SECRET_KEYS_OLD: process.env.XUELIANG_SECRET_KEY ?? current,
      });
      expect(withOld.code, withOld.stderr).toBe(0);
    } finally {
      await target.pool.end();
    }
  });

  it('refuses a database that is not empty unless --replace, which replaces it', async () => {
    const r = await cli(demo.url, ['db', 'restore', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not empty/);
    expect(r.stderr).toMatch(/--replace/);
    await demo.pool.query('DELETE FROM cameras WHERE id % 2 = 0');
    const replaced = await cli(demo.url, ['db', 'restore', file, '--replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    const { rows } = await demo.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras WHERE id % 2 = 0');
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('refuses a file that is not a backup, with its name', async () => {
    const target = await emptyDatabase();
    try {
      const r = await cli(target.url, ['db', 'restore', join(REPO_ROOT, 'package.json')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/package\.json/);
      expect(r.stderr).toMatch(/not a .*backup/i);
    } finally {
      await target.pool.end();
    }
  });
});
