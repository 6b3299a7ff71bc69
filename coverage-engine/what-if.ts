// What GET /coverage would say once some proposed cameras are built (issue 14: "one model of
// coverage"). The cameras are inserted and refreshed exactly as a real camera edit is
// (refreshWithFootprints: the same sweep, footprints, levels, occlusion and xl_part_coverage),
// inside one transaction that is rolled back, so nothing stored changes and the answer is the
// engine's own. Before = the stored rates GET /coverage returns (rates.sql over the snapshot);
// after = before plus what each camera changes in the targets it can reach, summed with the
// same rates.sql restricted to those targets just before and just after its refresh. Each
// camera's marginal gain is its own step, in the order given (a plan's order).
import { randomInt } from 'node:crypto';
import type pg from 'pg';
import type { CameraType, PtzPreset } from '../gis-data/footprint';
import { validateOptics } from '../gis-data/optics';
import type { Mode } from './engine';
import { loadSql } from '../db/sql';
import { areaRatesFromRows, rateRows, type AreaRates, type RateRow } from './rates';
import { footprintReachM, refreshWithFootprints, sweepFootprints } from './refresh';
import { CoverageQueryError, ensureStored, filterAreas } from './report';
import { loadCameras } from './scene';
import { sceneCache } from './scene-cache';
import { engineToday, TARGET_CLASSES, type TargetClass } from './settings';

const INSERT_CAMERA = loadSql(import.meta.url, 'what-if-camera.sql');
const TARGETS_NEAR = loadSql(import.meta.url, 'targets-near.sql');

/** A proposed camera: every parameter a camera row has that the engine reads (GeoJSON order: lon, lat). */
export interface WhatIfCamera {
  type: CameraType;
  lon: number;
  lat: number;
  heightM: number;
  /** Compass degrees; none for PTZ without presets and fisheye (they see all round). */
  azimuthDeg?: number | null;
  /** Degrees below the horizontal; none: the horizon at the top of the image (the engine's default). */
  tiltDeg?: number | null;
  hfovDeg?: number | null;
  vfovDeg?: number | null;
  resolutionH?: number | null;
  resolutionV?: number | null;
  ptzPresets?: PtzPreset[];
  name?: string;
}

export interface WhatIfQuery {
  /** design: every installed camera; now: working cameras only (the proposed ones count as working). */
  mode?: Mode;
  /** Admin area code: that area and the areas within it, as GET /coverage?area= answers. */
  area?: string;
}

/** A class's change in the coverage panel's units: a count for intersections, m for roads, m² otherwise. */
export interface ClassGain {
  unit: 'count' | 'm' | 'm2';
  /** Covered intersections, covered road metres, covered square metres. */
  covered: number;
  coveredTargets: number;
  /** Change of the rate (fraction 0–1). */
  rate: number;
}

export type ClassGains = Partial<Record<TargetClass, ClassGain>>;

export interface AreaGains {
  areaId: number | null;
  code: string | null;
  name: string;
  level: AreaRates['level'];
  classes: ClassGains;
}

export interface CameraGain {
  /** 0-based position in the list evaluated. */
  index: number;
  /** What this camera adds to the city's figures after the ones before it. */
  classes: ClassGains;
  /** Targets whose figures it changes. */
  targets: number;
}

export interface WhatIfResult {
  mode: Mode;
  /** Today in the dataset's time zone: the day the figures are for. */
  asOf: string;
  area: string | null;
  /** Exactly the areas GET /coverage returns for the same mode and area. */
  before: AreaRates[];
  /** What GET /coverage would return with the cameras built. */
  after: AreaRates[];
  gains: AreaGains[];
  cameras: CameraGain[];
  ms: number;
}

/** A proposed camera the engine cannot take (which one, which field, why). */
export class WhatIfInputError extends Error {
  constructor(
    message: string,
    readonly index: number,
    readonly field: string,
  ) {
    super(message);
    this.name = 'WhatIfInputError';
  }
}

