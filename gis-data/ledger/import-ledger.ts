// 一机一档 camera ledger import: read (any format) → map headers → validate each row → stage the
// accepted rows in a temp table inside one transaction → check for a GCJ-02 offset → count adds
// updates and unchanged cameras (diff-stage.sql, field by field, a batch at a time) → commit
// (upsert on device_id, the unchanged left as they are) or not. Rows stream through in batches and rejected
// rows go to the database as they are found (rejection-store.ts), so memory holds a batch, never
// the file, its device ids or its rejections. A run stops early, with the reason in the report,
// after `maxRows` rows or `maxRejections` rejected rows; a stopped run never commits.
//
// The transaction holds the run's import_runs row and its rejections too: a dry run or a refused
// commit COMMITs them (the stage is a temp table dropped at commit, so nothing else is written);
// only a commit that may write also upserts the cameras, in the same transaction, and writes its
// audit entry there (options.onCommit) with the device ids added and updated and the file's SHA-256.
import type pg from 'pg';
import { decryptSecret, encryptSecret } from '../../db/credentials';
import { ensureMetricSrid } from '../loaders/metric-srid';
import { UserFacingError } from '../../db/errors';
import { toWgs84, type SourceCrs } from '../coords/to-wgs84';
import { gcjOffsetVerdict, type GcjVerdict } from '../coords/gcj-offset-verdict';
import type { BBox } from '../osm/osm-types';
import { sha256OfSource, type ByteSource } from './source';
import { detectLedgerFormat } from './detect-format';
import { databaseFailure, isDatabaseError, rollbackAfterFailure } from './import-errors';
import type { LedgerFormat, LedgerReadResult } from './ledger-record';
import { readCsvLedger } from './read-csv';
import { readXlsxLedger } from './read-xlsx';
import { readGeoJsonLedger } from './read-geojson';
import { readKmlLedger } from './read-kml';
import { readOsmJsonLedger } from './read-osm-json';
import { readGb28181Ledger } from './read-gb28181';
import { DEFAULT_OSM_ADMIN_CODE } from './osm-device-id';
import { listRejections, RejectionWriter, type LedgerRejection } from './rejection-store';
import { nulField, RowMapper } from './row-mapper';
import { validateRow, type StagedCamera } from './validate-row';
import { loadSql } from '../../db/sql';

export type { LedgerRejection } from './rejection-store';

const sql = (name: string): string => loadSql(import.meta.url, `sql/${name}.sql`);
const Q = {
  createStage: sql('create-stage'),
  insertStage: sql('insert-stage'),
  firstRows: sql('stage-first-rows'),
  area: sql('loaded-area'),
  distances: sql('road-distances'),
  counts: sql('count-add-update'),
  diff: sql('diff-stage'),
  markChanged: sql('mark-changed-stage'),
  dropUnchanged: sql('drop-unchanged-stage'),
  upsert: sql('upsert-cameras'),
  run: sql('insert-import-run'),
  updateRun: sql('update-import-run'),
  expire: sql('expire-rejections'),
};

/** Defaults of the per-import limits (XUELIANG_IMPORT_MAX_ROWS, XUELIANG_IMPORT_MAX_REJECTIONS). */
export const DEFAULT_MAX_ROWS = 1_000_000;
export const DEFAULT_MAX_REJECTIONS = 10_000;

export interface LedgerImportOptions {
  format?: LedgerFormat;
  crs?: SourceCrs;
  mapping?: Record<string, string>;
  skipInvalid?: boolean;
  commit?: boolean;
  adminCode?: string;
  onProgress?: (rowsRead: number) => void;
  /** Stop reading after this many rows (default 1,000,000). */
  maxRows?: number;
  /** Stop reading after this many rejected rows (default 10,000). */
  maxRejections?: number;
  /** Rejections listed in the report itself, the first by row (default all stored); the rest are paged. */
  listRejections?: number;
  /** Recorded in import_runs.created_by: the user name, or cli:<OS user>. */
  createdBy?: string;
  /** Runs inside the commit's transaction, before COMMIT (the audit entry: all or nothing with the import). */
  onCommit?: (client: pg.PoolClient, report: LedgerImportReport, written: LedgerWritten) => Promise<void>;
}

