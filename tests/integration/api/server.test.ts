import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../db/cluster';
import { startServer, type RunningServer } from '../../../api/server';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

const run = promisify(execFile);

describe('the server on one port', () => {
  let db: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    db = await createTestDatabase();
    const web = mkdtempSync(join(tmpdir(), 'xl-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Xueliang</title><div id="root"></div>');
    writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1);\n'.repeat(500));
    server = await startServer({ pool: db.pool, port: 0, host: '127.0.0.1', webDist: web });
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  it('serves healthz, the web app with a client-side-routing fallback, and immutable hashed assets', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const deep = await fetch(`${base}/coverage/county/610902`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const asset = await fetch(`${base}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // fetch asks for gzip and decodes it: the bundle travels compressed and arrives intact.
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(await asset.text()).toBe('console.log(1);\n'.repeat(500));
    // API paths never fall back to the page: a wrong API URL must be a JSON error.
    const api = await fetch(`${base}/api/v1/nope`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toMatch(/json/);
  });

  it('a busy port is a clear error naming the port and PORT', async () => {
    await expect(startServer({ pool: db.pool, port: server.port, host: '127.0.0.1' })).rejects.toThrow(
      new RegExp(`Port ${server.port} is already in use.*PORT=`),
    );
  });

  it('xueliang user add/token print the documented JSON, and the token works against the API', async () => {
    const env = { ...process.env, DATABASE_URL: db.url };
    const bin = join(REPO_ROOT, 'bin', 'xueliang.mjs');
    const add = JSON.parse(
      (await run(process.execPath, [bin, 'user', 'add', 'ops', '--role', 'viewer', '--json'], { env })).stdout,
    ) as Record<string, unknown>;
    expect(add).toMatchObject({ username: 'ops', role: 'viewer', mustChangePassword: true });
    expect(String(add.password).length).toBeGreaterThanOrEqual(16);
    const tok = JSON.parse((await run(process.execPath, [bin, 'user', 'token', 'ops', '--json'], { env })).stdout) as { token: string };
    const me = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${tok.token}` } });
    expect(me.status).toBe(200);
  }, 60_000);

  it('a port held by another program is reported the same way', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await expect(startServer({ pool: db.pool, port, host: '127.0.0.1' })).rejects.toThrow(/already in use/);
    await new Promise<void>((r) => probe.close(() => r()));
  });
});
