// Bug pinned (issue 16 §5): the event hub was created inside routes/events.ts, so the server's
// live "coverage now" updates started only when that route module had been registered, and
// whatever else needed the hub depended on the order of routes/index.ts. Long-lived services are
// now built once in createApp (the composition root) and handed to the routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/http/app';
import metrics from '../../../api/http/routes/metrics';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('services are built at the composition root', () => {
  it('without the events route the hub exists and coverage-now still follows a status change', async () => {
    const xl = createApp({ pool: db.pool, liveCoverage: true, routes: [metrics] });
    try {
      const hub = xl.deps.events;
      expect(hub).toBeDefined();
      await hub.ready();
      const coverage = new Promise<{ cause: string; cameraIds: number[] }>((resolve) => {
        const stop = hub.listen((e) => {
          if (e.event !== 'coverage') return;
          stop();
          resolve(JSON.parse(e.data) as { cause: string; cameraIds: number[] });
        });
      });
      await db.pool.query('SELECT pg_notify($1, $2)', ['camera_status', JSON.stringify({ cameraId: 424242, state: 'UNREACHABLE' })]);
      const event = await Promise.race([
        coverage,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no coverage event in 15 s')), 15_000)),
      ]);
      expect(event).toMatchObject({ cause: 'status', cameraIds: [424242] });
    } finally {
      await xl.close();
    }
  });

  it('the tile cache belongs to the app: two apps do not share tiles', () => {
    const a = createApp({ pool: db.pool, routes: [] });
    const b = createApp({ pool: db.pool, routes: [] });
    try {
      a.deps.tileCache.set('roads/14/1/1', Buffer.from('a'));
      expect(b.deps.tileCache.get('roads/14/1/1')).toBeUndefined();
      expect(a.deps.tileCache.get('roads/14/1/1')?.toString()).toBe('a');
    } finally {
      void a.close();
      void b.close();
    }
  });
});