/** What a commit wrote: the device ids added and updated, and the file it read. */
export interface LedgerWritten {
  added: string[];
  updated: string[];
  fileSha256: string;
}

/** A field's value in the diff: text (dates as YYYY-MM-DD), a number, null, or the PTZ presets (diff-stage.sql). */
export type LedgerFieldValue = string | number | null | Array<Record<string, unknown>>;

/** One field a commit would change on an existing camera (passwords: both null, never shown). */
export interface LedgerFieldChange {
  field: string;
  before: LedgerFieldValue;
  after: LedgerFieldValue;
}

export interface LedgerChange {
  row: number;
  deviceId: string;
  fields: LedgerFieldChange[];
}

/** Why a run stopped before the end of its file. */
export interface ImportStop {
  reason: 'row_limit' | 'rejection_limit';
  /** The row at which reading stopped (not read). */
  row: number;
  message: string;
}

export interface LedgerImportReport {
  runId: number | null;
  fileName: string;
  format: LedgerFormat;
  crs: SourceCrs;
  dryRun: boolean;
  committed: boolean;
  mapping: Record<string, string>;
  unmappedHeaders: string[];
  /** update: existing cameras whose values would change; unchanged: existing cameras left as they are. */
  counts: { rows: number; add: number; update: number; unchanged: number; reject: number; assumed: number; skipped: number };
  /** The first rejected rows by row number (all of them: counts.reject; page the rest by runId). */
  rejections: LedgerRejection[];
  assumed: { row: number; deviceId: string; fields: string[] }[];
  /** The updates, field by field (the first 1,000 by row). */
  changes: LedgerChange[];
  gcjOffset: GcjVerdict;
  stopped: ImportStop | null;
}

const BATCH = 1000;
/** Cameras sampled for the GCJ-02 check: enough for a stable median, cheap on KNN. */
const GCJ_SAMPLE = 300;
const MAX_ASSUMED_LISTED = 1000;
const MAX_CHANGES_LISTED = 1000;
/** Rejections kept in import_runs.report (all are in import_rejections). */
const REJECTIONS_IN_RUN_RECORD = 100;

function reader(source: ByteSource, format: LedgerFormat, adminCode: string): LedgerReadResult {
  switch (format) {
    case 'csv':
      return readCsvLedger(source);
    case 'xlsx':
      return readXlsxLedger(source);
    case 'geojson':
      return readGeoJsonLedger(source);
    case 'kml':
      return readKmlLedger(source);
    case 'osm-json':
      return readOsmJsonLedger(source, adminCode);
    case 'gb28181':
      return readGb28181Ledger(source);
  }
}

interface StageRow {
  row_no: number;
  device_id: string;
  assumed: boolean;
  [column: string]: unknown;
}

function stageRow(row: number, c: StagedCamera, source: string, assumed: boolean): StageRow {
  const { onvif_password: password, gb_password: gbPassword, ...rest } = c;
  const enc = (p: string | null): string | null => (p === null ? null : encryptSecret(p).toString('base64'));
  return { row_no: row, ...rest, source, onvif_password_enc: enc(password), gb_password_enc: enc(gbPassword), assumed };
}

function positiveLimit(v: number | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  if (!(Number.isInteger(v) && v > 0)) throw new UserFacingError(`${name} must be a positive whole number, got ${v}`);
  return v;
}

