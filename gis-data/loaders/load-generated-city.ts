// Writes a generated city into PostGIS: one transaction, one county at a time, each table with
// COPY (pg-copy-streams), so the L city (100,000 cameras, ~half a million buildings) streams
// through without being held in memory. `npm start` and `xueliang generate` both call this.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { encryptSecret } from '../../db/credentials';
import { UserFacingError } from '../../db/errors';
import { generateCity } from '../generate/city';
import { Prng } from '../generate/prng';
import { cameraStatusHistory, dailyStatusRecords, daysBetween } from '../generate/status-history';
import { PLAN_DEADLINE } from '../../vocabulary/plan-deadline';
import { addDays } from '../../vocabulary/dataset-time';
import { polylineLengthMeters, toXY } from '../generate/frame';
import type { Scale } from '../generate/scales';
import type { CountyChunk, GenAdminArea, GenGeometry, TargetClass } from '../generate/types';
import { copyLine, lineEwkt, multiPolygonEwkt, pointEwkt, polygonEwkt, type CopyValue } from './copy-text';
import { loadSql } from '../../db/sql';

const sql = (name: string) => loadSql(import.meta.url, `${name}.sql`);
const IS_DATA_LOADED = sql('is-data-loaded');
const COUNT_EXISTING = sql('count-existing');
const CLEAR_DATASET = sql('clear-dataset');
const UPSERT_SETTING = sql('upsert-setting');
const INSERT_ADMIN_AREA = sql('insert-admin-area');
const ANALYZE_DATASET = sql('analyze-dataset');
const LOCK_DATASET = sql('lock-dataset');
const COPY = {
  cameras: sql('copy-cameras'),
  targets: sql('copy-targets'),
  buildings: sql('copy-buildings'),
  roads: sql('copy-roads'),
  water: sql('copy-water'),
  places: sql('copy-places'),
  statusEvents: sql('copy-status-events'),
  statusDaily: sql('copy-status-daily'),
};
const CAMERA_IDS = sql('camera-ids');
const INSERT_CURRENT_STATUS = sql('insert-current-status');

export interface TableCounts {
  admin_areas: number;
  cameras: number;
  targets: number;
  buildings: number;
  roads: number;
  water: number;
  places: number;
  settings: number;
  /** Generated health history (status events since each camera's installation). */
  camera_status_events: number;
  /** Generated daily 在线率/完好率 records (the deadline month and the last 31 days). */
  camera_status_daily: number;
}

export interface Counts {
  scale: Scale;
  seed: number;
  tables: TableCounts;
  targetsByClass: Record<TargetClass, number>;
  /** Length of the 'road' targets (trunk, primary, secondary), kilometres. */
  targetRoadKm: number;
  timings: { generateMs: number; loadMs: number; analyzeMs: number; totalMs: number };
}

export interface LoadProgress {
  phase: 'clear' | 'county' | 'analyze' | 'done';
  countiesDone: number;
  counties: number;
}

export interface LoadOptions {
  scale: Scale;
  seed: number;
  replace: boolean;
  /**
   * The generated health history runs up to the start of this local day (YYYY-MM-DD, UTC+8);
   * default today. The history up to a date never depends on it (status-history.ts).
   */
  statusUntil?: string;
  onProgress?: (p: LoadProgress) => void;
}

/** Today's local day (UTC+8, the agent's day), the default end of the generated history. */
export function localToday(nowMs = Date.now()): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** True when the database already holds a dataset (any admin area or camera). */
export async function isDataLoaded(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ loaded: boolean }>(IS_DATA_LOADED);
  return rows[0]?.loaded === true;
}

/** Fixed ONVIF address of a generated camera on the local simulator (docs/contracts.md). */
export function demoOnvifUrl(deviceId: string): string {
  return `http://127.0.0.1:18080/onvif/${deviceId}/device_service`;
}

async function copyRows(client: pg.PoolClient, statement: string, lines: Iterable<string>): Promise<void> {
  // Batch lines into ~256 kB chunks: one write per line is far slower.
  function* batches(): Generator<string> {
    let buf = '';
    for (const line of lines) {
      buf += line;
      if (buf.length > 262_144) {
        yield buf;
        buf = '';
      }
    }
    if (buf !== '') yield buf;
  }
  await pipeline(Readable.from(batches()), client.query(copyFrom(statement)));
}

function geometryEwkt(g: GenGeometry): string {
  if (g.type === 'Point') return pointEwkt(g.coordinates);
  if (g.type === 'LineString') return lineEwkt(g.coordinates);
  return polygonEwkt(g.coordinates[0] ?? []);
}

