// 一机一档 camera ledger import: read (any format) → map headers → validate each row → stage the
// accepted rows in a temp table inside one transaction → check for a GCJ-02 offset → count adds
// and updates → commit (upsert on device_id) or roll back. Rows stream through in batches, so
// memory holds the batch, the set of device ids seen and the rejections, never the file.
import type pg from 'pg';
import { encryptSecret } from '../../db/credentials';
import { UserFacingError } from '../../db/errors';
import { toWgs84, type SourceCrs } from '../coords/to-wgs84';
import { gcjOffsetVerdict, type GcjVerdict } from '../coords/gcj-offset-verdict';
import type { BBox } from '../osm/osm-types';
import { sha256OfSource, type ByteSource } from './source';
import { mapHeaders, type CanonicalColumn } from './columns';
import { detectLedgerFormat } from './detect-format';
import type { LedgerFormat, LedgerReadResult } from './ledger-record';
import { readCsvLedger } from './read-csv';
import { readXlsxLedger } from './read-xlsx';
import { readGeoJsonLedger } from './read-geojson';
import { readKmlLedger } from './read-kml';
import { readOsmJsonLedger } from './read-osm-json';
import { readGb28181Ledger } from './read-gb28181';
import { DEFAULT_OSM_ADMIN_CODE } from './osm-device-id';
import { validateRow, type RejectCode, type StagedCamera } from './validate-row';
import { loadSql } from '../../db/sql';

const sql = (name: string): string => loadSql(import.meta.url, `sql/${name}.sql`);
const Q = {
  createStage: sql('create-stage'),
  insertStage: sql('insert-stage'),
  area: sql('loaded-area'),
  distances: sql('road-distances'),
  counts: sql('count-add-update'),
  listStage: sql('list-stage'),
  clearStage: sql('clear-stage'),
  upsert: sql('upsert-cameras'),
  run: sql('insert-import-run'),
};