const TYPES: CameraType[] = ['fixed', 'dome', 'ptz', 'fisheye', 'thermal'];
const MAX_CAMERAS = 500;
const SUMS = ['targets', 'covered_targets', 'measure', 'covered', 'assumed_targets', 'redundant_targets', 'camera_sum'] as const;

function checkCamera(c: WhatIfCamera, i: number): void {
  const bad = (field: string, message: string) => new WhatIfInputError(`Camera ${i + 1}: ${message}`, i, field);
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const opt = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);
  if (!TYPES.includes(c.type)) throw bad('type', `type "${String(c.type)}" is not ${TYPES.join(', ')}.`);
  if (!(num(c.lon) && num(c.lat) && Math.abs(c.lon) <= 180 && Math.abs(c.lat) <= 90))
    throw bad('lon', `position ${c.lon}, ${c.lat} is not a WGS-84 longitude/latitude.`);
  if (!(num(c.heightM) && c.heightM > 0 && c.heightM < 500)) throw bad('heightM', `a mount height of ${c.heightM} m is not plausible.`);
  const az = opt(c.azimuthDeg);
  if (az !== undefined && !(num(az) && az >= 0 && az < 360)) throw bad('azimuthDeg', `azimuth ${az}° is outside 0..360.`);
  for (const [field, v] of [
    ['resolutionH', opt(c.resolutionH)],
    ['resolutionV', opt(c.resolutionV)],
  ] as const)
    if (v !== undefined && !(Number.isInteger(v) && v > 0 && v <= 20000)) throw bad(field, `${field} ${v} is not a pixel count.`);
  const problems = validateOptics({
    type: c.type,
    heightM: c.heightM,
    tiltDeg: opt(c.tiltDeg),
    hfovDeg: opt(c.hfovDeg),
    vfovDeg: opt(c.vfovDeg),
    resolutionH: opt(c.resolutionH),
  });
  if (problems.length > 0)
    throw bad(
      problems[0]!.field.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase()),
      problems[0]!.message,
    );
}

const key = (r: Pick<RateRow, 'area_id' | 'class'>) => `${r.area_id}|${r.class}`;

/** Adds `sign` × the sums of `rows` into `acc` (rows of a key acc lacks are copied in). */
function addRows(acc: Map<string, RateRow>, rows: RateRow[], sign: 1 | -1): void {
  for (const r of rows) {
    const a = acc.get(key(r));
    if (a === undefined) {
      if (sign === 1) acc.set(key(r), { ...r });
      continue;
    }
    for (const f of SUMS) a[f] += sign * r[f];
    a.mean_cameras = a.targets > 0 ? a.camera_sum / a.targets : 0;
  }
}

function gainsOf(before: AreaRates, after: AreaRates): ClassGains {
  const out: ClassGains = {};
  for (const cls of TARGET_CLASSES) {
    const b = before.classes[cls];
    const a = after.classes[cls];
    if (b === undefined || a === undefined) continue;
    out[cls] = {
      unit: a.unit,
      covered: Math.round((a.covered - b.covered) * 100) / 100,
      coveredTargets: a.coveredTargets - b.coveredTargets,
      rate: a.rate - b.rate,
    };
  }
  return out;
}

const city = (rows: Map<string, RateRow>) => areaRatesFromRows([...rows.values()].filter((r) => r.area_id === null))[0];

