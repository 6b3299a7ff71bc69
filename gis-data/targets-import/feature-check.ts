// Which features of a target or area layer can be used: coordinates first (check-coordinates.ts),
// then PostGIS' verdict (validity, emptiness, dimension), a batch at a time. What is refused or
// repaired is noted per feature; the notes keep counts and only the first entries, so a file of
// millions of bad features cannot grow the report.
import type pg from 'pg';
import type { Feature } from 'geojson';
import { isDatabaseError } from '../ledger/import-errors';
import { geometryProblem } from './check-coordinates';
import { loadSql } from '../../db/sql';

const Q = { check: loadSql(import.meta.url, 'sql/check-geometries.sql') };

/** Entries listed in a report (the first by feature); counts say how many there are. */
export const MAX_NOTES_LISTED = 1000;

export interface FeatureNote {
  feature: number;
  reason: string;
}

/** Repairs or rejections: a count and the first MAX_NOTES_LISTED entries. */
export class Notes {
  readonly listed: FeatureNote[] = [];
  count = 0;
  /** Adds a batch's notes in feature order. */
  addAll(notes: FeatureNote[]): void {
    notes.sort((a, b) => a.feature - b.feature);
    for (const n of notes) {
      this.count += 1;
      if (this.listed.length < MAX_NOTES_LISTED) this.listed.push(n);
    }
  }
}

interface Checked {
  idx: number;
  valid: boolean;
  reason: string | null;
  empty: boolean;
  dim: number;
}

/** PostGIS' verdict on each geometry; a batch PostGIS cannot read is retried feature by feature. */
async function checkInPostgis(
  client: pg.PoolClient,
  items: { idx: number; geojson: string }[],
  rejected: FeatureNote[],
): Promise<Checked[]> {
  await client.query('SAVEPOINT check_batch');
  try {
    const rows = (await client.query<Checked>(Q.check, [JSON.stringify(items)])).rows;
    await client.query('RELEASE SAVEPOINT check_batch');
    return rows;
  } catch (err) {
    if (!isDatabaseError(err)) throw err;
    await client.query('ROLLBACK TO SAVEPOINT check_batch');
    await client.query('RELEASE SAVEPOINT check_batch');
  }
  // One feature at a time finds the culprits; the database's own message stays out of the report.
  const rows: Checked[] = [];
  for (const item of items) {
    await client.query('SAVEPOINT check_one');
    try {
      rows.push(...(await client.query<Checked>(Q.check, [JSON.stringify([item])])).rows);
      await client.query('RELEASE SAVEPOINT check_one');
    } catch (err) {
      if (!isDatabaseError(err)) throw err;
      await client.query('ROLLBACK TO SAVEPOINT check_one');
      await client.query('RELEASE SAVEPOINT check_one');
      rejected.push({ feature: item.idx, reason: 'PostGIS cannot read this geometry (not a valid GeoJSON geometry)' });
    }
  }
  return rows;
}

/** Checks one batch of features (with their 1-based index in the file): the usable ones, and the batch's notes. */
export async function checkFeatures(
  client: pg.PoolClient,
  batch: { f: Feature; idx: number }[],
  needDim?: number,
): Promise<{ ok: { f: Feature; idx: number; dim: number }[]; rejected: FeatureNote[]; repaired: FeatureNote[] }> {
  const rejected: FeatureNote[] = [];
  const repaired: FeatureNote[] = [];
  const withGeom: { idx: number; geojson: string }[] = [];
  const byIdx = new Map<number, Feature>();
  for (const { f, idx } of batch) {
    const geometry = f !== null && typeof f === 'object' ? f.geometry : undefined;
    const problem = geometry === null || geometry === undefined ? 'no geometry' : geometryProblem(geometry);
    if (problem !== null) rejected.push({ feature: idx, reason: problem });
    else {
      withGeom.push({ idx, geojson: JSON.stringify(geometry) });
      byIdx.set(idx, f);
    }
  }
  const ok: { f: Feature; idx: number; dim: number }[] = [];
  if (withGeom.length > 0) {
    for (const r of await checkInPostgis(client, withGeom, rejected)) {
      if (r.empty) rejected.push({ feature: r.idx, reason: 'empty geometry' });
      else if (needDim !== undefined && r.dim !== needDim)
        rejected.push({ feature: r.idx, reason: `geometry of dimension ${r.dim}, expected polygons` });
      else {
        if (!r.valid) repaired.push({ feature: r.idx, reason: `${r.reason ?? 'invalid'} (repaired with ST_MakeValid)` });
        ok.push({ f: byIdx.get(r.idx)!, idx: r.idx, dim: r.dim });
      }
    }
  }
  return { ok, rejected, repaired };
}
