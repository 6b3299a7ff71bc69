// Coverage thresholds: code defaults, overridden by the `coverage` settings row (documented in
// docs/contracts.md). Read once per recompute so a whole run uses one set of numbers.
import type pg from 'pg';
import { allLevels, parseStandard, type DetailLevel, type StandardId } from '../gis-data/optics';
import { dayIn, DEFAULT_TIME_ZONE, isTimeZone } from '../vocabulary/dataset-time';

export type TargetClass = 'intersection' | 'road' | 'hotspot' | 'crowded_place';
export const TARGET_CLASSES: TargetClass[] = ['intersection', 'road', 'hotspot', 'crowded_place'];

export interface CoverageSettings {
  standard: StandardId;
  customLevels: DetailLevel[];
  defaultLevels: Record<TargetClass, string>;
  /** Radius of the disc that stands for a point target (intersection, point place). */
  intersectionRadiusM: number;
  /** Share of an intersection's disc that must be seen for it to count as covered. */
  coveredShare: number;
  /** Uncovered road pieces shorter than this are ignored. */
  minGapM: number;
  /** Uncovered polygon pieces smaller than this are ignored. */
  minSliverM2: number;
  /** Roads are cut into pieces of about this length for compute. */
  roadSegmentM: number;
  /** Height of the thing to be seen (a person). */
  targetHeightM: number;
  /** Height used for buildings whose height is unknown (marked assumed). */
  defaultBuildingHeightM: number;
  /** Chord step for arcs in footprints. */
  arcStepDeg: number;
  /** The dataset's time zone (settings key time_zone): its day is the engine's "today". */
  timeZone: string;
}

export const DEFAULT_SETTINGS: CoverageSettings = {
  standard: 'dori-2015',
  customLevels: [],
  defaultLevels: { intersection: 'observe', road: 'detect', hotspot: 'observe', crowded_place: 'recognise' },
  intersectionRadiusM: 20,
  coveredShare: 0.9,
  minGapM: 5,
  minSliverM2: 1,
  roadSegmentM: 150,
  targetHeightM: 1.6,
  defaultBuildingHeightM: 10,
  arcStepDeg: 3,
  timeZone: DEFAULT_TIME_ZONE,
};

export async function loadCoverageSettings(pool: pg.Pool | pg.PoolClient): Promise<CoverageSettings> {
  const { rows } = await pool.query<{ key: string; value: unknown }>(
    "SELECT key, value FROM settings WHERE key IN ('coverage', 'standard', 'default_levels', 'custom_levels', 'time_zone')",
  );
  const s: CoverageSettings = { ...DEFAULT_SETTINGS, defaultLevels: { ...DEFAULT_SETTINGS.defaultLevels } };
  for (const r of rows) {
    if (r.key === 'time_zone' && typeof r.value === 'string' && isTimeZone(r.value)) s.timeZone = r.value;
    if (r.key === 'standard' && typeof r.value === 'string') s.standard = parseStandard(r.value) ?? s.standard;
    if (r.key === 'default_levels' && r.value !== null && typeof r.value === 'object') Object.assign(s.defaultLevels, r.value);
    if (r.key === 'custom_levels' && Array.isArray(r.value)) {
      s.customLevels = (r.value as Array<{ name: string; ppm: number }>)
        .filter((l) => typeof l.name === 'string' && l.ppm > 0)
        .map((l) => ({ name: l.name, ppm: l.ppm, standard: 'custom' as const }));
    }
    if (r.key === 'coverage' && r.value !== null && typeof r.value === 'object') {
      for (const [k, v] of Object.entries(r.value as Record<string, unknown>)) {
        if (k in DEFAULT_SETTINGS && typeof v === 'number' && Number.isFinite(v)) (s as unknown as Record<string, number>)[k] = v;
      }
    }
  }
  return s;
}

export function levelPpm(settings: CoverageSettings, name: string): number | undefined {
  return allLevels(settings.customLevels).find((l) => l.name === name)?.ppm;
}

/** The engine's "today": the day it is now (or at `atMs`) in the dataset's time zone. */
export function engineToday(settings: Pick<CoverageSettings, 'timeZone'>, atMs: number = Date.now()): string {
  return dayIn(settings.timeZone, atMs);
}
