// A query the caller may abandon: the database stops working on it instead of finishing work
// nobody will read (the blind-spot cut of a date the slider has left holds both cores for
// seconds at M).
import type pg from 'pg';

/**
 * One query on a connection of its own, cancelled in the database (pg_cancel_backend) when `stop`
 * aborts: the query then fails with 57014 (query_canceled) and the connection goes back to the pool.
 */
export async function cancellableQuery<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  sql: string,
  params: unknown[],
  stop: AbortSignal,
): Promise<pg.QueryResult<R>> {
  stop.throwIfAborted();
  const client = await pool.connect();
  const pid = (client as unknown as { processID: number | null }).processID;
  let cancelling: Promise<unknown> | undefined;
  const cancel = () => {
    if (pid === null) return;
    cancelling = pool
      .query('SELECT pg_cancel_backend($1)', [pid])
      .catch((e: unknown) => console.warn('could not cancel an abandoned query', e));
  };
  stop.addEventListener('abort', cancel, { once: true });
  try {
    stop.throwIfAborted();
    return await client.query<R>(sql, params);
  } finally {
    stop.removeEventListener('abort', cancel);
    // The cancel must land before the connection serves anyone else's query.
    if (cancelling !== undefined) await cancelling;
    client.release();
  }
}
