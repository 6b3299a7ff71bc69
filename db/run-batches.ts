// Runs one statement over many ids in batches across several sessions (PostgreSQL does not
// parallelise ST_Union itself, so parallelism has to come from splitting the work). A batch
// that fails (a GEOS TopologyException on odd input) is retried one id at a time, and the ids
// that still fail are returned so the caller reports them instead of crashing.
import type pg from 'pg';

export interface BatchOptions {
  batchSize?: number;
  sessions?: number;
  onProgress?: (done: number) => void;
  /** Receives the rows each successful statement returns. */
  onRows?: (rows: unknown[]) => void;
}

export interface BatchFailure {
  id: number;
  message: string;
}

export async function runBatches(
  pool: pg.Pool,
  sql: string,
  ids: number[],
  params: (batch: number[]) => unknown[],
  o: BatchOptions = {},
): Promise<BatchFailure[]> {
  const batchSize = o.batchSize ?? 500;
  const sessions = Math.max(1, Math.min(o.sessions ?? 2, Math.ceil(ids.length / batchSize)));
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += batchSize) batches.push(ids.slice(i, i + batchSize));
  const failures: BatchFailure[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      for (let b = next++; b < batches.length; b = next++) {
        const batch = batches[b]!;
        try {
          const { rows } = await client.query(sql, params(batch));
          o.onRows?.(rows);
        } catch {
          for (const id of batch) {
            try {
              const { rows } = await client.query(sql, params([id]));
              o.onRows?.(rows);
            } catch (e) {
              failures.push({ id, message: (e as Error).message });
            }
          }
        }
        done += batch.length;
        o.onProgress?.(done);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: sessions }, worker));
  return failures;
}
