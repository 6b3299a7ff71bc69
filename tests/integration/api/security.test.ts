// The security suite. It walks the OpenAPI document and the app's route table, so a route added
// later is covered without editing this file: no session → 401, a role too small → 403, no
// response with a password or hash, injection in every parameter changes nothing, hostile
// imports are rejected or neutralised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../api/http/openapi-document';
import { isProtectedPath } from '../../../api/http/middleware/auth';
import { roleAllows, type Role } from '../../../api/domain/users/roles';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../helpers/api';
import { deviceId, SPOT } from '../../helpers/api-fixtures';
import { entityBombKml, formulaCsv, zipBomb } from '../../helpers/hostile-files';

interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: { example?: unknown; enum?: unknown[]; default?: unknown };
  example?: unknown;
}
interface Operation {
  'x-roles'?: Role[];
  parameters?: Param[];
  requestBody?: unknown;
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
}

const CAMERA_PASSWORD = 'Secret-Camera-Pass-42';
const INJECTIONS = [
  "' OR '1'='1",
  '1; DROP TABLE cameras; --',
  "'); DELETE FROM users; --",
  '1 UNION SELECT password_hash FROM users',
  '%27%3B--',
];
const SMALLER_ROLES: Role[] = ['viewer', 'engineer', 'planner'];