async function insertAreas(client: pg.PoolClient, areas: GenAdminArea[], ids: Map<string, number>): Promise<void> {
  for (const a of areas) {
    const { rows } = await client.query<{ id: number }>(INSERT_ADMIN_AREA, [
      a.code,
      a.name,
      a.nameEn,
      a.level,
      a.parentCode,
      JSON.stringify({ type: 'Polygon', coordinates: [a.ring] }),
    ]);
    ids.set(a.code, (rows[0] as { id: number }).id);
  }
}

async function writeCounty(
  client: pg.PoolClient,
  c: CountyChunk,
  ids: Map<string, number>,
  passwordEnc: Buffer,
  counts: Counts,
  status: { rng: Prng; until: string },
): Promise<void> {
  await insertAreas(client, c.adminAreas, ids);
  const areaId = (code: string): number | null => ids.get(code) ?? null;
  await copyRows(
    client,
    COPY.cameras,
    c.cameras.map((k) =>
      copyLine([
        k.deviceId,
        k.name,
        k.type,
        pointEwkt(k.point),
        k.heightM,
        k.azimuthDeg,
        k.tiltDeg,
        k.resolutionH,
        k.resolutionV,
        k.hfovDeg,
        k.vfovDeg,
        k.sensorWidthMm,
        k.focalLengthMm,
        JSON.stringify(k.ptzPresets),
        k.installDate,
        k.removalDate,
        k.ownerUnit,
        k.resourceClass,
        demoOnvifUrl(k.deviceId),
        'admin',
        passwordEnc,
        JSON.stringify(k.provenance),
        'generated',
        areaId(k.adminCode),
      ] satisfies CopyValue[]),
    ),
  );
  await writeStatusHistory(client, c, status, counts);
  await copyRows(
    client,
    COPY.targets,
    c.targets.map((t) =>
      copyLine([
        t.class,
        t.kind,
        t.name,
        t.requiredLevel,
        t.priority,
        'generated',
        t.sourceRef,
        areaId(t.adminCode),
        geometryEwkt(t.geometry),
      ]),
    ),
  );
  await copyRows(
    client,
    COPY.buildings,
    c.buildings.map((b) => copyLine([b.name, b.kind, b.heightM, b.heightAssumed, multiPolygonEwkt(b.ring)])),
  );
  await copyRows(
    client,
    COPY.roads,
    c.roads.map((r) => copyLine([r.name, r.class, lineEwkt(r.line)])),
  );
  await copyRows(
    client,
    COPY.water,
    c.water.map((w) => copyLine([w.name, w.kind, polygonEwkt(w.ring)])),
  );
  await copyRows(
    client,
    COPY.places,
    c.places.map((p) => copyLine([p.name, p.nameEn, p.kind, pointEwkt(p.point)])),
  );
  const t = counts.tables;
  t.admin_areas += c.adminAreas.length;
  t.cameras += c.cameras.length;
  t.targets += c.targets.length;
  t.buildings += c.buildings.length;
  t.roads += c.roads.length;
  t.water += c.water.length;
  t.places += c.places.length;
  for (const target of c.targets) {
    counts.targetsByClass[target.class] += 1;
    if (target.geometry.type === 'LineString' && target.class === 'road')
      counts.targetRoadKm += polylineLengthMeters(target.geometry.coordinates.map((p) => toXY(p))) / 1000;
  }
}

/**
 * The days the generated history also writes daily 在线率/完好率 records for (what the agent rolls
 * up each day): the deadline's month, read by the deadline view and the report, and the 31 days
 * before `until`, the month-to-date and the recent trend. Every day since the first camera
 * would be about 5 million rows for the demo county; other days show "no record" (—).
 */
export function generatedDailyDays(until: string): string[] {
  const last = addDays(until, -1);
  const recentFrom = addDays(until, -31);
  return [...new Set([...daysBetween(`${PLAN_DEADLINE.slice(0, 7)}-01`, PLAN_DEADLINE), ...daysBetween(recentFrom, last)])].filter(
    (d) => d < until,
  );
}

/**
 * The county's cameras' generated status events (status-history.ts), copied with their camera
 * ids, and the daily records of `generatedDailyDays` derived from them.
 */
