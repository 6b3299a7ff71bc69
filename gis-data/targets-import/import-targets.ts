// Target layers (intersections, roads, hotspots, crowded places) and admin areas from GeoJSON or
// shapefiles. Invalid or self-intersecting geometry is repaired with ST_MakeValid and listed in
// the report; features that cannot be used (no geometry, coordinates that are not WGS-84, empty
// after repair, an area without a code) are listed as rejected. Nothing is dropped silently. One
// transaction per file; features stream through in batches, the report counts everything and
// lists the first 1,000 of each kind, and a run stops (never committing) at the row or
// rejected-feature limit, as ledger imports do.
import type pg from 'pg';
import type { Feature } from 'geojson';
import { UserFacingError } from '../../db/errors';
import { DEFAULT_MAX_REJECTIONS, DEFAULT_MAX_ROWS, type ImportStop } from '../ledger/import-ledger';
import { sha256OfSource, type ByteSource } from '../ledger/source';
import { readVectorFeatures } from './read-vector-file';
import { CODE_KEYS, KIND_KEYS, NAME_KEYS, pickProperty } from './pick-property';
import { allLevels } from '../optics/levels';
import { ensureMetricSrid } from '../loaders/metric-srid';
import { databaseFailure, isDatabaseError, rollbackAfterFailure } from '../ledger/import-errors';
import { checkFeatures, Notes, type FeatureNote } from './feature-check';
import { loadSql } from '../../db/sql';

const sql = (name: string): string => loadSql(import.meta.url, `sql/${name}.sql`);
const Q = {
  targets: sql('insert-targets'),
  areas: sql('insert-areas'),
  parents: sql('set-area-parents'),
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
  /** The first 1,000 repaired features (counts.repaired: all). */
  repaired: FeatureNote[];
  /** The first 1,000 rejected features (counts.rejected: all). */
  rejected: FeatureNote[];
  counts: { features: number; repaired: number; rejected: number };
  stopped: ImportStop | null;
}

export interface VectorImportOptions {
  commit?: boolean;
  /** Stop after this many features (default 1,000,000). */
  maxRows?: number;
  /** Stop after this many rejected features (default 10,000). */
  maxRejections?: number;
}

const BATCH = 1000;

/** Reads features in batches, stopping at the limits; `each` handles one batch (and counts its rejections, which `rejectedSoFar` reads). */
async function inBatches(
  source: ByteSource,
  options: VectorImportOptions,
  rejectedSoFar: () => number,
  each: (batch: { f: Feature; idx: number }[]) => Promise<void>,
): Promise<{ features: number; stopped: ImportStop | null }> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxRejections = options.maxRejections ?? DEFAULT_MAX_REJECTIONS;
  let batch: { f: Feature; idx: number }[] = [];
  let idx = 0;
  let stopped: ImportStop | null = null;
  const features = readVectorFeatures(source);
  try {
    for (;;) {
      let next: IteratorResult<Feature>;
      try {
        next = await features.next();
      } catch (err) {
        if (err instanceof UserFacingError) throw err;
        // Reader failures (malformed, hostile or binary input) are the user's to fix; say which file.
        const m = (err as Error).message;
        throw new UserFacingError(m.startsWith(source.fileName) ? m : `${source.fileName}: ${m}`);
      }
      if (next.done === true) break;
      if (rejectedSoFar() >= maxRejections) {
        stopped = {
          reason: 'rejection_limit',
          row: idx + 1,
          message: `stopped before feature ${idx + 1} after ${rejectedSoFar()} rejected features, the limit of one import (XUELIANG_IMPORT_MAX_REJECTIONS): the first ones show what is wrong with the file`,
        };
        break;
      }
      if (idx >= maxRows) {
        stopped = {
          reason: 'row_limit',
          row: idx + 1,
          message: `stopped before feature ${idx + 1}: the file has more than ${maxRows} features, the limit of one import (XUELIANG_IMPORT_MAX_ROWS); split it`,
        };
        break;
      }
      batch.push({ f: next.value, idx: (idx += 1) });
      // A batch never holds more features than rejections are left, so the count stops exactly at the limit.
      if (batch.length >= Math.min(BATCH, maxRejections - rejectedSoFar())) {
        await each(batch);
        batch = [];
      }
    }
  } finally {
    // Stopping early (a limit, a failure) closes the reader and the file or archive behind it.
    await features.return(undefined);
  }
  if (batch.length > 0) await each(batch);
  return { features: idx, stopped };
}

function checkLevel(level: string | undefined): void {
  if (level !== undefined && !allLevels().some((l) => l.name === level)) {
    throw new UserFacingError(
      `--level "${level}" is not a detail level (${allLevels()
        .map((l) => l.name)
        .join(', ')})`,
    );
  }
}

