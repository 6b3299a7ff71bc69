// The daily series of the rates (issue 14, "Speed of the journeys": any date on the time slider
// answers in under a second at M, where copying every part's history row of the date into a
// one-off run and summing it took 1.5 s for design and 4.2 s for now). coverage_rate_series holds,
// per area and class, the changes of rates.sql's sums on each day the daily history changes a
// target, so a date's design figures are a lookup. "Now" of a date adds, for the targets a camera
// down that day sees, the difference between their figures with the working cameras (evaluated
// as evaluateFromHistory does, each part with a given set of working cameras once: the answers
// are kept in coverage_subset_memo, filled by the recompute) and their design figures. The sums
// are numeric, so they are exactly rates.sql's over evaluateFromHistory's run (a test holds them
// to it).
//
// The series is rebuilt from the history, never edited: every write to coverage_history,
// coverage_target_parts or admin_areas is recorded (a trigger, coverage_series_writes), a lookup
// uses the series only while no write is recorded since it was built (with the covered share
// asked for), and otherwise it is built again first (after a recompute, eagerly). Status records need nothing: "now" reads them
// when asked.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { loadSql } from '../db/sql';
import { runBatches, type BatchFailure } from '../db/run-batches';
import { dropAdhoc } from './adhoc';
import type { RateRow } from './rates';

const BUILD = loadSql(import.meta.url, 'build-rate-series.sql');
const RATES_AS_OF = loadSql(import.meta.url, 'rates-as-of.sql');
const AFFECTED = loadSql(import.meta.url, 'as-of-affected.sql');
const STORE_SUBSETS = loadSql(import.meta.url, 'store-subsets.sql');
const SUBSET_PAIRS = loadSql(import.meta.url, 'subset-pairs.sql');
/** Serialises builds of the series (pg_advisory_xact_lock). */
const BUILD_LOCK = 7_242_160;

/** Builds the series from the daily history as it is now; returns its row count. */
export async function buildRateSeries(pool: pg.Pool, coveredShare: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [BUILD_LOCK]);
    const { rows } = await client.query<{ rows: number }>(BUILD, [coveredShare]);
    await client.query('COMMIT');
    return rows[0]!.rows;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export interface SeriesRates {
  rows: RateRow[];
  /** Parts of "now" whose evaluation failed (as evaluateFromHistory reports them). */
  failures: BatchFailure[];
  /** Parts of "now" evaluated for this date (the rest came from coverage_subset_memo). */
  evaluated: number;
}

/**
 * Evaluates each part with its own set of working cameras into coverage_subset_memo (and, with
 * `runId`, into that one-off run), `sessions` statements side by side. A failed part is named.
 */
async function storeSubsets(
  pool: pg.Pool,
  pairs: Array<{ part_id: number; ids: string }>,
  o: { runId: string | null; sessions: number; batchSize: number; onProgress?: (done: number) => void },
): Promise<BatchFailure[]> {
  const index = pairs.map((_, i) => i);
  const failures = await runBatches(
    pool,
    STORE_SUBSETS,
    index,
    (b) => [b.map((i) => pairs[i]!.part_id), b.map((i) => pairs[i]!.ids), o.runId],
    { sessions: o.sessions, batchSize: o.batchSize, onProgress: o.onProgress },
  );
  return failures.map((f) => ({ id: pairs[f.id]!.part_id, message: f.message }));
}

/**
 * rates.sql's rows for `asOf` (design, or now with the cameras working at the end of that day)
 * from the series, built first when stale. Null when it is still stale after building (the
 * history was written meanwhile): the caller evaluates the date another way.
 */
export async function seriesRates(
  pool: pg.Pool,
  coveredShare: number,
  o: { asOf: string; now: boolean; sessions?: number },
): Promise<SeriesRates | null> {
  const runs = o.now ? { now: randomUUID(), design: randomUUID() } : null;
  try {
    let failures: BatchFailure[] = [];
    let evaluated = 0;
    if (runs !== null) {
      const { rows } = await pool.query<{ part_id: number; working: string }>(AFFECTED, [runs.now, runs.design, o.asOf]);
      evaluated = rows.length;
      // One batch per session: few parts are left once the memo is filled.
      const sessions = o.sessions ?? 2;
      if (rows.length > 0)
        failures = await storeSubsets(
          pool,
          rows.map((r) => ({ part_id: r.part_id, ids: r.working })),
          { runId: runs.now, sessions, batchSize: Math.max(100, Math.ceil(rows.length / sessions)) },
        );
    }
    const lookup = () => pool.query<RateRow>(RATES_AS_OF, [o.asOf, coveredShare, runs?.now ?? null, runs?.design ?? null]);
    let { rows } = await lookup();
    if (rows.length === 0) {
      await buildRateSeries(pool, coveredShare);
      ({ rows } = await lookup());
    }
    return rows.length === 0 ? null : { rows, failures, evaluated };
  } finally {
    if (runs !== null) await Promise.all([dropAdhoc(pool, runs.now), dropAdhoc(pool, runs.design)]);
  }
}

/**
 * Evaluates, into coverage_subset_memo, every set of working cameras that "coverage now" of a day
 * since the first status record meets on a part (subset-pairs.sql) and the memo lacks, so that
 * any such day on the time slider only looks its parts up. Returns how many were evaluated and
 * the parts that failed. At M (20,000 cameras, ten years of status records): about 100,000 sets, 25 s.
 */
export async function fillSubsetMemo(
  pool: pg.Pool,
  o: { sessions?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ evaluated: number; failures: BatchFailure[] }> {
  const { rows } = await pool.query<{ part_id: number; ids: string }>(SUBSET_PAIRS);
  const failures =
    rows.length === 0
      ? []
      : await storeSubsets(pool, rows, {
          runId: null,
          sessions: o.sessions ?? 2,
          batchSize: 1000,
          onProgress: (d) => o.onProgress?.(d, rows.length),
        });
  // Planned from fresh statistics: a memo grown from empty was read by hashing all of it.
  if (rows.length > 0) await pool.query('ANALYZE coverage_subset_memo');
  return { evaluated: rows.length, failures };
}
