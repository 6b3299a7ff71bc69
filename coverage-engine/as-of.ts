// Figures of another date without evaluating every part again (issue 14, "Speed of the
// journeys": any day on the time slider in well under a second). Design coverage of a date is
// each part's latest daily history row on or before it (part-history.ts); "coverage now" of a
// date is the same, except for the parts a camera that was down at the end of that day sees,
// which are evaluated (xl_part_coverage with the cameras working then). Before the first status
// record "now" is unknown (statusFrom).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { loadSql } from '../db/sql';
import type { AdhocRun } from './adhoc';
import { runBatches } from '../db/run-batches';

const STATUS_FROM = loadSql(import.meta.url, 'status-from.sql');
const HISTORY_STATE = loadSql(import.meta.url, 'history-state.sql');
const SET_HISTORY_STATE = loadSql(import.meta.url, 'set-history-state.sql');
const FROM_HISTORY = loadSql(import.meta.url, 'adhoc-from-history.sql');
const STORE_ADHOC = loadSql(import.meta.url, 'store-adhoc.sql');

/** The first local day (YYYY-MM-DD) with a camera status record, or null when none exists yet. */
export async function statusFrom(db: pg.Pool | pg.PoolClient): Promise<string | null> {
  return (await db.query<{ status_from: string | null }>(STATUS_FROM)).rows[0]?.status_from ?? null;
}

/** Whether the daily history is whole (the last full recompute wrote it). */
export async function historyComplete(db: pg.Pool | pg.PoolClient): Promise<boolean> {
  return (await db.query<{ complete: boolean }>(HISTORY_STATE)).rows[0]?.complete === true;
}

export async function setHistoryComplete(db: pg.Pool | pg.PoolClient, complete: boolean): Promise<void> {
  await db.query(SET_HISTORY_STATE, [complete]);
}

/**
 * Stores `asOf`'s per-part results under a run id, as evaluateAdhoc does for the required
 * levels with occlusion, read from the daily history (and, for "now", evaluating only the parts
 * a down camera sees). The caller reads rates with queryRates({ runId }) and drops the run.
 */
export async function evaluateFromHistory(pool: pg.Pool, o: { asOf: string; now: boolean; sessions?: number }): Promise<AdhocRun> {
  const runId = randomUUID();
  const { rows } = await pool.query<{ part_id: number }>(FROM_HISTORY, [runId, o.asOf, o.now]);
  const ids = rows.map((r) => r.part_id);
  const failures =
    ids.length === 0
      ? []
      : await runBatches(pool, STORE_ADHOC, ids, (b) => [b, runId, true, o.asOf, null, true, null], {
          sessions: o.sessions,
          batchSize: 200,
        });
  return { runId, failures };
}