export async function importTargets(
  pool: pg.Pool,
  source: ByteSource,
  options: { class: TargetClass; level?: string } & VectorImportOptions & VectorImportRun,
): Promise<VectorImportReport> {
  if (!(TARGET_CLASSES as readonly string[]).includes(options.class))
    throw new UserFacingError(`class must be one of ${TARGET_CLASSES.join(', ')}`);
  checkLevel(options.level);
  const notes = { repaired: new Notes(), rejected: new Notes() };
  let added = 0;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const read = await inBatches(
      source,
      options,
      () => notes.rejected.count,
      async (batch) => {
        const checked = await checkFeatures(client, batch);
        notes.rejected.addAll(checked.rejected);
        notes.repaired.addAll(checked.repaired);
        if (checked.ok.length === 0) return;
        const rows = checked.ok.map(({ f, idx, dim }) => {
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
        const res = await client.query(Q.targets, [
          JSON.stringify(rows),
          options.class,
          options.level ?? null,
          DEFAULT_LEVEL[options.class],
          `import:${source.fileName}`,
        ]);
        added += res.rowCount ?? 0;
      },
    );
    return await finish(client, reportOf(source, added, notes, read), options.commit === true, 'targets', source, options);
  } catch (err) {
    await rollbackAfterFailure(client, source.fileName);
    if (isDatabaseError(err)) throw databaseFailure(source.fileName, 'the import', err);
    throw err;
  } finally {
    client.release();
  }
}

export async function importAreas(
  pool: pg.Pool,
  source: ByteSource,
  options: { level?: 'county' | 'town' | 'city' } & VectorImportOptions & VectorImportRun = {},
): Promise<VectorImportReport> {
  const notes = { repaired: new Notes(), rejected: new Notes() };
  let added = 0;
  const parents: { code: string; parent_code: string }[] = [];
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const read = await inBatches(
      source,
      options,
      () => notes.rejected.count,
      async (batch) => {
        const checked = await checkFeatures(client, batch, 2);
        for (const { f, idx } of checked.ok) {
          const p = f.properties ?? {};
          const code = pickProperty(p, CODE_KEYS);
          const name = pickProperty(p, NAME_KEYS);
          const level = options.level ?? pickProperty(p, ['level', '级别']);
          if (code === undefined || !/^\d{6,12}$/.test(code)) {
            checked.rejected.push({ feature: idx, reason: `code "${(code ?? '').slice(0, 40)}" is not a GB/T 2260 code of 6-12 digits` });
            continue;
          }
          if (name === undefined) {
            checked.rejected.push({ feature: idx, reason: 'no name property' });
            continue;
          }
          if (level === undefined || !['county', 'town', 'city'].includes(level)) {
            checked.rejected.push({
              feature: idx,
              reason: `level "${(level ?? '').slice(0, 40)}" is not county, town or city (pass --level)`,
            });
            continue;
          }
          const parent = pickProperty(p, ['parent_code', 'parent']) ?? null;
          // One at a time: a code repeated in the file updates the row the earlier feature wrote.
          const res = await client.query(Q.areas, [
            JSON.stringify([
              {
                code,
                name,
                name_en: pickProperty(p, ['name_en', 'name:en']) ?? null,
                level,
                parent_code: parent,
                geojson: JSON.stringify(f.geometry),
              },
            ]),
          ]);
          added += res.rowCount ?? 0;
          if (parent !== null) parents.push({ code, parent_code: parent });
        }
        notes.rejected.addAll(checked.rejected);
        notes.repaired.addAll(checked.repaired);
      },
    );
    // Parents named by code, once every area of the file is in (a town may come before its county).
    for (let i = 0; i < parents.length; i += BATCH) await client.query(Q.parents, [JSON.stringify(parents.slice(i, i + BATCH))]);
    return await finish(client, reportOf(source, added, notes, read), options.commit === true, 'areas', source, options);
  } catch (err) {
    await rollbackAfterFailure(client, source.fileName);
    if (isDatabaseError(err)) throw databaseFailure(source.fileName, 'the import', err);
    throw err;
  } finally {
    client.release();
  }
}

function reportOf(
  source: ByteSource,
  added: number,
  notes: { repaired: Notes; rejected: Notes },
  read: { features: number; stopped: ImportStop | null },
): VectorImportReport {
  return {
    fileName: source.fileName,
    committed: false,
    added,
    repaired: notes.repaired.listed,
    rejected: notes.rejected.listed,
    counts: { features: read.features, repaired: notes.repaired.count, rejected: notes.rejected.count },
    stopped: read.stopped,
  };
}

/** Commits (and records the run) unless this is a dry run or the run stopped early. */
async function finish(
  client: pg.PoolClient,
  report: VectorImportReport,
  commit: boolean,
  kind: 'targets' | 'areas',
  source: ByteSource,
  run: VectorImportRun,
): Promise<VectorImportReport> {
  if (commit && report.stopped === null) {
    report.committed = true;
    // The first layer loaded into an empty dataset fixes its UTM zone, as an OSM import does.
    await ensureMetricSrid(client);
    const fileSha256 = await sha256OfSource(source);
    const { rows } = await client.query<{ id: string }>(Q.run, [
      kind,
      report.fileName,
      null,
      false,
      true,
      JSON.stringify({ added: report.added, repaired: report.counts.repaired, rejected: report.counts.rejected }),
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
