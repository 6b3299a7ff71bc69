// The site suggestion service: best N (or best within a budget) for the most weighted coverage,
// fewest/cheapest reaching target rates per class, and backup coverage; on the uncovered units
// of the target layers, judged with the coverage engine's footprint code. Every answer carries
// its certified gap and the method that proved the bound.
import type pg from 'pg';
import type { ClassGains, WhatIfCamera } from '../../../coverage-engine';
import type { PtzPreset } from '../../../gis-data/footprint';
import { ClientClosedRequestError, BadRequestError } from '../../errors';
import { buildInstance, SitingInputError } from '../../../gis-data/siting/instance';
import { solveMaxCoverage } from '../../../gis-data/siting/max-coverage';
import { solveMinCostCover } from '../../../gis-data/siting/min-cost-cover';
import type { RankedPick, SitingLimit } from '../../../gis-data/siting/types';
import { listCameraModels } from './catalog';
import { loadCandidateSites, posesFor, siteInputs, type SiteOptions } from './candidates';
import { confirmWithEngine, poseOptics, type ConfirmedRate } from './confirm';
import { loadUnits, SITING_CLASSES, unitPairs, type DemandUnit, type SitingClass } from './problem';

export interface SuggestOptions extends SiteOptions {
  /** Problem (a)/(c): a number of cameras or a budget. Omit when targetRates is given. */
  limit?: SitingLimit;
  /** Problem (b): reach these coverage rates (0..1) per class at the least cost. */
  targetRates?: Partial<Record<SitingClass, number>>;
  classes?: SitingClass[];
  /** Coverage now: only working cameras count as coverage already there. */
  now?: boolean;
  backupClasses?: SitingClass[];
  headings?: number;
  modelIds?: number[];
  /**
   * The time to the answer, before the engine's confirmation: building the model (units, sites,
   * what each sees) and the search, which gets what is left, at least MIN_SEARCH_MS.
   */
  timeLimitMs?: number;
  exact?: 'auto' | 'off';
  /** Aborts the work between steps (the HTTP route passes the request's: a closed connection stops it). */
  signal?: AbortSignal;
}

export interface SuggestedSite {
  rank: number;
  siteKey: string;
  kind: string;
  lon: number;
  lat: number;
  heightM: number;
  type: 'fixed' | 'dome' | 'ptz' | 'fisheye';
  modelId: number;
  modelName: string;
  azimuthDeg: number | null;
  /** Degrees below the horizontal the search assumed (null: a PTZ that tilts anywhere). */
  tiltDeg: number | null;
  hfovDeg: number;
  vfovDeg: number;
  resolutionH: number;
  resolutionV: number;
  /** Always empty: a suggested PTZ pans all round. */
  ptzPresets: PtzPreset[];
  unitCost: number;
  /** The search's objective gained by this site after the ones ranked above it (demand-unit value). */
  marginalGain: number;
  /** What the coverage engine says this camera adds after the ones ranked above it, per class in count, m or m². */
  confirmedGain: ClassGains;
  covers: { units: number; targetIds: number[]; byClass: Partial<Record<SitingClass, number>> };
}

/** The search's own coverage of its demand units (value-weighted), an estimate the engine then confirms. */
export interface SearchRate {
  className: SitingClass;
  units: number;
  before: number;
  after: number;
}

export interface SuggestResult {
  problem: 'max-coverage' | 'backup-coverage' | 'min-cost';
  mode: 'design' | 'now';
  limit: SitingLimit | null;
  candidateCount: number;
  siteCount: number;
  demandUnitCount: number;
  uncoveredUnitCount: number;
  value: number;
  greedyValue: number;
  bound: number;
  boundSource: string;
  gap: number;
  optimal: boolean;
  feasible: boolean;
  stoppedByTime: boolean;
  totalCost: number;
  /** The coverage engine's rates before and after the suggested cameras (GET /coverage's figures). */
  rates: ConfirmedRate[];
  /** The search model's rates over its demand units: what the search optimised, not the coverage figures. */
  searchRates: SearchRate[];
  /** How the engine confirmed the answer: mode, area (null: the whole dataset), day and time taken. */
  confirmation: { mode: 'design' | 'now'; area: string | null; asOf: string; ms: number };
  sites: SuggestedSite[];
  notes: string[];
  timings: { loadMs: number; visibilityMs: number; solveMs: number; confirmMs: number; totalMs: number };
}

