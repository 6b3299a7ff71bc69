// GET /dataset: what is loaded (name, source, bounds, attribution) and where to open the map.
import type pg from 'pg';
import { readTimeZone } from '../../../db/dataset-time';
import { loadSql } from '../../../db/sql';
import { dayIn } from '../../../vocabulary/dataset-time';

const READ = loadSql(import.meta.url, 'read-dataset.sql');

export interface DatasetInfo {
  name: string | null;
  source: string | null;
  generated: boolean;
  bounds: [number, number, number, number] | null;
  attribution: string | null;
  seed: number | null;
  center: [number, number] | null;
  firstInstallDate: string | null;
  metricSrid: number;
  /** The dataset's time zone (IANA name): every date rule counts its days. */
  timeZone: string;
  /** Today in that zone (YYYY-MM-DD): the default date of every date query. */
  today: string;
}

export async function readDataset(pool: pg.Pool): Promise<DatasetInfo> {
  const { rows } = await pool.query<{
    dataset: Record<string, unknown> | null;
    first_install_date: string | null;
    metric_srid: number;
    camera_center: [number, number] | null;
  }>(READ);
  const r = rows[0]!;
  const timeZone = await readTimeZone(pool);
  const d = r.dataset ?? {};
  const b =
    Array.isArray(d.bounds) && d.bounds.length === 4 && d.bounds.every((v) => typeof v === 'number')
      ? (d.bounds as [number, number, number, number])
      : null;
  const cc = r.camera_center !== null && r.camera_center.every((v) => v !== null) ? r.camera_center : null;
  return {
    name: typeof d.name === 'string' ? d.name : null,
    source: typeof d.source === 'string' ? d.source : null,
    // The same rule as the style's metadata (basemap/index.ts): either flag marks generated data.
    generated: d.generated === true || d.source === 'generated',
    bounds: b,
    attribution: typeof d.attribution === 'string' ? d.attribution : null,
    seed: typeof d.seed === 'number' ? d.seed : null,
    center: b !== null ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : cc,
    firstInstallDate: r.first_install_date,
    metricSrid: r.metric_srid,
    timeZone,
    today: dayIn(timeZone),
  };
}