export interface LedgerImportOptions {
  format?: LedgerFormat;
  crs?: SourceCrs;
  mapping?: Record<string, string>;
  skipInvalid?: boolean;
  commit?: boolean;
  adminCode?: string;
  onProgress?: (rowsRead: number) => void;
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

export interface LedgerRejection {
  row: number;
  deviceId: string | null;
  code: RejectCode;
  field: string | null;
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
  counts: { rows: number; add: number; update: number; reject: number; assumed: number; skipped: number };
  rejections: LedgerRejection[];
  assumed: { row: number; deviceId: string; fields: string[] }[];
  gcjOffset: GcjVerdict;
}

const BATCH = 1000;
/** Cameras sampled for the GCJ-02 check: enough for a stable median, cheap on KNN. */
const GCJ_SAMPLE = 300;
const MAX_ASSUMED_LISTED = 1000;
const MAX_REJECTIONS_STORED = 1000;

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

function stageRow(row: number, c: StagedCamera, source: string): object {
  const { onvif_password: password, gb_password: gbPassword, ...rest } = c;
  const enc = (p: string | null): string | null => (p === null ? null : encryptSecret(p).toString('base64'));
  return { row_no: row, ...rest, source, onvif_password_enc: enc(password), gb_password_enc: enc(gbPassword) };
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
  const commit = options.commit === true;
  const fileSha256 = await sha256OfSource(source);
  const written: LedgerWritten = { added: [], updated: [], fileSha256 };
  const sourceTag = format === 'osm-json' ? 'osm' : `ledger:${format}`;
  const rejections: LedgerRejection[] = [];
  const assumed: LedgerImportReport['assumed'] = [];
  const usedMapping: Record<string, string> = {};
  const unmapped = new Set<string>();
  const mappingCache = new Map<string, Record<string, CanonicalColumn>>();
  const seen = new Map<string, number>();
  const gcjSample: { row_no: number; lon: number; lat: number; slon: number; slat: number }[] = [];
  let rows = 0;
  let assumedCount = 0;
  const client = await pool.connect();
  let committed = false;
  let counts = { add: 0, update: 0 };
  let gcj: GcjVerdict = { checked: false, likely: false, sampled: 0, medianRawM: null, medianShiftedM: null };
  let read: LedgerReadResult | undefined;
  try {
    await client.query('BEGIN');
    await client.query(Q.createStage);
    const areaRow = (await client.query<{ bounds: BBox | null }>(Q.area)).rows[0];
    const area = areaRow?.bounds ?? null;
    read = reader(source, format, adminCode);
    let batch: object[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await client.query(Q.insertStage, [JSON.stringify(batch)]);
      batch = [];
    };
    for await (const rec of read.records) {
      rows += 1;
      if (rows % 5000 === 0) options.onProgress?.(rows);
      let values: Partial<Record<CanonicalColumn, unknown>>;
      if (rec.canonical === true) {
        values = rec.values as Partial<Record<CanonicalColumn, unknown>>;
      } else {
        const keys = Object.keys(rec.values);
        const sig = keys.join('\u0000');
        let m = mappingCache.get(sig);
        if (m === undefined) {
          const hm = mapHeaders(keys, options.mapping);
          m = hm.mapping;
          mappingCache.set(sig, m);
          Object.assign(usedMapping, m);
          hm.unmapped.forEach((u) => unmapped.add(u));
          if (mappingCache.size === 1 && options.mapping !== undefined) {
            const missing = Object.keys(options.mapping).filter((k) => !keys.includes(k));
            if (missing.length > 0 && format !== 'geojson' && format !== 'kml') {
              throw new UserFacingError(
                `--mapping names header(s) ${missing.map((k) => `"${k}"`).join(', ')} that ${source.fileName} does not have (its headers: ${keys.join(', ')})`,
              );
            }
          }
        }
        values = {};
        for (const [h, col] of Object.entries(m)) values[col] = rec.values[h];
      }
      const result = validateRow(
        {
          values,
          ...(rec.position === undefined ? {} : { position: rec.position }),
          ...(rec.geometryProblem === undefined ? {} : { geometryProblem: rec.geometryProblem }),
          ...(rec.provenance === undefined ? {} : { provenance: rec.provenance }),
          ...(rec.ptzPresets === undefined ? {} : { ptzPresets: rec.ptzPresets }),
        },
        { crs, area },
      );
      const rawId =
        typeof values.device_id === 'string' ? values.device_id.trim() : values.device_id === undefined ? null : String(values.device_id);
      if (!result.ok) {
        rejections.push({ row: rec.row, deviceId: rawId, code: result.code, field: result.field, message: result.message });
        continue;
      }
      const cam = result.camera;
      const firstRow = seen.get(cam.device_id);
      if (firstRow !== undefined) {
        rejections.push({
          row: rec.row,
          deviceId: cam.device_id,
          code: 'duplicate_device_id',
          field: 'device_id',
          message: `device id ${cam.device_id} already appears on row ${firstRow}`,
        });
        continue;
      }
      seen.set(cam.device_id, rec.row);
      if (result.assumed.length > 0) {
        assumedCount += 1;
        if (assumed.length < MAX_ASSUMED_LISTED) assumed.push({ row: rec.row, deviceId: cam.device_id, fields: result.assumed });
      }
      if ((crs === 'wgs84' || crs === 'cgcs2000') && gcjSample.length < GCJ_SAMPLE) {
        // Read the given position as GCJ-02 and correct it: if that fits the roads far better, the file was GCJ-02.
        const [slon, slat] = toWgs84(cam.lon, cam.lat, 'gcj02');
        gcjSample.push({ row_no: rec.row, lon: cam.lon, lat: cam.lat, slon, slat });
      }
      batch.push(stageRow(rec.row, cam, sourceTag));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    options.onProgress?.(rows);
    if (gcjSample.length > 0) {
      const d = await client.query<{ raw_m: number | null; shifted_m: number | null }>(Q.distances, [JSON.stringify(gcjSample)]);
      gcj = gcjOffsetVerdict(
        d.rows.filter((r) => r.raw_m !== null && r.shifted_m !== null).map((r) => ({ rawM: r.raw_m!, shiftedM: r.shifted_m! })),
      );
      if (gcj.likely) {
        const staged = await client.query<{ row_no: number; device_id: string }>(Q.listStage);
        for (const s of staged.rows) {
          rejections.push({
            row: s.row_no,
            deviceId: s.device_id,
            code: 'likely_gcj02_offset',
            field: 'lon',
            message: `declared ${crs} but the cameras sit ${gcj.medianRawM} m from the nearest road (median) and ${gcj.medianShiftedM} m after a GCJ-02 correction: the file is likely GCJ-02; re-run with --crs gcj02`,
          });
        }
        await client.query(Q.clearStage);
      }
    }
    rejections.sort((a, b) => a.row - b.row);
    counts = (await client.query<{ add: number; update: number }>(Q.counts)).rows[0]!;
    const mayCommit = commit && (rejections.length === 0 || options.skipInvalid === true);
    if (mayCommit) {
      const upserted = await client.query<{ device_id: string; inserted: boolean }>(Q.upsert);
      for (const r of upserted.rows) (r.inserted ? written.added : written.updated).push(r.device_id);
      committed = true;
    }
    const report = buildReport();
    const run = { createdBy: options.createdBy ?? null, fileSha256 };
    if (committed) {
      report.runId = await recordRun(client, report, run);
      await options.onCommit?.(client, report, written);
      await client.query('COMMIT');
    } else {
      await client.query('ROLLBACK');
      report.runId = await recordRun(pool, report, run);
    }
    return report;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (err instanceof UserFacingError) throw err;
    const msg = (err as Error).message;
    // Reader failures (malformed, hostile or binary input) are the user's to fix; say which file.
    throw new UserFacingError(msg.startsWith(source.fileName) ? msg : `${source.fileName}: ${msg}`);
  } finally {
    client.release();
  }

  function buildReport(): LedgerImportReport {
    return {
      runId: null,
      fileName: source.fileName,
      format,
      crs,
      dryRun: !commit,
      committed,
      mapping: usedMapping,
      unmappedHeaders: [...unmapped],
      // add/update describe the accepted rows whether or not this run wrote them (committed says that).
      counts: {
        rows,
        add: counts.add,
        update: counts.update,
        reject: rejections.length,
        assumed: assumedCount,
        skipped: read?.skipped() ?? 0,
      },
      rejections,
      assumed,
      gcjOffset: gcj,
    };
  }
}

async function recordRun(
  db: pg.Pool | pg.PoolClient,
  r: LedgerImportReport,
  run: { createdBy: string | null; fileSha256: string },
): Promise<number> {
  const stored = { ...r, rejections: r.rejections.slice(0, MAX_REJECTIONS_STORED), assumed: r.assumed.slice(0, 100) };
  const res = await db.query<{ id: string }>(Q.run, [
    'cameras',
    r.fileName,
    r.format,
    r.dryRun,
    r.committed,
    JSON.stringify(r.counts),
    JSON.stringify(stored),
    run.createdBy,
    run.fileSha256,
  ]);
  return Number(res.rows[0]!.id);
}
