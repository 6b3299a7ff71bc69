import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { loadTinyTown } from './fixture';
import { runCli } from '../../helpers/cli';

let db: TestDatabase;

const cli = (args: string[]) => runCli(db.url, args);

beforeAll(async () => {
  db = await createTestDatabase();
  await loadTinyTown(db);
});
afterAll(async () => {
  await db.drop();
});

describe('xueliang suggest (CLI)', () => {
  it('prints one JSON document with the documented fields and saves the plan it was asked to', async () => {
    const r = await cli(['suggest', '--budget', '2', '--class', 'intersection', '--time-limit', '5', '--save', 'cli plan', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { sites: { rank: number }[]; planId: number };
    for (const field of [
      'problem',
      'mode',
      'limit',
      'candidateCount',
      'value',
      'greedyValue',
      'bound',
      'boundSource',
      'gap',
      'optimal',
      'feasible',
      'rates',
      'searchRates',
      'confirmation',
      'sites',
      'notes',
      'timings',
      'planId',
    ]) {
      expect(out, field).toHaveProperty(field);
    }
    expect(out.sites.map((s) => s.rank)).toEqual(out.sites.map((_, k) => k + 1));
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM plan_cameras WHERE plan_id = $1', [out.planId]);
    expect(Number(rows[0]!.n)).toBe(out.sites.length);
  });

  it('coverage now ignores a camera the agent has not seen working, so its intersection is blind again', async () => {
    const r = await cli(['suggest', '--budget', '1', '--class', 'intersection', '--now', '--time-limit', '3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { mode: string; searchRates: { className: string; before: number }[] };
    expect(out.mode).toBe('now');
    expect(out.searchRates.find((x) => x.className === 'intersection')!.before).toBe(0);
  });

  it('refuses a zero budget with a sentence, not a stack trace', async () => {
    const r = await cli(['suggest', '--budget', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/--budget must be a positive whole number/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
