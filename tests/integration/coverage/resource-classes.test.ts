// Coverage by resource class (issue 18): public-security cameras (一类) alone vs with the integrated
// 二类/三类 resources, per area, from the engine (a camera filter on the same computation), in the
// API and `xueliang coverage --json`. Counting every class gives exactly the stored figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageReport, recomputeCoverage } from '../../../coverage-engine';
import type { ReportAreaRates } from '../../../coverage-engine/report';
import { createTestApp, type TestApp } from '../../helpers/api';
import { runCli } from '../../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;
let t: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(9, 2));
  // A third of the cameras in each class, by id.
  await db.pool.query('UPDATE cameras SET resource_class = 1 + id % 3');
  await recomputeCoverage(db.pool);
  t = await createTestApp(db);
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

// Every figure here is known (design, or now after status records began); null would be a bug.
const known = (v: number | null): number => {
  if (v === null) throw new Error('a rate is null (unknown) where a figure was expected');
  return v;
};
const rates = (areas: ReportAreaRates[]) =>
  Object.fromEntries(
    areas.map((a) => [String(a.code), Object.fromEntries(Object.entries(a.classes).map(([c, r]) => [c, known(r!.rate)]))]),
  );

describe('coverage by resource class', () => {
  it('counting every class gives the stored figures; 一类 alone gives less', async () => {
    const stored = await coverageReport(db.pool, {});
    const every = await coverageReport(db.pool, { resourceClasses: [3, 1, 2] });
    expect(every).toMatchObject({ source: 'computed', resourceClasses: [1, 2, 3] });
    expect(stored.resourceClasses).toBeNull();
    const s = rates(stored.areas);
    const e = rates(every.areas);
    expect(Object.keys(e).sort()).toEqual(Object.keys(s).sort());
    for (const [code, classes] of Object.entries(s))
      for (const [cls, rate] of Object.entries(classes)) expect(e[code]![cls], `${code} ${cls}`).toBeCloseTo(rate, 9);

    const ps = rates((await coverageReport(db.pool, { resourceClasses: [1] })).areas);
    let less = 0;
    for (const [code, classes] of Object.entries(s))
      for (const [cls, rate] of Object.entries(classes)) {
        expect(ps[code]![cls]!, `${code} ${cls}`).toBeLessThanOrEqual(rate + 1e-12);
        if (ps[code]![cls]! < rate - 1e-9) less += 1;
      }
    expect(less).toBeGreaterThan(0);
  });

  it('says per area what the 二类/三类 cameras add (integration)', async () => {
    const r = await coverageReport(db.pool, { integration: true });
    const ps = rates((await coverageReport(db.pool, { resourceClasses: [1] })).areas);
    expect(r.integration).toHaveLength(r.areas.length);
    for (const a of r.integration!) {
      const own = r.areas.find((x) => x.areaId === a.areaId)!;
      for (const [cls, v] of Object.entries(a.classes)) {
        expect(v!.integrated).toBe(own.classes[cls as keyof typeof own.classes]!.rate);
        expect(v!.publicSecurity).toBeCloseTo(ps[String(a.code)]![cls]!, 12);
        expect(v!.added).toBeCloseTo(v!.integrated - v!.publicSecurity, 12);
      }
    }
    const city = r.integration!.find((a) => a.areaId === null)!;
    expect(Object.values(city.classes).some((v) => v!.added > 0)).toBe(true);
  });

  it('is in GET /coverage (resourceClasses, integration) and names a bad value', async () => {
    const headers = await t.login('viewer');
    const res = await t.app.request('/api/v1/coverage?resourceClasses=1&integration=1', { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { resourceClasses: number[]; integration: unknown[] };
    expect(body.resourceClasses).toEqual([1]);
    expect(body.integration.length).toBeGreaterThan(1);
    const bad = await t.app.request('/api/v1/coverage?resourceClasses=4', { headers });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('resourceClasses');
  });

  it('is in xueliang coverage --json, and a bad --resource-classes is a usage error', async () => {
    const out = await runCli(db.url, ['coverage', '--resource-classes', '1', '--integration', '--json']);
    expect(out.code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout) as { resourceClasses: number[]; integration: Array<{ areaId: number | null }> };
    expect(json.resourceClasses).toEqual([1]);
    expect(json.integration.some((a) => a.areaId === null)).toBe(true);
    const bad = await runCli(db.url, ['coverage', '--resource-classes', '一类', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--resource-classes');
  });
});