function searchRatesOf(units: DemandUnit[], extra: Uint16Array | undefined): SearchRate[] {
  return SITING_CLASSES.map((className) => {
    let total = 0,
      before = 0,
      after = 0,
      n = 0;
    units.forEach((u, i) => {
      if (u.cls !== className) return;
      n++;
      total += u.weight;
      before += (u.weight * Math.min(u.existing, u.need)) / u.need;
      after += (u.weight * Math.min(u.existing + (extra?.[i] ?? 0), u.need)) / u.need;
    });
    return { className, units: n, before: total > 0 ? before / total : 1, after: total > 0 ? after / total : 1 };
  }).filter((r) => r.units > 0);
}

/** The least time the search gets when building its model took (nearly) all of the time limit. */
export const MIN_SEARCH_MS = 1000;

/** The search's share of a time limit of which building the model took `elapsedMs`. */
export function searchBudgetMs(limitMs: number, elapsedMs: number): number {
  return Math.max(MIN_SEARCH_MS, limitMs - elapsedMs);
}

/** Stops between steps once the caller gave up (the HTTP client closed the connection). */
function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new ClientClosedRequestError('The suggestion was cancelled before it was done.');
}

export async function suggestSites(pool: pg.Pool, o: SuggestOptions): Promise<SuggestResult> {
  const started = Date.now();
  checkAborted(o.signal);
  if (o.limit === undefined && o.targetRates === undefined)
    throw new BadRequestError('Give a number of cameras, a budget, or target rates per class.', { field: 'budget' });
  for (const [cls, rate] of Object.entries(o.targetRates ?? {})) {
    if (!(SITING_CLASSES as readonly string[]).includes(cls))
      throw new BadRequestError(`"${cls}" is not a target class.`, { field: 'targetRates' });
    if (!(typeof rate === 'number' && rate > 0 && rate <= 1))
      throw new BadRequestError(`The target rate for ${cls} must be in (0, 1], got ${rate}.`, { field: 'targetRates' });
  }
  const headings = o.headings ?? 8;
  if (!Number.isInteger(headings) || headings < 1 || headings > 36)
    throw new BadRequestError(`Headings must be an integer from 1 to 36, got ${headings}.`, { field: 'headings' });

  // The candidate sites and the catalog are read while the units' existing coverage is computed.
  const sitesRead = loadCandidateSites(pool, o);
  const modelsRead = listCameraModels(pool);
  const [loaded, sites, allModels] = await Promise.all([
    loadUnits(pool, {
      ...(o.classes === undefined ? {} : { classes: o.classes }),
      ...(o.areaCode === undefined ? {} : { areaCode: o.areaCode }),
      now: o.now === true,
      backupClasses: o.backupClasses ?? [],
    }),
    sitesRead,
    modelsRead,
  ]);
  const units = loaded.units;
  checkAborted(o.signal);
  const demandIdx = units.map((u, i) => (u.existing < u.need && u.weight > 0 ? i : -1)).filter((i) => i >= 0);
  const models = allModels.filter((m) => m.enabled && (o.modelIds === undefined || o.modelIds.includes(m.id)));
  if (models.length === 0)
    throw new BadRequestError('No enabled camera model to suggest: enable or add one in the catalog.', { field: 'modelIds' });
  const loadMs = Date.now() - started;
  checkAborted(o.signal);
  if (sites.length === 0)
    throw new BadRequestError(
      'There are no candidate sites: the data has no intersections, target roads, buildings or cameras here, and no manual sites were added.',
      { field: 'candidates' },
    );

  const t1 = Date.now();
  const poses = posesFor(models, headings);
  const demandUnits = demandIdx.map((i) => units[i]!);
  const pairs = await unitPairs(siteInputs(sites, poses), demandUnits, loaded.obstacles, loaded.settings);
  // Keep only poses that see at least one uncovered unit; they are the candidates.
  const candidateOfPose = new Int32Array(pairs.poseCount).fill(-1);
  const poseOfCandidate: number[] = [];
  for (const p of pairs.pairPose)
    if (candidateOfPose[p] === -1) {
      candidateOfPose[p] = poseOfCandidate.length;
      poseOfCandidate.push(p);
    }
  const visibilityMs = Date.now() - t1;
  checkAborted(o.signal);
  if (poseOfCandidate.length === 0) {
    if (demandUnits.length === 0)
      throw new BadRequestError('Nothing is left to cover: every unit of the chosen classes is already seen as required.', {
        field: 'classes',
      });
    throw new BadRequestError(`No candidate site can see any of the ${demandUnits.length} uncovered units at the required detail level.`, {
      field: 'candidates',
    });
  }
  const inst = buildInstance({
    candidateCount: poseOfCandidate.length,
    demandCount: demandUnits.length,
    pairCandidate: Array.from(pairs.pairPose, (p) => candidateOfPose[p]!),
    pairDemand: pairs.pairUnit,
    stepWeight: demandUnits.map((u) => u.weight / u.need),
    demandNeed: demandUnits.map((u) => u.need - u.existing),
    demandClass: demandUnits.map((u) => u.classIndex),
    classNames: [...SITING_CLASSES],
    candidateCost: poseOfCandidate.map((p) => poses[p % poses.length]!.model.unitCost),
  });
  // A pinned site gets its single most valuable pose.
  const pinned: number[] = [];
  const pinnedSites = new Set(sites.flatMap((s, i) => (s.pinned ? [i] : [])));
  if (pinnedSites.size > 0) {
    const best = new Map<number, { c: number; w: number }>();
    for (let c = 0; c < inst.candidateCount; c++) {
      const site = Math.floor(poseOfCandidate[c]! / poses.length);
      if (!pinnedSites.has(site)) continue;
      let w = 0;
      for (let k = inst.coverStart[c]!; k < inst.coverStart[c + 1]!; k++) w += inst.stepWeight[inst.coverIndex[k]!]!;
      if ((best.get(site)?.w ?? -1) < w) best.set(site, { c, w });
    }
    for (const { c } of best.values()) pinned.push(c);
  }

  const t2 = Date.now();
  let picks: RankedPick[];
  let summary: Pick<
    SuggestResult,
    'value' | 'greedyValue' | 'bound' | 'boundSource' | 'gap' | 'optimal' | 'feasible' | 'stoppedByTime' | 'notes'
  >;
  // The planner's time limit is the wait for the answer, not for the search alone (it was the
  // search's: a 3 s choice answered in 5-6 s on the demo county).
  const searchMs = o.timeLimitMs === undefined ? undefined : searchBudgetMs(o.timeLimitMs, t2 - started);
  const solveOptions = {
    pinned,
    ...(searchMs === undefined ? {} : { timeLimitMs: searchMs }),
    ...(o.exact === undefined ? {} : { exact: o.exact }),
  };
  try {
    if (o.targetRates !== undefined && o.limit === undefined) {
      const rates = searchRatesOf(units, undefined);
      const required = SITING_CLASSES.map((cls) => {
        const rate = o.targetRates![cls];
        if (rate === undefined) return 0;
        let total = 0;
        for (const u of units) if (u.cls === cls) total += u.weight;
        const already = (rates.find((r) => r.className === cls)?.before ?? 0) * total;
        return Math.max(0, rate * total - already);
      });
      const r = await solveMinCostCover(inst, { required, ...solveOptions });
      picks = r.picks;
      summary = {
        value: r.picks.reduce((s, p) => s + p.marginalGain, 0),
        greedyValue: NaN,
        bound: r.bound,
        boundSource: r.boundSource,
        gap: r.gap,
        optimal: r.optimal,
        feasible: r.feasible,
        stoppedByTime: r.notes.some((n) => n.includes('time limit')),
        notes: r.notes,
      };
      summary.greedyValue = summary.value;
    } else {
      const r = await solveMaxCoverage(inst, { limit: o.limit!, ...solveOptions });
      picks = r.picks;
      summary = {
        value: r.value,
        greedyValue: r.greedyValue,
        bound: r.bound,
        boundSource: r.boundSource,
        gap: r.gap,
        optimal: r.optimal,
        feasible: true,
        stoppedByTime: r.stoppedByTime,
        notes: r.notes,
      };
    }
  } catch (err) {
    if (err instanceof SitingInputError) throw new BadRequestError(err.message, { field: err.field });
    throw err;
  }
  const solveMs = Date.now() - t2;
  checkAborted(o.signal);

  const extra = new Uint16Array(units.length);
  const sitesOut: SuggestedSite[] = picks.map((p, k) => {
    const poseIndex = poseOfCandidate[p.candidate]!;
    const site = sites[Math.floor(poseIndex / poses.length)]!;
    const pose = poses[poseIndex % poses.length]!;
    const targetIds = new Set<number>();
    const byClass: Partial<Record<SitingClass, number>> = {};
    for (let q = inst.coverStart[p.candidate]!; q < inst.coverStart[p.candidate + 1]!; q++) extra[demandIdx[inst.coverIndex[q]!]!]!++;
    for (const d of p.newlyCovered) {
      const u = demandUnits[d]!;
      targetIds.add(u.targetId);
      byClass[u.cls] = (byClass[u.cls] ?? 0) + 1;
    }
    const optics = poseOptics({
      type: pose.type,
      hfovDeg: pose.hfovDeg,
      resolutionH: pose.model.resolutionH,
      resolutionV: pose.model.resolutionV,
    });
    return {
      rank: k + 1,
      siteKey: site.siteKey,
      kind: site.kind,
      lon: site.lon,
      lat: site.lat,
      heightM: site.heightM,
      type: pose.type,
      modelId: pose.model.id,
      modelName: pose.model.name,
      azimuthDeg: pose.azimuthDeg ?? null,
      tiltDeg: optics.tiltDeg,
      hfovDeg: pose.hfovDeg,
      vfovDeg: optics.vfovDeg,
      resolutionH: pose.model.resolutionH,
      resolutionV: pose.model.resolutionV,
      ptzPresets: optics.ptzPresets,
      unitCost: pose.model.unitCost,
      marginalGain: p.marginalGain,
      confirmedGain: {},
      covers: { units: p.newlyCovered.length, targetIds: [...targetIds].sort((a, b) => a - b), byClass },
    };
  });
  // The engine's figures for the chosen cameras, in rank order.
  const t3 = Date.now();
  const mode = o.now === true ? 'now' : 'design';
  const searchRates = searchRatesOf(units, extra);
  const confirmed = await confirmWithEngine(pool, sitesOut.map(siteCamera), {
    mode,
    ...(o.areaCode === undefined ? {} : { area: o.areaCode }),
    classes: searchRates.map((r) => r.className),
  });
  sitesOut.forEach((site, k) => (site.confirmedGain = confirmed.gains[k] ?? {}));
  const confirmMs = Date.now() - t3;
  const problem = o.limit === undefined ? 'min-cost' : (o.backupClasses ?? []).length > 0 ? 'backup-coverage' : 'max-coverage';
  return {
    problem,
    mode,
    limit: o.limit ?? null,
    candidateCount: inst.candidateCount,
    siteCount: sites.length,
    demandUnitCount: units.length,
    uncoveredUnitCount: demandUnits.length,
    ...summary,
    totalCost: sitesOut.reduce((s, x) => s + x.unitCost, 0),
    rates: confirmed.rates,
    searchRates,
    confirmation: { mode: confirmed.mode, area: confirmed.area, asOf: confirmed.asOf, ms: confirmed.ms },
    sites: sitesOut,
    timings: { loadMs, visibilityMs, solveMs, confirmMs, totalMs: Date.now() - started },
  };
}

/** A suggested site as the camera the engine evaluates: every parameter the search chose. */
export function siteCamera(s: SuggestedSite): WhatIfCamera {
  return {
    type: s.type,
    lon: s.lon,
    lat: s.lat,
    heightM: s.heightM,
    azimuthDeg: s.azimuthDeg,
    tiltDeg: s.tiltDeg,
    hfovDeg: s.hfovDeg,
    vfovDeg: s.vfovDeg,
    resolutionH: s.resolutionH,
    resolutionV: s.resolutionV,
    ptzPresets: s.ptzPresets,
  };
}
