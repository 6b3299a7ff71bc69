// Regression (issue 15 item 4): impossible days (asOf=2021-02-29, 2020-02-30, 2020-04-31) were
// answered 200 with every rate 0, after thousands of SQL statements failed on the date inside
// the database. Every date the API, the CLI or an import takes is checked at the edge: 400 (or a
// CLI exit 2, or a rejected row) that names the field and says why the day does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../api/http/openapi-document';
import { coverageReport, CoverageQueryError } from '../../../coverage-engine';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { deviceId, SPOT } from '../../helpers/api-fixtures';
import { runCli } from '../../helpers/cli';

const IMPOSSIBLE = ['2021-02-29', '2020-02-30', '2020-04-31'];
/** Query parameter names that carry a day. */
const DATE_PARAM = /^(asOf|from|to|since|until|day|date)$|Date$/;

interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: { format?: string; anyOf?: { format?: string }[]; example?: unknown; enum?: unknown[]; default?: unknown };
  example?: unknown;
}
interface Doc {
  paths: Record<string, Record<string, { parameters?: Param[] }>>;
}

describe('impossible dates are refused at the edge', () => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  function sample(p: Param): string {
    if (p.name === 'deviceId') return deviceId();
    const s = p.schema ?? {};
    const v = p.example ?? s.example ?? s.default ?? s.enum?.[0];
    return v === undefined ? '1' : String(v);
  }

  it('every date query parameter of every route uses the one date schema and answers 400 naming the day', async () => {
    const doc = openApiDocument(t.app) as Doc;
    const problems: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (method !== 'get') continue;
        for (const p of op.parameters ?? []) {
          if (p.in !== 'query' || !DATE_PARAM.test(p.name)) continue;
          // A day, or (filters over timestamps: the audit log) a day or a date-time.
          const isDay = p.schema?.format === 'date' || (p.schema?.anyOf ?? []).some((a) => a.format === 'date');
          if (!isDay) problems.push(`${path} ${p.name}: schema is not the date schema`);
          for (const day of IMPOSSIBLE) {
            let url = path;
            const query = new URLSearchParams();
            for (const q of op.parameters ?? []) {
              if (q.in === 'path') url = url.replace(`{${q.name}}`, encodeURIComponent(sample(q)));
              else if (q.in === 'query' && q.required === true && q.name !== p.name) query.set(q.name, sample(q));
            }
            query.set(p.name, day);
            const res = await t.app.request(`${url}?${query.toString()}`, { headers: admin });
            checked += 1;
            const body = (await res.json().catch(() => null)) as { error?: { field?: string; message?: string } } | null;
            if (res.status !== 400) problems.push(`${path}?${p.name}=${day} → ${res.status}`);
            else if (body?.error?.field !== p.name || !body.error.message?.includes(day))
              problems.push(`${path}?${p.name}=${day}: 400 without the field or the day (${JSON.stringify(body)})`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(IMPOSSIBLE.length * 6);
    expect(problems).toEqual([]);
  });

  it('a possible leap day is still a day (2020-02-29 answers 200)', async () => {
    const res = await t.app.request('/api/v1/status/rollups?from=2020-02-29&to=2020-03-01', { headers: admin });
    expect(res.status).toBe(200);
  });

  it("a camera's install and removal dates in a body are checked the same way (400 with the field)", async () => {
    const engineer = await t.login('engineer');
    const id = deviceId();
    const base = { deviceId: id, type: 'fixed', lon: SPOT.lon, lat: SPOT.lat, heightM: 5 };
    for (const field of ['installDate', 'removalDate']) {
      const res = await t.json('POST', '/api/v1/cameras', { ...base, [field]: '2021-02-29' }, engineer);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { field: string; message: string } };
      expect(error.field).toBe(field);
      expect(error.message).toContain('February 2021 has 28 days');
    }
    expect((await t.json('POST', '/api/v1/cameras', base, engineer)).status).toBe(201);
    const patch = await t.json('PATCH', `/api/v1/cameras/${id}`, { installDate: '2020-04-31' }, engineer);
    expect(patch.status).toBe(400);
    expect(((await patch.json()) as { error: { field: string } }).error.field).toBe('installDate');
  });

  it('the coverage engine refuses an impossible asOf before touching the database (the CLI and the API share it)', async () => {
    for (const day of IMPOSSIBLE) {
      const err = await coverageReport(db.pool, { asOf: day }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CoverageQueryError);
      expect((err as CoverageQueryError).field).toBe('asOf');
      expect((err as Error).message).toContain(day);
    }
  });

  it('`xueliang coverage --as-of 2021-02-29` exits 2 and says the day does not exist', async () => {
    const r = await runCli(db.url, ['coverage', '--as-of', '2021-02-29', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('February 2021 has 28 days');
  });
});
