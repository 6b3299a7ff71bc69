// Target layers (intersections, roads, hotspots, crowded places) and admin areas from GeoJSON or
// shapefiles. Invalid or self-intersecting geometry is repaired with ST_MakeValid and listed in
// the report; features that cannot be used (no geometry, empty after repair, an area without a
// code) are listed as rejected. Nothing is dropped silently. One transaction per file.
import type pg from 'pg';
import type { Feature } from 'geojson';
import { UserFacingError } from '../../db/errors';
import { sha256OfSource, type ByteSource } from '../ledger/source';
import { readVectorFeatures } from './read-vector-file';
import { CODE_KEYS, KIND_KEYS, NAME_KEYS, pickProperty } from './pick-property';
import { allLevels } from '../optics/levels';
import { loadSql } from '../../db/sql';

const sql = (name: string): string => loadSql(import.meta.url, `sql/${name}.sql`);
const Q = {
  check: sql('check-geometries'),
  targets: sql('insert-targets'),
  areas: sql('insert-areas'),
  run: loadSql(import.meta.url, '../ledger/sql/insert-import-run.sql'),
};

export const TARGET_CLASSES = ['intersection', 'road', 'hotspot', 'crowded_place'] as const;
export type TargetClass = (typeof TARGET_CLASSES)[number];
/** Default required level per class (docs/contracts.md "Detail levels"). */
const DEFAULT_LEVEL: Record<TargetClass, string> = {
  intersection: 'observe',
  road: 'detect',
  hotspot: 'observe',
  crowded_place: 'recognise',
};

/** Who imports and what to do inside the commit's transaction (the audit entry). */
export interface VectorImportRun {
  /** Recorded in import_runs.created_by: the user name, or cli:<OS user>. */
  createdBy?: string;
  onCommit?: (client: pg.PoolClient, report: VectorImportReport, written: { fileSha256: string; runId: number }) => Promise<void>;
}

export interface VectorImportReport {
  fileName: string;
  committed: boolean;
  added: number;
  repaired: { feature: number; reason: string }[];
  rejected: { feature: number; reason: string }[];
}

interface Checked {
  idx: number;
  valid: boolean;
  reason: string | null;
  empty: boolean;
  dim: number;
}

async function readOrFail(source: ByteSource): Promise<Feature[]> {
  try {
    return await readVectorFeatures(source);
  } catch (err) {
    const m = (err as Error).message;
    throw new UserFacingError(m.startsWith(source.fileName) ? m : `${source.fileName}: ${m}`);
  }
}

/** Checks geometry in PostGIS; returns usable features (1-based index) and fills repaired/rejected. */
async function checkFeatures(
  client: pg.PoolClient,
  features: Feature[],
  report: VectorImportReport,
  needDim?: number,
): Promise<{ f: Feature; idx: number; dim: number }[]> {
  const withGeom: { idx: number; geojson: string }[] = [];
  features.forEach((f, i) => {
    if (f.geometry === null || f.geometry === undefined) report.rejected.push({ feature: i + 1, reason: 'no geometry' });
    else withGeom.push({ idx: i + 1, geojson: JSON.stringify(f.geometry) });
  });
  const ok: { f: Feature; idx: number; dim: number }[] = [];
  for (let i = 0; i < withGeom.length; i += 1000) {
    let rows: Checked[];
    try {
      rows = (await client.query<Checked>(Q.check, [JSON.stringify(withGeom.slice(i, i + 1000))])).rows;
    } catch (err) {
      throw new UserFacingError(`${report.fileName}: a geometry PostGIS cannot read (${(err as Error).message})`);
    }
    for (const r of rows) {
      if (r.empty) {
        report.rejected.push({ feature: r.idx, reason: 'empty geometry' });
        continue;
      }
      if (needDim !== undefined && r.dim !== needDim) {
        report.rejected.push({ feature: r.idx, reason: `geometry of dimension ${r.dim}, expected polygons` });
        continue;
      }
      if (!r.valid) report.repaired.push({ feature: r.idx, reason: `${r.reason ?? 'invalid'} (repaired with ST_MakeValid)` });
      ok.push({ f: features[r.idx - 1]!, idx: r.idx, dim: r.dim });
    }
  }
  return ok;
}

