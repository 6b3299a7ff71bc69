import type pg from 'pg';

/**
 * Runs `work` in one transaction on a pooled client: COMMIT when it resolves, ROLLBACK when it
 * throws (the original error is rethrown; a failed ROLLBACK on a dead connection is not).
 * `derived: true` skips the WAL flush wait for data that can always be recomputed.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  options: { derived?: boolean } = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(options.derived === true ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