describe('security suite', () => {
  let db: TestDatabase;
  let t: TestApp;
  let doc: Doc;
  let cameraId: string;
  const ops: { method: string; path: string; op: Operation }[] = [];

  function sample(p: Param): string {
    if (p.name === 'deviceId') return cameraId;
    if (p.name === 'uploadId') return 'AAAAAAAAAAAAAAAA';
    if (p.name === 'area') return '610902';
    const s = p.schema ?? {};
    const v = p.example ?? s.example ?? s.default ?? s.enum?.[0];
    return v === undefined ? '1' : String(v);
  }

  function concrete(path: string, op: Operation, override?: { name: string; value: string }): string {
    let url = path;
    const query = new URLSearchParams();
    for (const p of op.parameters ?? []) {
      const value = override?.name === p.name ? override.value : sample(p);
      if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
      else if (p.in === 'query' && (p.required === true || override?.name === p.name)) query.set(p.name, value);
    }
    const qs = query.toString();
    return `${url}${qs === '' ? '' : `?${qs}`}`;
  }

  const isStream = (op: Operation) => Object.keys(op.responses?.['200']?.content ?? {}).includes('text/event-stream');

  async function call(method: string, url: string, headers: Record<string, string> = {}): Promise<Response> {
    const write = !['get', 'head', 'delete'].includes(method);
    const controller = new AbortController();
    const res = await t.app.request(url, {
      method: method.toUpperCase(),
      signal: controller.signal,
      headers: write ? { 'Content-Type': 'application/json', ...headers } : headers,
      ...(write ? { body: '{}' } : {}),
    });
    return res;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    doc = openApiDocument(t.app) as Doc;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) ops.push({ method, path, op });
    }
    cameraId = deviceId();
    const res = await t.json(
      'POST',
      '/api/v1/cameras',
      {
        deviceId: cameraId,
        type: 'dome',
        lon: SPOT.lon,
        lat: SPOT.lat,
        heightM: 5,
        onvifUser: 'admin',
        onvifPassword: CAMERA_PASSWORD,
        onvifUrl: `http://admin:${CAMERA_PASSWORD}@127.0.0.1:18080/onvif/${cameraId}/device_service`,
      },
      await t.login('engineer'),
    );
    expect(res.status).toBe(201);
    await db.pool.query(
      `INSERT INTO admin_areas (code, name, level, geom) VALUES ('610902', 'County', 'county',
      ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.5)))`,
      [SPOT.lon, SPOT.lat],
    );
    for (const role of ['viewer', 'planner', 'admin'] as Role[]) await t.login(role);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('the document lists the routes (a sanity check that the walk below walks something)', () => {
    expect(ops.length).toBeGreaterThan(15);
    expect(ops.some((o) => o.path === '/api/v1/cameras' && o.method === 'post')).toBe(true);
  });

  it('every route but the public ones answers 401 without a session', async () => {
    const failures: string[] = [];
    for (const { method, path, op } of ops) {
      const roles = op['x-roles'] ?? [];
      if (roles.length === 0) continue;
      const res = await call(method, concrete(path, op));
      if (res.status !== 401) failures.push(`${method.toUpperCase()} ${path} → ${res.status}`);
      await res.body?.cancel();
    }
    // Routes outside the OpenAPI document too (the app's own route table).
    for (const r of t.app.routes) {
      if (r.method === 'ALL' || r.path.includes('*')) continue;
      const url = r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => (name === 'file' ? '1.mvt' : '1'));
      if (!isProtectedPath(url)) continue;
      const res = await t.app.request(url, { method: r.method });
      if (res.status !== 401) failures.push(`${r.method} ${r.path} (route table) → ${res.status}`);
      await res.body?.cancel();
    }
    expect(failures).toEqual([]);
  });

  it('every route answers 403 to each role it does not allow (admin may do everything)', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { method, path, op } of ops) {
      const roles = op['x-roles'] ?? [];
      if (roles.length === 0) continue;
      for (const role of SMALLER_ROLES) {
        if (roleAllows(role, roles)) continue;
        checked += 1;
        const res = await call(method, concrete(path, op), await t.login(role));
        if (res.status !== 403) failures.push(`${method.toUpperCase()} ${path} as ${role} → ${res.status}`);
        await res.body?.cancel();
      }
      expect(roleAllows('admin', roles)).toBe(true);
    }
    expect(checked).toBeGreaterThan(5);
    expect(failures).toEqual([]);
  });

  it('no response contains a camera password, its ciphertext, or a password hash', async () => {
    const { rows } = await db.pool.query<{ enc: Buffer; hash: string }>(
      'SELECT c.onvif_password_enc AS enc, (SELECT password_hash FROM users LIMIT 1) AS hash FROM cameras c WHERE device_id = $1',
      [cameraId],
    );
    const forbidden = [
      CAMERA_PASSWORD,
      TEST_PASSWORD,
      rows[0]!.enc.toString('base64'),
      rows[0]!.enc.toString('hex'),
      rows[0]!.hash,
      '$argon2',
    ];
    const admin = await t.login('admin');
    const leaks: string[] = [];
    for (const { method, path, op } of ops) {
      if (method !== 'get' || isStream(op)) continue;
      const res = await call(method, concrete(path, op), admin);
      const body = Buffer.from(await res.arrayBuffer()).toString('utf8');
      for (const f of forbidden) if (body.includes(f)) leaks.push(`${path} contains ${f.slice(0, 12)}…`);
    }
    const me = await (await t.app.request('/api/v1/auth/me', { headers: admin })).text();
    expect(me).not.toContain('$argon2');
    expect(leaks).toEqual([]);
  });

  it('SQL injection in every parameter changes nothing and leaks nothing', async () => {
    const counts = async () =>
      (
        await db.pool.query<{ c: number; u: number; s: number }>(
          'SELECT (SELECT count(*) FROM cameras)::int AS c, (SELECT count(*) FROM users)::int AS u, (SELECT count(*) FROM camera_status)::int AS s',
        )
      ).rows[0];
    const before = await counts();
    const admin = await t.login('admin');
    const problems: string[] = [];
    for (const { method, path, op } of ops) {
      if (isStream(op)) continue;
      for (const p of op.parameters ?? []) {
        if (p.in !== 'query' && p.in !== 'path') continue;
        for (const payload of INJECTIONS) {
          // Writes get the payload in their path only (their bodies are validated schemas).
          if (method !== 'get' && p.in !== 'path') continue;
          const res = await call(method, concrete(path, op, { name: p.name, value: payload }), admin);
          const body = Buffer.from(await res.arrayBuffer()).toString('utf8');
          if (res.status >= 500 && !/"code":"internal"/.test(body)) problems.push(`${path} ${p.name}: ${res.status} ${body.slice(0, 80)}`);
          if (/syntax error|pg_|relation "|column "/i.test(body)) problems.push(`${path} ${p.name}: database text in the response`);
        }
      }
    }
    // Body fields and the login form too.
    const name = "Robert'); DROP TABLE cameras;--";
    const id = deviceId();
    const created = await t.json(
      'POST',
      '/api/v1/cameras',
      { deviceId: id, name, type: 'fixed', lon: SPOT.lon, lat: SPOT.lat, heightM: 4 },
      await t.login('engineer'),
    );
    expect(created.status).toBe(201);
    expect((await db.pool.query('SELECT name FROM cameras WHERE device_id = $1', [id])).rows[0]).toEqual({ name });
    expect((await t.json('POST', '/api/v1/auth/login', { username: "admin' --", password: "' OR '1'='1" })).status).toBe(401);
    expect(problems).toEqual([]);
    expect(await counts()).toEqual({ ...before!, c: before!.c + 1 });
  });

  describe('hostile imports', () => {
    const upload = async (fileName: string, body: string | Buffer) =>
      t.app.request(`/api/v1/imports/cameras?fileName=${encodeURIComponent(fileName)}`, {
        method: 'POST',
        headers: { ...(await t.login('engineer')), 'Content-Type': 'application/octet-stream' },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });

    it('a zip bomb disguised as .xlsx is rejected before it is inflated', async () => {
      const res = await upload('bomb.xlsx', zipBomb('xl/worksheets/sheet1.xml', 20 * 1024 * 1024));
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/zip|bomb|ratio|large/i);
    });

    it('XML entities (billion laughs, external file) are neither expanded nor fetched', async () => {
      const res = await upload('evil.kml', entityBombKml());
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      expect(text).not.toMatch(/(lol){100}/);
      expect(text).not.toContain('root:');
      const { rows } = await db.pool.query<{ name: string }>("SELECT name FROM cameras WHERE name LIKE '%lol%' OR name LIKE '%root:%'");
      expect(rows).toEqual([]);
    });

    it('an upload larger than the limit is 413 and nothing is kept', async () => {
      const small = await createTestApp(db, { uploadLimitBytes: 64 * 1024 });
      const res = await small.app.request('/api/v1/imports/cameras?fileName=huge.csv', {
        method: 'POST',
        headers: await small.login('engineer'),
        body: new Uint8Array(200 * 1024),
      });
      expect(res.status).toBe(413);
      await small.close();
    });

    it('CSV formula cells imported from a ledger come back neutralised in the CSV export', async () => {
      const ids = [deviceId(), deviceId(), deviceId(), deviceId()];
      const dryRes = await upload('formulas.csv', formulaCsv(ids));
      const dry = (await dryRes.json()) as { uploadId: string };
      expect(dryRes.status, JSON.stringify(dry)).toBe(200);
      const engineer = await t.login('engineer');
      const commit = await t.json('POST', `/api/v1/imports/cameras/${dry.uploadId}/commit`, { skipInvalid: true }, engineer);
      expect(((await commit.json()) as { report: { committed: boolean } }).report.committed).toBe(true);
      const csv = await (await t.app.request('/api/v1/exports/cameras.csv', { headers: engineer })).text();
      const lines = csv.split('\r\n').filter((l) => ids.some((id) => l.includes(id)));
      expect(lines).toHaveLength(4);
      for (const line of lines) {
        const nameCell = line.split(',')[3]!.replace(/^"/, '');
        expect(nameCell).toMatch(/^'[=+\-@]/);
      }
    });
  });
});