export async function importCameraLedger(
  pool: pg.Pool,
  source: ByteSource,
  options: LedgerImportOptions = {},
): Promise<LedgerImportReport> {
  const format =
    options.format ??
    (await detectLedgerFormat(source).catch((e: Error) => {
      throw new UserFacingError(e.message);
    }));
  const crs = options.crs ?? 'wgs84';
  const adminCode = options.adminCode ?? DEFAULT_OSM_ADMIN_CODE;
  if (!/^\d{8}$/.test(adminCode)) throw new UserFacingError(`--admin-code must be 8 digits, got "${adminCode}"`);
  const maxRows = positiveLimit(options.maxRows, DEFAULT_MAX_ROWS, 'the row limit');
  const maxRejections = positiveLimit(options.maxRejections, DEFAULT_MAX_REJECTIONS, 'the rejected-row limit');
  const commit = options.commit === true;
  const fileSha256 = await sha256OfSource(source);
  const written: LedgerWritten = { added: [], updated: [], fileSha256 };
  const sourceTag = format === 'osm-json' ? 'osm' : `ledger:${format}`;
  const assumed: LedgerImportReport['assumed'] = [];
  const mapper = new RowMapper(source.fileName, format, options.mapping);
  const gcjSample: { row_no: number; lon: number; lat: number; slon: number; slat: number }[] = [];
  let rows = 0;
  let assumedCount = 0;
  let stopped: ImportStop | null = null;
  let gcj: GcjVerdict = { checked: false, likely: false, sampled: 0, medianRawM: null, medianShiftedM: null };
  let read: LedgerReadResult | undefined;
  const client = await pool.connect();
  try {
    await client.query(Q.expire);
    await client.query('BEGIN');
    await client.query(Q.createStage);
    const runId = Number(
      (
        await client.query<{ id: string }>(Q.run, [
          'cameras',
          source.fileName,
          format,
          !commit,
          false,
          '{}',
          '{}',
          options.createdBy ?? null,
          fileSha256,
        ])
      ).rows[0]!.id,
    );
    const rejected = new RejectionWriter(client, runId);
    const area = (await client.query<{ bounds: BBox | null }>(Q.area)).rows[0]?.bounds ?? null;
    read = reader(source, format, adminCode);

    let batch: StageRow[] = [];
    const batchIds = new Map<string, number>();
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      let inserted: Set<number>;
      try {
        const res = await client.query<{ row_no: number }>(Q.insertStage, [JSON.stringify(batch)]);
        inserted = new Set(res.rows.map((r) => r.row_no));
      } catch (err) {
        if (!isDatabaseError(err)) throw err;
        throw databaseFailure(source.fileName, `rows ${batch[0]!.row_no}–${batch[batch.length - 1]!.row_no}`, err);
      }
      // Rows the stage refused repeat a device id staged by an earlier batch.
      const dups = batch.filter((b) => !inserted.has(b.row_no));
      if (dups.length > 0) {
        const first = new Map(
          (await client.query<{ device_id: string; row_no: number }>(Q.firstRows, [dups.map((d) => d.device_id)])).rows.map((r) => [
            r.device_id,
            r.row_no,
          ]),
        );
        for (const d of dups) await duplicate(d, first.get(d.device_id) ?? 0);
      }
      batch = [];
      batchIds.clear();
    };
    const duplicate = async (d: StageRow, firstRow: number): Promise<void> => {
      // It was counted as accepted when read; it is not.
      if (d.assumed) {
        assumedCount -= 1;
        const i = assumed.findIndex((a) => a.row === d.row_no);
        if (i >= 0) assumed.splice(i, 1);
      }
      const s = gcjSample.findIndex((g) => g.row_no === d.row_no);
      if (s >= 0) gcjSample.splice(s, 1);
      await rejected.add({
        row: d.row_no,
        deviceId: d.device_id,
        code: 'duplicate_device_id',
        field: 'device_id',
        message: `device id ${d.device_id} already appears on row ${firstRow}`,
      });
    };

    for await (const rec of read.records) {
      if (rejected.count >= maxRejections) {
        stopped = {
          reason: 'rejection_limit',
          row: rec.row,
          message: `stopped before row ${rec.row} after ${rejected.count} rejected rows, the limit of one import (XUELIANG_IMPORT_MAX_REJECTIONS): the first rejections show what is wrong with the file; fix it and upload it again`,
        };
        break;
      }
      if (rows >= maxRows) {
        stopped = {
          reason: 'row_limit',
          row: rec.row,
          message: `stopped before row ${rec.row}: the file has more than ${maxRows} rows, the limit of one import (XUELIANG_IMPORT_MAX_ROWS); split it into smaller files`,
        };
        break;
      }
      rows += 1;
      if (rows % 5000 === 0) options.onProgress?.(rows);
      const values = mapper.values(rec);
      const nul = nulField(values, rec.provenance);
      const rawId =
        typeof values.device_id === 'string'
          ? values.device_id.replaceAll('\u0000', '').trim()
          : values.device_id === undefined || values.device_id === null
            ? null
            : String(values.device_id);
      const result =
        nul !== undefined
          ? ({
              ok: false,
              code: 'bad_value',
              field: nul,
              message: `${nul} holds a NUL character (U+0000), which no text field can hold: binary data in the file?`,
            } as const)
          : validateRow(
              {
                values,
                ...(rec.position === undefined ? {} : { position: rec.position }),
                ...(rec.geometryProblem === undefined ? {} : { geometryProblem: rec.geometryProblem }),
                ...(rec.provenance === undefined ? {} : { provenance: rec.provenance }),
                ...(rec.ptzPresets === undefined ? {} : { ptzPresets: rec.ptzPresets }),
              },
              { crs, area },
            );
      if (!result.ok) {
        await rejected.add({ row: rec.row, deviceId: rawId, code: result.code, field: result.field, message: result.message });
      } else {
        const cam = result.camera;
        const earlier = batchIds.get(cam.device_id);
        const row = stageRow(rec.row, cam, sourceTag, result.assumed.length > 0);
        if (earlier !== undefined) await duplicate({ ...row, assumed: false }, earlier);
        else {
          batchIds.set(cam.device_id, rec.row);
          if (result.assumed.length > 0) {
            assumedCount += 1;
            if (assumed.length < MAX_ASSUMED_LISTED) assumed.push({ row: rec.row, deviceId: cam.device_id, fields: result.assumed });
          }
          if ((crs === 'wgs84' || crs === 'cgcs2000') && gcjSample.length < GCJ_SAMPLE) {
            // Read the given position as GCJ-02 and correct it: if that fits the roads far better, the file was GCJ-02.
            const [slon, slat] = toWgs84(cam.lon, cam.lat, 'gcj02');
            gcjSample.push({ row_no: rec.row, lon: cam.lon, lat: cam.lat, slon, slat });
          }
          batch.push(row);
          if (batch.length >= BATCH) await flush();
        }
      }
    }
    await flush();
    await rejected.flush();
    options.onProgress?.(rows);
    if (stopped === null && gcjSample.length > 0) {
      const d = await client.query<{ raw_m: number | null; shifted_m: number | null }>(Q.distances, [JSON.stringify(gcjSample)]);
      gcj = gcjOffsetVerdict(
        d.rows.filter((r) => r.raw_m !== null && r.shifted_m !== null).map((r) => ({ rawM: r.raw_m!, shiftedM: r.shifted_m! })),
      );
      if (gcj.likely) {
        await rejected.rejectStaged(
          'likely_gcj02_offset',
          'lon',
          `declared ${crs} but the cameras sit ${gcj.medianRawM} m from the nearest road (median) and ${gcj.medianShiftedM} m after a GCJ-02 correction: the file is likely GCJ-02; re-run with --crs gcj02`,
        );
      }
    }
    const staged = (await client.query<{ add: number; existing: number }>(Q.counts)).rows[0]!;
    const diff = await diffStage(client);
    const counts = { add: staged.add, update: diff.changed, unchanged: staged.existing - diff.changed };
    const mayCommit = commit && stopped === null && (rejected.count === 0 || options.skipInvalid === true);
    if (mayCommit) {
      // Unchanged cameras are not rewritten: their rows, provenance and source stay as they are.
      await client.query(Q.dropUnchanged);
      const upserted = await client.query<{ device_id: string; inserted: boolean }>(Q.upsert);
      for (const r of upserted.rows) (r.inserted ? written.added : written.updated).push(r.device_id);
      // The first data of an empty dataset fixes its UTM zone (cameras are data too).
      await ensureMetricSrid(client);
    }
    const report: LedgerImportReport = {
      runId,
      fileName: source.fileName,
      format,
      crs,
      dryRun: !commit,
      committed: mayCommit,
      mapping: { ...mapper.usedMapping },
      unmappedHeaders: [...mapper.unmapped],
      // add/update describe the accepted rows whether or not this run wrote them (committed says that).
      counts: {
        rows,
        add: counts.add,
        update: counts.update,
        unchanged: counts.unchanged,
        reject: rejected.count,
        assumed: assumedCount,
        skipped: read.skipped(),
      },
      rejections: (await listRejections(client, runId, null, Math.min(options.listRejections ?? maxRejections, rejected.count))).rejections,
      assumed,
      changes: diff.listed,
      gcjOffset: gcj,
      stopped,
    };
    const record = { ...report, rejections: report.rejections.slice(0, REJECTIONS_IN_RUN_RECORD), assumed: assumed.slice(0, 100) };
    await client.query(Q.updateRun, [
      runId,
      report.dryRun,
      report.committed,
      JSON.stringify(report.counts),
      JSON.stringify(record),
      stopped === null ? null : JSON.stringify(stopped),
    ]);
    // The audit entry is all or nothing with the rows it names.
    if (mayCommit) await options.onCommit?.(client, report, written);
    await client.query('COMMIT');
    return report;
  } catch (err) {
    await rollbackAfterFailure(client, source.fileName);
    if (err instanceof UserFacingError) throw err;
    if (isDatabaseError(err)) throw databaseFailure(source.fileName, 'the import', err);
    const msg = (err as Error).message;
    // Reader failures (malformed, hostile or binary input) are the user's to fix; say which file.
    throw new UserFacingError(msg.startsWith(source.fileName) ? msg : `${source.fileName}: ${msg}`);
  } finally {
    client.release();
  }
}

