import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../db/errors';
import { loadGeneratedCity } from '../../../gis-data/loaders/load-generated-city';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

describe('two demo loads at once', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('load the county once: the second waits for the first and then refuses, so two npm starts never double the data', async () => {
    const results = await Promise.allSettled([
      loadGeneratedCity(db.pool, { scale: 'demo', seed: 1, replace: false }),
      loadGeneratedCity(db.pool, { scale: 'demo', seed: 1, replace: false }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' ? rejected.reason : undefined).toBeInstanceOf(UserFacingError);
    const { rows } = await db.pool.query<{ n: number; counties: number }>(
      `SELECT (SELECT count(*) FROM cameras)::int AS n, (SELECT count(*) FROM admin_areas WHERE level = 'county')::int AS counties`,
    );
    expect(rows[0]).toEqual({ n: 2_000, counties: 1 });
  });
});
