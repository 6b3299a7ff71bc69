// The coverage figures as the CLI (`xueliang coverage --json`) and GET /coverage return them:
// rates per class for the city and every area, for design or now, today or another date,
// another level, or without occlusion, plus what rests on assumed values and the input issues.
import type pg from 'pg';
import { findLevel } from '../gis-data/optics';
import { calendarDateProblem } from '../gis-data/calendar-date';
import { dropAdhoc, evaluateAdhoc } from './adhoc';
import { evaluateFromHistory, historyComplete, statusFrom } from './as-of';
import { compareIntegration, ratesOfClasses, type AreaIntegration } from './integration';
import { isResourceClass } from '../vocabulary/resource-classes';
import { areaRatesFromRows, queryRates, type AreaRates, type ClassRate } from './rates';
import { seriesRates } from './rate-series';
import { recomputeCoverage } from './recompute';
import { engineToday, loadCoverageSettings, type TargetClass } from './settings';
import { SQL } from './sql';
import { deadlineGaps, queryTimeline, type Timeline } from './timeline';

export interface CoverageQuery {
  asOf?: string;
  now?: boolean;
  level?: string;
  occlusion?: boolean;
  area?: string;
  timeline?: boolean;
  /** Only cameras of these resource classes (1 一类, 2 二类, 3 三类): a one-off run. */
  resourceClasses?: number[];
  /** Add `integration`: 一类 cameras alone beside all cameras, per area (one more one-off run). */
  integration?: boolean;
  onInfo?: (line: string) => void;
}

/** A class's figures where they are unknown: "now" before the first status record. */
export type UnknownClassRate = Omit<
  ClassRate,
  'coveredTargets' | 'covered' | 'rate' | 'assumedTargets' | 'redundantTargets' | 'meanCameras'
> & {
  coveredTargets: null;
  covered: null;
  rate: null;
  assumedTargets: null;
  redundantTargets: null;
  meanCameras: null;
};

export type ReportAreaRates = Omit<AreaRates, 'classes'> & { classes: Partial<Record<TargetClass, ClassRate | UnknownClassRate>> };

export interface CoverageReport {
  mode: 'design' | 'now';
  asOf: string;
  /**
   * The first local day with a camera status record (null: none yet). Before it "coverage now"
   * is unknown: in now mode every covered figure and rate of an earlier date is null.
   */
  statusFrom: string | null;
  level: string | null;
  occlusion: boolean;
  /** The resource classes counted; null: every camera. */
  resourceClasses: number[] | null;
  source: 'stored' | 'computed';
  /**
   * When these figures were computed: for stored figures the last write of the mode's results
   * (a city pass, or the refresh after a status change), for a one-off run its end. Null when
   * nothing is stored, or when the figures are unknown (now before statusFrom).
   */
  computedAt: string | null;
  settings: {
    standard: string;
    intersectionRadiusM: number;
    coveredShare: number;
    minGapM: number;
    minSliverM2: number;
    targetHeightM: number;
  };
  areas: ReportAreaRates[];
  assumed: { targets: number; note: string };
  issues: { total: number; byKind: Record<string, number> };
  timeline?: Timeline;
  /** Public-security (一类) cameras alone vs every camera, per area and target class. */
  integration?: AreaIntegration[];
}

/** What a caller got wrong (bad date, unknown level or area): the message says which. */
export class CoverageQueryError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'CoverageQueryError';
  }
}