const DIFF_BATCH = 1000;

/**
 * The staged cameras a commit would change, field by field (diff-stage.sql), read a batch at a
 * time so memory holds a batch and the first 1,000 changes; each changed row is marked in the
 * stage, so a commit can leave the others out. A password given for a camera that has one is
 * compared in the clear here (ciphertexts differ by their IVs).
 */
async function diffStage(client: pg.PoolClient): Promise<{ changed: number; listed: LedgerChange[] }> {
  const listed: LedgerChange[] = [];
  let changed = 0;
  let after = 0;
  for (;;) {
    const { rows } = await client.query<{
      row_no: number;
      device_id: string;
      fields: LedgerFieldChange[];
      new_password_enc: Buffer | null;
      old_password_enc: Buffer | null;
      new_gb_password_enc: Buffer | null;
      old_gb_password_enc: Buffer | null;
    }>(Q.diff, [after, DIFF_BATCH]);
    const ids: string[] = [];
    for (const r of rows) {
      const fields = [...r.fields];
      // Each password in the columns' order: before the GB/T 28181 password (onvif) or the presets.
      const insert = (field: string, before: string[]) => {
        const at = fields.findIndex((f) => before.includes(f.field));
        fields.splice(at === -1 ? fields.length : at, 0, { field, before: null, after: null });
      };
      if (r.new_password_enc !== null && r.old_password_enc !== null && !samePassword(r.new_password_enc, r.old_password_enc))
        insert('onvif_password', ['gb_password', 'ptz_presets']);
      if (r.new_gb_password_enc !== null && r.old_gb_password_enc !== null && !samePassword(r.new_gb_password_enc, r.old_gb_password_enc))
        insert('gb_password', ['ptz_presets']);
      if (fields.length === 0) continue;
      changed += 1;
      ids.push(r.device_id);
      if (listed.length < MAX_CHANGES_LISTED) listed.push({ row: r.row_no, deviceId: r.device_id, fields });
    }
    if (ids.length > 0) await client.query(Q.markChanged, [ids]);
    if (rows.length < DIFF_BATCH) return { changed, listed };
    after = rows[rows.length - 1]!.row_no;
  }
}

function samePassword(a: Buffer, b: Buffer): boolean {
  try {
    return decryptSecret(a) === decryptSecret(b);
  } catch {
    // A stored password no current key opens: the ledger's replaces it.
    return false;
  }
}
