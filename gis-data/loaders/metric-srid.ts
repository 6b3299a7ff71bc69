// The dataset's metric projection (settings.metric_srid, the UTM zone of its data): set by the
// first import of any kind into an empty dataset (OSM, generated city, camera ledger, target or
// area layers), and checked by the coverage engine before it measures anything, so no figure is
// ever computed in the EPSG:3857 fallback (at 40° N its lengths are 1.31× and areas 1.71× too
// large). Call inside the loader's transaction, after its rows are written. The rule itself is
// xl_ensure_metric_srid() (migrations/repeatable/), which migration 0130 also applies to old datasets.
import type pg from 'pg';
import { loadSql } from '../../db/sql';

const ENSURE = loadSql(import.meta.url, 'ensure-metric-srid.sql');

/** Sets metric_srid from the loaded data when missing; returns the zone in force (null: no data yet). */
export async function ensureMetricSrid(db: pg.Pool | pg.PoolClient): Promise<number | null> {
  const { rows } = await db.query<{ srid: number | null }>(ENSURE);
  return rows[0]?.srid ?? null;
}