export async function coverageReport(pool: pg.Pool, q: CoverageQuery): Promise<CoverageReport> {
  const dateProblem = q.asOf === undefined ? null : calendarDateProblem(q.asOf);
  if (dateProblem !== null) throw new CoverageQueryError(`asOf ${dateProblem}.`, 'asOf');
  const s = await loadCoverageSettings(pool);
  if (q.level !== undefined && findLevel(q.level, s.customLevels) === undefined)
    throw new CoverageQueryError(`level "${q.level}" is not a detail level.`, 'level');
  const classes = q.resourceClasses === undefined ? undefined : [...new Set(q.resourceClasses)].sort();
  if (classes !== undefined && (classes.length === 0 || !classes.every(isResourceClass)))
    throw new CoverageQueryError(
      `resource classes "${q.resourceClasses!.join(',')}" must be 1 (一类), 2 (二类) and/or 3 (三类).`,
      'resourceClasses',
    );
  await ensureStored(pool, q.onInfo);
  const now = q.now === true;
  const occlusion = q.occlusion !== false;
  const oneOff = q.asOf !== undefined || q.level !== undefined || !occlusion || classes !== undefined;
  const asOf = q.asOf ?? engineToday(s);
  const firstStatus = await statusFrom(pool);
  const unknown = now && (firstStatus === null || asOf < firstStatus);
  let areas: ReportAreaRates[];
  let computedAt: string | null;
  if (unknown) {
    // Nobody recorded which cameras worked then: the totals are known, what was covered is not.
    areas = (await queryRates(pool, s, { mode: 'design' })).map(unknownRates);
    computedAt = null;
  } else if (oneOff) {
    // Another date at the required levels with occlusion (the time slider) is a lookup in the
    // daily series of the rates (rate-series.ts), made from the daily history, which counts every
    // camera; another level, no occlusion or only some resource classes evaluates every part.
    const fromHistory =
      q.asOf !== undefined && q.level === undefined && occlusion && classes === undefined && (await historyComplete(pool));
    const series = fromHistory ? await seriesRates(pool, s.coveredShare, { asOf: q.asOf!, now }) : null;
    if (series !== null) {
      areas = areaRatesFromRows(series.rows);
      computedAt = new Date().toISOString();
    } else {
      // The history was written while the series was built again: each part's row of the date.
      const run = fromHistory
        ? await evaluateFromHistory(pool, { asOf: q.asOf!, now })
        : await evaluateAdhoc(pool, { asOf: q.asOf, now, level: q.level, occlusion, resourceClasses: classes });
      computedAt = new Date().toISOString();
      try {
        areas = await queryRates(pool, s, { runId: run.runId });
      } finally {
        await dropAdhoc(pool, run.runId);
      }
    }
  } else {
    // Read before the rates: a refresh committing in between makes the time older than the
    // figures, never newer.
    const mode = now ? 'now' : 'design';
    const stored = (await pool.query<{ computedAt: Date | null }>(SQL.computedAt, [mode])).rows[0]?.computedAt ?? null;
    computedAt = stored === null ? null : stored.toISOString();
    areas = await queryRates(pool, s, { mode });
  }
  if (q.area !== undefined) {
    if (!areas.some((a) => a.code === q.area))
      throw new CoverageQueryError(`area ${q.area}: no admin area with that code has targets.`, 'area');
    areas = filterAreas(areas, q.area);
  }
  // Unknown figures ("now" before statusFrom) have no comparison: each area comes without classes.
  const integration =
    q.integration !== true
      ? undefined
      : unknown
        ? areas.map((a) => ({ areaId: a.areaId, code: a.code, name: a.name, level: a.level, classes: {} }))
        : compareIntegration(await ratesOfClasses(pool, s, { asOf: q.asOf, now, level: q.level, occlusion }, [1]), areas as AreaRates[]);
  const issues = (await pool.query<{ kind: string; n: number }>(SQL.issueCounts)).rows;
  const city = areas.find((a) => a.areaId === null)?.classes ?? {};
  return {
    mode: now ? 'now' : 'design',
    asOf,
    statusFrom: firstStatus,
    level: q.level ?? null,
    occlusion,
    resourceClasses: classes ?? null,
    source: oneOff ? 'computed' : 'stored',
    computedAt,
    settings: {
      standard: s.standard,
      intersectionRadiusM: s.intersectionRadiusM,
      coveredShare: s.coveredShare,
      minGapM: s.minGapM,
      minSliverM2: s.minSliverM2,
      targetHeightM: s.targetHeightM,
    },
    areas,
    assumed: {
      targets: Object.values(city).reduce((n, c) => n + (c?.assumedTargets ?? 0), 0),
      note: 'covered targets whose coverage rests on an assumed camera value (cameras.provenance) or an assumed building height',
    },
    issues: { total: issues.reduce((n, r) => n + r.n, 0), byKind: Object.fromEntries(issues.map((r) => [r.kind, r.n])) },
    ...(q.timeline === true ? { timeline: await timelineWithGaps(pool, s) } : {}),
    ...(integration === undefined ? {} : { integration }),
  };
}

/** Recomputes first when nothing is stored yet (a fresh import), as every stored figure needs. */
export async function ensureStored(pool: pg.Pool, onInfo?: (line: string) => void): Promise<void> {
  const stored = (await pool.query<{ n: number }>(SQL.storedCount)).rows[0]!.n;
  if (stored > 0) return;
  onInfo?.('No stored coverage results: recomputing first.');
  await recomputeCoverage(pool, { onPhase: (p, ms) => onInfo?.(`  ${p}: ${(ms / 1000).toFixed(1)} s`) });
}

/** The areas GET /coverage?area= returns: that area and those within it (all without an area). */
export function filterAreas<A extends { code: string | null }>(areas: A[], area: string | undefined): A[] {
  return area === undefined ? areas : areas.filter((a) => a.code !== null && a.code.startsWith(area));
}

/** The timeline plus the deadline's blind spots and how much of them was closed since. */
export async function timelineWithGaps(pool: pg.Pool, s: Awaited<ReturnType<typeof loadCoverageSettings>>): Promise<Timeline> {
  const tl = await queryTimeline(pool, s);
  tl.deadline.blindSpots = await deadlineGaps(pool);
  return tl;
}

function unknownRates(a: AreaRates): ReportAreaRates {
  const classes: ReportAreaRates['classes'] = {};
  for (const [cls, r] of Object.entries(a.classes) as Array<[TargetClass, ClassRate]>)
    classes[cls] = {
      ...r,
      coveredTargets: null,
      covered: null,
      rate: null,
      assumedTargets: null,
      redundantTargets: null,
      meanCameras: null,
    };
  return { ...a, classes };
}