async function insertCamera(db: pg.PoolClient, c: WhatIfCamera): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    // Negative ids (within int4: the engine reads ids as int) and a device id under the invalid
    // province 99 can never be a real camera's.
    const id = -randomInt(1, 2 ** 31 - 1);
    const deviceId = `99${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
    const { rows } = await db.query<{ id: number }>(INSERT_CAMERA, [
      id,
      deviceId,
      c.name ?? '',
      c.type,
      c.lon,
      c.lat,
      c.heightM,
      c.azimuthDeg ?? null,
      c.tiltDeg ?? null,
      c.hfovDeg ?? null,
      c.vfovDeg ?? null,
      c.resolutionH ?? null,
      c.resolutionV ?? null,
      JSON.stringify(c.ptzPresets ?? []),
    ]);
    if (rows.length === 1) return Number(rows[0]!.id);
  }
  throw new Error('what-if: no free camera id after 5 tries');
}

async function evaluateOnce(pool: pg.Pool, cameras: WhatIfCamera[], q: WhatIfQuery, started: number): Promise<WhatIfResult> {
  const mode = q.mode ?? 'design';
  const cache = await sceneCache(pool);
  const s = cache.settings;
  const db = await pool.connect();
  try {
    // One snapshot for "before" and every step; the changes are rolled back at the end.
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const beforeRows = await rateRows(db, s, { mode });
    const before = areaRatesFromRows(beforeRows);
    if (q.area !== undefined && !before.some((a) => a.code === q.area))
      throw new CoverageQueryError(`area ${q.area}: no admin area with that code has targets.`, 'area');
    const acc = new Map(beforeRows.map((r) => [key(r), { ...r }]));
    const steps: CameraGain[] = [];
    for (const [index, c] of cameras.entries()) {
      const id = await insertCamera(db, c);
      const { cameras: loaded, issues } = await loadCameras(db, [id]);
      if (loaded.length !== 1) throw new WhatIfInputError(`Camera ${index + 1}: ${issues[0]?.message ?? 'not usable'}.`, index, 'type');
      const cam = loaded[0]!;
      const fp = sweepFootprints(cache, [cam]);
      const reach = footprintReachM(fp);
      const near = reach > 0 ? (await db.query<{ id: number }>(TARGETS_NEAR, [cam.xy[0], cam.xy[1], reach + 1])).rows.map((r) => r.id) : [];
      const cityBefore = city(acc);
      if (near.length > 0) addRows(acc, await rateRows(db, s, { mode }, near), -1);
      await refreshWithFootprints(db, s, [id], fp, [mode], []);
      if (near.length > 0) addRows(acc, await rateRows(db, s, { mode }, near), 1);
      const cityAfter = city(acc);
      steps.push({
        index,
        classes: cityBefore !== undefined && cityAfter !== undefined ? gainsOf(cityBefore, cityAfter) : {},
        targets: near.length,
      });
    }
    await db.query('ROLLBACK');
    const after = areaRatesFromRows([...acc.values()]);
    const b = filterAreas(before, q.area);
    const a = filterAreas(after, q.area);
    const afterByArea = new Map(a.map((x) => [String(x.areaId), x]));
    return {
      mode,
      asOf: engineToday(s),
      area: q.area ?? null,
      before: b,
      after: a,
      gains: b.map((x) => ({
        areaId: x.areaId,
        code: x.code,
        name: x.name,
        level: x.level,
        classes: gainsOf(x, afterByArea.get(String(x.areaId)) ?? x),
      })),
      cameras: steps,
      ms: performance.now() - started,
    };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
}

/**
 * What-if: the coverage figures before and after building `cameras` (in this order), with the
 * engine's footprints, levels and occlusion. Nothing stored changes. Retries when a concurrent
 * refresh touched the same rows (serialization failure or deadlock).
 */
export async function evaluateWhatIf(pool: pg.Pool, cameras: WhatIfCamera[], q: WhatIfQuery = {}): Promise<WhatIfResult> {
  const started = performance.now();
  if (cameras.length > MAX_CAMERAS)
    throw new WhatIfInputError(`A what-if takes at most ${MAX_CAMERAS} cameras, got ${cameras.length}.`, MAX_CAMERAS, 'cameras');
  cameras.forEach(checkCamera);
  // As GET /coverage does: a dataset never computed is computed first (before must be its figures).
  await ensureStored(pool);
  for (let attempt = 1; ; attempt++) {
    try {
      return await evaluateOnce(pool, cameras, q, started);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt < 3 && (code === '40001' || code === '40P01')) continue;
      throw err;
    }
  }
}
