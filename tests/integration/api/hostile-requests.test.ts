// Regressions (issue 15 items 7 and 11): a 50 MB JSON body to /auth/login was read and parsed
// before anything checked it; a NUL character in a JSON string (the login user name, a camera
// or plan name, a note) reached PostgreSQL, which refused it, and the client got a 500; a glyph
// fontstack of %25 threw URIError (500); a truncated multipart upload gave 500. Each is now a
// 4xx that says what was wrong and where, decided before the body is parsed or stored.
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../api/http/openapi-document';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { deviceId, SPOT } from '../../helpers/api-fixtures';

interface ErrorJson {
  error: { code: string; message: string; field?: string };
}
interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: { example?: unknown; enum?: unknown[]; default?: unknown };
  example?: unknown;
}
interface Doc {
  paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, unknown> } }>>;
}

/** A request body that streams `total` bytes of a JSON string and counts what the server pulled. */
function countingBody(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(ctl) {
      ctl.enqueue(new TextEncoder().encode('{"username":"'));
    },
    pull(ctl) {
      if (sent >= total) {
        ctl.enqueue(new TextEncoder().encode('","password":"x"}'));
        ctl.close();
        return;
      }
      sent += chunk.length;
      ctl.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

describe('hostile requests get a 4xx with the reason', () => {
  let db: TestDatabase;
  let t: TestApp;
  let engineer: Record<string, string>;
  let admin: Record<string, string>;
  let cameraId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    engineer = await t.login('engineer');
    admin = await t.login('admin');
    cameraId = deviceId();
    const res = await t.json(
      'POST',
      '/api/v1/cameras',
      { deviceId: cameraId, type: 'fixed', lon: SPOT.lon, lat: SPOT.lat, heightM: 5 },
      engineer,
    );
    expect(res.status).toBe(201);
    await db.pool.query(
      `INSERT INTO admin_areas (code, name, level, geom) VALUES ('610902', 'County', 'county',
      ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.5)))`,
      [SPOT.lon, SPOT.lat],
    );
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  describe('body size (item 7)', () => {
    it('a 50 MB JSON body to /auth/login is refused with 413 after at most the limit is read, never parsed', async () => {
      const body = countingBody(50 * 1024 * 1024);
      const res = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: body.stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      const { error } = (await res.json()) as ErrorJson;
      expect(error.code).toBe('payload_too_large');
      expect(error.message).toMatch(/1048576 bytes|1 MiB/);
      // The limit is 1 MiB: what was pulled past it is the stream's read-ahead, not the 50 MB.
      expect(body.pulled()).toBeLessThan(4 * 1024 * 1024);
    });

    it('a declared Content-Length above the limit is refused before a byte is read', async () => {
      const body = countingBody(50 * 1024 * 1024);
      const res = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) },
        body: body.stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(body.pulled()).toBeLessThan(4 * 1024 * 1024);
    });

    it('the limit is configurable, and a body within it still works', async () => {
      const small = await createTestApp(db, { jsonLimitBytes: 2048 });
      const h = await small.login('engineer');
      const ok = await small.json('PATCH', `/api/v1/cameras/${cameraId}`, { name: 'fits' }, h);
      expect(ok.status).toBe(200);
      const big = await small.json('PATCH', `/api/v1/cameras/${cameraId}`, { name: 'x'.repeat(3000) }, h);
      expect(big.status).toBe(413);
      await small.close();
    });

    it('file uploads are not held to the JSON limit: they stream under their own limit', async () => {
      const small = await createTestApp(db, { jsonLimitBytes: 1024 });
      const rows = Array.from({ length: 60 }, () => `${deviceId()},Gate,fixed,${SPOT.lon},${SPOT.lat},6,90,60,1920`).join('\n');
      const csv = `device_id,name,type,lon,lat,height_m,azimuth_deg,hfov_deg,resolution_h\n${rows}\n`;
      expect(csv.length).toBeGreaterThan(2048);
      const res = await small.app.request('/api/v1/imports/cameras?fileName=ledger.csv', {
        method: 'POST',
        headers: { ...(await small.login('engineer')), 'Content-Type': 'application/octet-stream' },
        body: csv,
      });
      expect(res.status).toBe(200);
      await small.close();
    });
  });

  describe('NUL characters (item 11)', () => {
    const cases: { what: string; method: string; path: () => string; body: unknown; field: string; as?: 'none' | 'engineer' | 'admin' }[] =
      [
        {
          what: 'login user name',
          method: 'POST',
          path: () => '/api/v1/auth/login',
          body: { username: 'ad\u0000min', password: 'x' },
          field: 'username',
          as: 'none',
        },
        {
          what: 'login password',
          method: 'POST',
          path: () => '/api/v1/auth/login',
          body: { username: 'admin', password: 'p\u0000' },
          field: 'password',
          as: 'none',
        },
        {
          what: 'new camera name',
          method: 'POST',
          path: () => '/api/v1/cameras',
          body: { deviceId: deviceId(), type: 'fixed', lon: SPOT.lon, lat: SPOT.lat, heightM: 5, name: 'Gate\u0000' },
          field: 'name',
        },
        {
          what: 'camera patch',
          method: 'PATCH',
          path: () => `/api/v1/cameras/${cameraId}`,
          body: { ownerUnit: '\u0000' },
          field: 'ownerUnit',
        },
        {
          what: 'plan name',
          method: 'POST',
          path: () => '/api/v1/plans',
          body: { name: 'p\u0000', cameras: [] },
          field: 'name',
          as: 'admin',
        },
        {
          what: 'a plan camera note, nested',
          method: 'POST',
          path: () => '/api/v1/plans',
          body: {
            name: 'p',
            cameras: [
              {
                type: 'fixed',
                lon: SPOT.lon,
                lat: SPOT.lat,
                heightM: 6,
                hfovDeg: 60,
                resolutionH: 1920,
                resolutionV: 1080,
                note: 'x\u0000',
              },
            ],
          },
          field: 'cameras.0.note',
          as: 'admin',
        },
        {
          what: 'threshold note',
          method: 'PUT',
          path: () => '/api/v1/status/thresholds/610902',
          body: { online: 0.9, note: 'n\u0000' },
          field: 'note',
          as: 'admin',
        },
        {
          what: 'siting candidate note',
          method: 'POST',
          path: () => '/api/v1/siting/candidates',
          body: { lon: SPOT.lon, lat: SPOT.lat, heightM: 6, note: '\u0000' },
          field: 'note',
          as: 'admin',
        },
        {
          what: 'an object key',
          method: 'PATCH',
          path: () => `/api/v1/cameras/${cameraId}`,
          body: { provenance: { 'a\u0000': 'surveyed' } },
          field: 'provenance',
        },
      ];
    for (const c of cases) {
      it(`a NUL in the ${c.what} is a 400 naming ${c.field}`, async () => {
        const headers = c.as === 'none' ? {} : c.as === 'admin' ? admin : engineer;
        const res = await t.json(c.method, c.path(), c.body, headers);
        const json = (await res.json()) as ErrorJson;
        expect(res.status, JSON.stringify(json)).toBe(400);
        expect(json.error.field).toBe(c.field);
        expect(json.error.message).toMatch(/NUL/);
      });
    }

    it('no route answers 500 to a NUL in a query, a path or a body', async () => {
      const doc = openApiDocument(t.app) as Doc;
      const failures: string[] = [];
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          if (path.includes('/events')) continue; // the SSE stream never ends
          const params = op.parameters ?? [];
          const fill = (p: Param) => {
            const s = p.schema ?? {};
            const v = p.name === 'deviceId' ? cameraId : (p.example ?? s.example ?? s.default ?? s.enum?.[0]);
            return v === undefined ? '1' : String(v);
          };
          const targets = [...params.map((p) => p.name), '(body)'];
          for (const target of targets) {
            let url = path;
            const q = new URLSearchParams();
            for (const p of params) {
              const v = p.name === target ? 'a\u0000b' : fill(p);
              if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(v));
              else if (p.in === 'query' && (p.required === true || p.name === target)) q.set(p.name, v);
            }
            const hasJson = op.requestBody?.content?.['application/json'] !== undefined;
            if (target === '(body)' && !hasJson) continue;
            const res = await t.app.request(`${url}${q.size === 0 ? '' : `?${q.toString()}`}`, {
              method: method.toUpperCase(),
              headers: { ...admin, ...(hasJson ? { 'Content-Type': 'application/json' } : {}) },
              ...(hasJson
                ? { body: JSON.stringify(target === '(body)' ? { name: 'a\u0000', note: '\u0000', username: '\u0000' } : {}) }
                : {}),
            });
            const text = await res.text();
            if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path} NUL in ${target} → ${res.status} ${text.slice(0, 100)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe('malformed encodings (item 11)', () => {
    it('a glyph fontstack of %25 is a 400 that names the fontstack, not a URIError 500', async () => {
      const res = await t.app.request('/api/v1/glyphs/%25/0-255.pbf', { headers: admin });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorJson).error.field).toBe('fontstack');
    });

    it('a truncated multipart upload is a 400 that says the form ended early, and nothing is kept', async () => {
      const dir = t.xl.deps.config.uploads.dir;
      const before = existsSync(dir) ? readdirSync(dir) : [];
      const boundary = 'XLboundary123';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger.csv"\r\nContent-Type: text/csv\r\n\r\n`;
      const body = `${head}device_id,lon,lat\n${deviceId()},109.03,32.68\n`; // no closing boundary
      const res = await t.app.request('/api/v1/imports/cameras', {
        method: 'POST',
        headers: { ...engineer, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      const json = (await res.json()) as ErrorJson;
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(json.error.field).toBe('body');
      expect(json.error.message).toMatch(/multipart|ended|truncated/i);
      expect(readdirSync(dir)).toEqual(before);
    });

    it('a body that is not JSON is a 400 that says so', async () => {
      const res = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"username":',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorJson).error.message).toMatch(/JSON/);
    });
  });
});