async function writeStatusHistory(
  client: pg.PoolClient,
  c: CountyChunk,
  status: { rng: Prng; until: string },
  counts: Counts,
): Promise<void> {
  const { rows } = await client.query<{ id: string; device_id: string }>(CAMERA_IDS, [c.cameras.map((k) => k.deviceId)]);
  const idOf = new Map(rows.map((r) => [r.device_id, r.id]));
  const days = generatedDailyDays(status.until);
  const daily: string[] = [];
  function* lines(): Generator<string> {
    for (const k of c.cameras) {
      const id = idOf.get(k.deviceId);
      if (id === undefined) continue;
      const events = cameraStatusHistory(status.rng.fork(k.deviceId), k, status.until);
      for (const e of events) {
        counts.tables.camera_status_events += 1;
        yield copyLine([id, e.state, e.previousState, e.reason, e.at]);
      }
      for (const d of dailyStatusRecords(events, k, status.until, days)) {
        counts.tables.camera_status_daily += 1;
        daily.push(copyLine([id, d.day, d.samples, d.onlineSamples, d.workingSamples, d.observedMs, d.onlineMs, d.workingMs]));
      }
    }
  }
  await copyRows(client, COPY.statusEvents, lines());
  await copyRows(client, COPY.statusDaily, daily);
}

/**
 * Generates the city for (scale, seed) and loads it. Refuses when data is present unless
 * `replace`, which empties the dataset tables first (in the same transaction: a failed load
 * leaves the previous data untouched).
 */
export async function loadGeneratedCity(pool: pg.Pool, options: LoadOptions): Promise<Counts> {
  const started = Date.now();
  const city = generateCity(options.scale, options.seed);
  const counts: Counts = {
    scale: options.scale,
    seed: options.seed,
    tables: {
      admin_areas: 0,
      cameras: 0,
      targets: 0,
      buildings: 0,
      roads: 0,
      water: 0,
      places: 0,
      settings: 0,
      camera_status_events: 0,
      camera_status_daily: 0,
    },
    targetsByClass: { intersection: 0, road: 0, hotspot: 0, crowded_place: 0 },
    targetRoadKm: 0,
    timings: { generateMs: 0, loadMs: 0, analyzeMs: 0, totalMs: 0 },
  };
  const report = (p: LoadProgress) => options.onProgress?.(p);
  const passwordEnc = encryptSecret(process.env.XUELIANG_DEMO_CAMERA_PASSWORD ?? 'demo-camera-pass');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(LOCK_DATASET);
    const { rows } = await client.query<{ admin_areas: number; cameras: number }>(COUNT_EXISTING);
    const existing = rows[0] ?? { admin_areas: 0, cameras: 0 };
    if (existing.admin_areas > 0 || existing.cameras > 0) {
      if (!options.replace) {
        throw new UserFacingError(
          `The database already holds a dataset (${existing.admin_areas} admin areas, ${existing.cameras} cameras); nothing was changed. Run again with --replace to delete it and load the generated ${options.scale} city, or point DATABASE_URL at another database.`,
        );
      }
      report({ phase: 'clear', countiesDone: 0, counties: city.countyCount });
      await client.query(CLEAR_DATASET);
    }
    const ids = new Map<string, number>();
    const loadStarted = Date.now();
    const until = options.statusUntil ?? localToday();
    const status = { rng: new Prng(options.seed).fork('status'), until };
    if (city.cityArea !== null) await insertAreas(client, [city.cityArea], ids);
    if (city.cityArea !== null) counts.tables.admin_areas += 1;
    let done = 0;
    report({ phase: 'county', countiesDone: 0, counties: city.countyCount });
    const it = city.counties();
    for (;;) {
      const g0 = Date.now();
      const next = it.next();
      counts.timings.generateMs += Date.now() - g0;
      if (next.done === true) break;
      await writeCounty(client, next.value, ids, passwordEnc, counts, status);
      done += 1;
      report({ phase: 'county', countiesDone: done, counties: city.countyCount });
    }
    await client.query(INSERT_CURRENT_STATUS, [`${until}T00:00:00+08:00`]);
    for (const [key, value] of Object.entries(city.settings)) {
      await client.query(UPSERT_SETTING, [key, JSON.stringify(value)]);
      counts.tables.settings += 1;
    }
    await client.query('COMMIT');
    counts.timings.loadMs = Date.now() - loadStarted - counts.timings.generateMs;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  report({ phase: 'analyze', countiesDone: city.countyCount, counties: city.countyCount });
  const a0 = Date.now();
  await pool.query(ANALYZE_DATASET);
  counts.timings.analyzeMs = Date.now() - a0;
  counts.targetRoadKm = Math.round(counts.targetRoadKm * 10) / 10;
  counts.timings.totalMs = Date.now() - started;
  report({ phase: 'done', countiesDone: city.countyCount, counties: city.countyCount });
  return counts;
}
