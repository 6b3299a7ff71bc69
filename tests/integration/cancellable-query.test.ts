// A query its caller abandons must stop in the database, not run on and hold a core (the slider's
// blind-spot cut of a date it has left), and the connection must come back clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancellableQuery } from '../../db/cancellable-query';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 2 });
});
afterAll(async () => {
  await db.drop();
});

const running = async (marker: string) =>
  (
    await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
      [`%${marker}%`],
    )
  ).rows[0]!.n;

describe('cancellableQuery', () => {
  it('answers like a plain query when nobody gives up', async () => {
    const { rows } = await cancellableQuery<{ v: number }>(db.pool, 'SELECT $1::int + 1 AS v', [41], new AbortController().signal);
    expect(rows[0]!.v).toBe(42);
  });

  it('cancels the running query in the database when its signal aborts, and the pool serves on', async () => {
    const stop = new AbortController();
    const sleeping = cancellableQuery(db.pool, "SELECT pg_sleep(30), 'cancel-me-marker'", [], stop.signal);
    const rejected = expect(sleeping).rejects.toMatchObject({ code: '57014' });
    for (let i = 0; i < 50 && (await running('cancel-me-marker')) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await running('cancel-me-marker')).toBe(1);
    const t0 = Date.now();
    stop.abort();
    await rejected;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await running('cancel-me-marker')).toBe(0);
    // Both connections of the pool are usable (the cancelled one came back clean).
    const both = await Promise.all([db.pool.query('SELECT 1 AS v'), db.pool.query('SELECT 2 AS v')]);
    expect(both.map((r) => r.rows[0].v)).toEqual([1, 2]);
  });

  it('does not start a query whose signal has already aborted', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(cancellableQuery(db.pool, 'SELECT 1', [], stop.signal)).rejects.toThrow();
  });
});
