// A database with no targets yet (a fresh install before any import) must give empty figures,
// not an error: the rebuild with history ran a shard with no parts, which handed back no
// history leftovers, and GET /coverage failed with a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCoverageSettings } from '../../../coverage-engine';
import { rebuildAllResults } from '../../../coverage-engine/evaluate-all';
import { createTestApp, type TestApp } from '../../helpers/api';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
let t: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await createTestApp(db);
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

describe('an empty city', () => {
  it('rebuilds results and history to nothing', async () => {
    const r = await rebuildAllResults(db.pool, await loadCoverageSettings(db.pool), { history: true });
    expect(r.stats.parts).toBe(0);
    expect([...r.partFailures, ...r.blindSpotFailures, ...r.historyFailures]).toEqual([]);
    expect((await db.pool.query('SELECT 1 FROM coverage_history')).rowCount).toBe(0);
  });

  it('answers GET /coverage with no targets instead of an error', async () => {
    const res = await t.app.request('/api/v1/coverage', { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
  });
});
