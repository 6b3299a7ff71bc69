import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeCoverage } from '../../../coverage-engine';
import { startCoverageNowUpdates } from '../../../api/domain/events/coverage-now';
import { createPool } from '../../../db/connect';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { loadScene, makeScene } from '../coverage/synthetic-scene';

describe('coverage now follows camera status', () => {
  let db: TestDatabase;
  let t: TestApp;
  let cameraIds: number[];
  beforeAll(async () => {
    db = await createTestDatabase();
    ({ cameraIds } = await loadScene(db.pool, makeScene(5, 2)));
    await recomputeCoverage(db.pool);
    t = await createTestApp(db, { liveCoverage: true });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('a camera going down refreshes coverage now and pushes the new rates to SSE clients', async () => {
    const hub = t.xl.deps.events!;
    await hub.ready();
    const got = new Promise<{ cameraIds: number[]; nowRates: Record<string, number> | null }>((resolve) => {
      const stop = hub.listen((e) => {
        if (e.event === 'coverage') {
          stop();
          resolve(JSON.parse(e.data));
        }
      });
    });
    const id = cameraIds[0]!;
    await db.pool.query("UPDATE camera_status SET state = 'UNREACHABLE' WHERE camera_id = $1", [id]);
    const payload = JSON.stringify({
      cameraId: id,
      deviceId: 'x',
      state: 'UNREACHABLE',
      previousState: 'OK',
      since: new Date().toISOString(),
      reason: 'test',
    });
    await db.pool.query('SELECT pg_notify($1, $2)', ['camera_status', payload]);
    const event = await Promise.race([
      got,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no coverage event in 15 s')), 15_000)),
    ]);
    expect(event.cameraIds).toEqual([id]);
    expect(event.nowRates).not.toBeNull();
  });

  it('stopping waits for a refresh in flight, so the pool can be ended after it without an error', async () => {
    const hub = t.xl.deps.events!;
    const pool = createPool(db.url, 2);
    const logged: string[] = [];
    const stop = startCoverageNowUpdates(hub, pool, { debounceMs: 0, log: (l) => logged.push(l) });
    const inFlight = new Promise((resolve) => pool.once('acquire', resolve));
    hub.publish('status', JSON.stringify({ cameraId: cameraIds[1]! }));
    await inFlight;
    await stop();
    await pool.end();
    expect(logged).toEqual([]);
  });
});
