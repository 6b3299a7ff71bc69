// The daily series of the rates (issue 14, "Speed of the journeys": any date on the time slider
// answers in under a second at M, where copying every part's history row of the date into a
// one-off run and summing it took 1.5 s for design and 4.2 s for now). coverage_rate_series holds,
// per area and class, the changes of rates.sql's sums on each day the daily history changes a
// target, so a date's design figures are a lookup. "Now" of a date adds, for the targets a camera
// down that day sees, the difference between their figures with the working cameras (evaluated
// as evaluateFromHistory does) and their design figures. The sums are numeric, so they are exactly
// rates.sql's over evaluateFromHistory's run (a test holds them to it).
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
const STORE_ADHOC = loadSql(import.meta.url, 'store-adhoc.sql');
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
    if (runs !== null) {
      const { rows } = await pool.query<{ part_id: number }>(AFFECTED, [runs.now, runs.design, o.asOf]);
      const ids = rows.map((r) => r.part_id);
      // One batch per session: each call of xl_part_coverage for a past date makes that day's
      // working set first (~0.1 s at M), which batches of 200 parts made a dozen times.
      const sessions = o.sessions ?? 2;
      if (ids.length > 0)
        failures = await runBatches(pool, STORE_ADHOC, ids, (b) => [b, runs.now, true, o.asOf, null, true, null], {
          sessions,
          batchSize: Math.max(200, Math.ceil(ids.length / sessions)),
        });
    }
    const lookup = () => pool.query<RateRow>(RATES_AS_OF, [o.asOf, coveredShare, runs?.now ?? null, runs?.design ?? null]);
    let { rows } = await lookup();
    if (rows.length === 0) {
      await buildRateSeries(pool, coveredShare);
      ({ rows } = await lookup());
    }
    return rows.length === 0 ? null : { rows, failures };
  } finally {
    if (runs !== null) await Promise.all([dropAdhoc(pool, runs.now), dropAdhoc(pool, runs.design)]);
  }
}