export async function importTargets(
  pool: pg.Pool,
  source: ByteSource,
  options: { class: TargetClass; level?: string; commit?: boolean } & VectorImportRun,
): Promise<VectorImportReport> {
  if (!(TARGET_CLASSES as readonly string[]).includes(options.class))
    throw new UserFacingError(`class must be one of ${TARGET_CLASSES.join(', ')}`);
  if (options.level !== undefined && !allLevels().some((l) => l.name === options.level)) {
    throw new UserFacingError(
      `--level "${options.level}" is not a detail level (${allLevels()
        .map((l) => l.name)
        .join(', ')})`,
    );
  }
  const features = await readOrFail(source);
  const report: VectorImportReport = { fileName: source.fileName, committed: false, added: 0, repaired: [], rejected: [] };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const ok = await checkFeatures(client, features, report);
    const rows = ok.map(({ f, idx, dim }) => {
      const p = f.properties ?? {};
      const prio = Number(pickProperty(p, ['priority', '优先级']));
      return {
        kind: pickProperty(p, KIND_KEYS) ?? null,
        name: pickProperty(p, NAME_KEYS) ?? null,
        priority: Number.isFinite(prio) && prio > 0 ? prio : null,
        source_ref: pickProperty(p, ['id', 'fid', 'objectid']) ?? `feature/${idx}`,
        geojson: JSON.stringify(f.geometry),
        dim,
      };
    });
    for (let i = 0; i < rows.length; i += 1000) {
      const res = await client.query(Q.targets, [
        JSON.stringify(rows.slice(i, i + 1000)),
        options.class,
        options.level ?? null,
        DEFAULT_LEVEL[options.class],
        `import:${source.fileName}`,
      ]);
      report.added += res.rowCount ?? 0;
    }
    return await finish(client, report, options.commit === true, 'targets', source, options);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function importAreas(
  pool: pg.Pool,
  source: ByteSource,
  options: { level?: 'county' | 'town' | 'city'; commit?: boolean } & VectorImportRun = {},
): Promise<VectorImportReport> {
  const features = await readOrFail(source);
  const report: VectorImportReport = { fileName: source.fileName, committed: false, added: 0, repaired: [], rejected: [] };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const ok = await checkFeatures(client, features, report, 2);
    const rows: object[] = [];
    for (const { f, idx } of ok) {
      const p = f.properties ?? {};
      const code = pickProperty(p, CODE_KEYS);
      const name = pickProperty(p, NAME_KEYS);
      const level = options.level ?? pickProperty(p, ['level', '级别']);
      if (code === undefined || !/^\d{6,12}$/.test(code)) {
        report.rejected.push({ feature: idx, reason: `code "${code ?? ''}" is not a GB/T 2260 code of 6-12 digits` });
        continue;
      }
      if (name === undefined) {
        report.rejected.push({ feature: idx, reason: 'no name property' });
        continue;
      }
      if (level === undefined || !['county', 'town', 'city'].includes(level)) {
        report.rejected.push({ feature: idx, reason: `level "${level ?? ''}" is not county, town or city (pass --level)` });
        continue;
      }
      rows.push({
        code,
        name,
        name_en: pickProperty(p, ['name_en', 'name:en']) ?? null,
        level,
        parent_code: pickProperty(p, ['parent_code', 'parent']) ?? null,
        geojson: JSON.stringify(f.geometry),
      });
    }
    // Parents first (city, county, town) so a parent_code finds its row in the same file.
    const order = { city: 0, county: 1, town: 2 } as Record<string, number>;
    rows.sort((a, b) => order[(a as { level: string }).level]! - order[(b as { level: string }).level]!);
    for (const r of rows) {
      const res = await client.query(Q.areas, [JSON.stringify([r])]);
      report.added += res.rowCount ?? 0;
    }
    return await finish(client, report, options.commit === true, 'areas', source, options);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function finish(
  client: pg.PoolClient,
  report: VectorImportReport,
  commit: boolean,
  kind: 'targets' | 'areas',
  source: ByteSource,
  run: VectorImportRun,
): Promise<VectorImportReport> {
  if (commit) {
    report.committed = true;
    const fileSha256 = await sha256OfSource(source);
    const { rows } = await client.query<{ id: string }>(Q.run, [
      kind,
      report.fileName,
      null,
      false,
      true,
      JSON.stringify({ added: report.added, repaired: report.repaired.length, rejected: report.rejected.length }),
      JSON.stringify(report),
      run.createdBy ?? null,
      fileSha256,
    ]);
    await run.onCommit?.(client, report, { fileSha256, runId: Number(rows[0]!.id) });
    await client.query('COMMIT');
  } else {
    await client.query('ROLLBACK');
  }
  return report;
}
