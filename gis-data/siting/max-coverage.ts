// Problems (a) and (c): the best N cameras, or the best within a budget, for the most weighted
// coverage (backup coverage is the same problem with units that need two cameras). Pipeline:
// reduce → lazy greedy → swap local search → bounds (online, Lagrangian, HiGHS MIP/LP within
// the time left), and the answer carries the best bound and which method proved it.
import { SitingInputError, totalWeight } from './instance';
import { lazyGreedy, rankByMarginalGain } from './lazy-greedy';
import { swapLocalSearch } from './local-search';
import { lagrangianBound, onlineBound } from './bounds';
import { solveWithHighs } from './highs-solve';
import { reduceInstance } from './reduce';
import { CoverageState } from './coverage-state';
import type { BoundSource, CoverageInstance, RankedPick, SitingLimit } from './types';

export interface MaxCoverageOptions {
  limit: SitingLimit;
  pinned?: readonly number[];
  /** Wall-clock budget for the whole solve; HiGHS gets what the heuristics leave. */
  timeLimitMs?: number;
  /** 'auto' runs HiGHS when time is left; 'off' reports heuristic bounds only (faster). */
  exact?: 'auto' | 'off';
  /** Stop improving once the certified gap is at most this (0.001 = 0.1 %). */
  targetGap?: number;
}

export interface MaxCoverageResult {
  picks: RankedPick[];
  value: number;
  /** Value of greedy alone, before local search or HiGHS, for comparison. */
  greedyValue: number;
  bound: number;
  boundSource: BoundSource;
  /** (bound − value) / bound: the answer is within this fraction of the best possible. */
  gap: number;
  optimal: boolean;
  /** Σ weights × need of every unit: the value of seeing everything. */
  totalValue: number;
  /** Original unit ids no candidate can see. */
  unreachable: number[];
  timings: { reduceMs: number; greedyMs: number; localSearchMs: number; boundMs: number; highsMs: number; totalMs: number };
  stoppedByTime: boolean;
  notes: string[];
}

export function validateLimit(inst: CoverageInstance, limit: SitingLimit, pinned: readonly number[]): void {
  if (inst.candidateCount === 0)
    throw new SitingInputError('candidates', 'there are no candidate sites: generate candidates or add some before asking for suggestions');
  if (limit.kind === 'count') {
    if (!Number.isInteger(limit.cameras) || limit.cameras <= 0)
      throw new SitingInputError('budget', `the number of cameras must be a positive integer, got ${limit.cameras}`);
    if (pinned.length > limit.cameras)
      throw new SitingInputError('pinned', `${pinned.length} pinned sites exceed the limit of ${limit.cameras} cameras`);
  } else {
    if (!Number.isFinite(limit.cost) || limit.cost <= 0)
      throw new SitingInputError('budget', `the budget must be a positive amount, got ${limit.cost}`);
    if (limit.cost > 1e13)
      throw new SitingInputError('budget', `a budget of ${limit.cost} is not plausible; give it in the catalog's currency units`);
    let pinnedCost = 0;
    for (const i of pinned) pinnedCost += inst.candidateCost[i]!;
    if (pinnedCost > limit.cost)
      throw new SitingInputError('pinned', `the pinned sites cost ${pinnedCost}, more than the budget of ${limit.cost}`);
    let cheapest = Infinity;
    for (let i = 0; i < inst.candidateCount; i++) cheapest = Math.min(cheapest, inst.candidateCost[i]!);
    if (pinned.length === 0 && cheapest > limit.cost)
      throw new SitingInputError('budget', `the budget of ${limit.cost} buys no camera: the cheapest candidate costs ${cheapest}`);
  }
  const seen = new Set<number>();
  for (const i of pinned) {
    if (!Number.isInteger(i) || i < 0 || i >= inst.candidateCount)
      throw new SitingInputError('pinned', `pinned candidate ${i} does not exist`);
    if (seen.has(i)) throw new SitingInputError('pinned', `candidate ${i} is pinned twice`);
    seen.add(i);
  }
}

export async function solveMaxCoverage(original: CoverageInstance, options: MaxCoverageOptions): Promise<MaxCoverageResult> {
  const started = Date.now();
  const pinned = options.pinned ?? [];
  validateLimit(original, options.limit, pinned);
  const deadline = started + (options.timeLimitMs ?? 10_000);
  const targetGap = options.targetGap ?? 1e-3;
  const notes: string[] = [];

  const t0 = Date.now();
  const { inst, unreachable } = reduceInstance(original);
  const reduceMs = Date.now() - t0;

  const t1 = Date.now();
  const greedy = lazyGreedy(inst, options.limit, pinned);
  const greedyValue = greedy.state.value;
  const greedyMs = Date.now() - t1;

  const t2 = Date.now();
  // Local search may use up to a quarter of what is left; the bounds need the rest.
  const lsDeadline = Date.now() + (deadline - Date.now()) / 4;
  const ls = swapLocalSearch(inst, greedy.state, options.limit, { pinned, deadlineMs: lsDeadline });
  let state: CoverageState = greedy.state;
  const localSearchMs = Date.now() - t2;
  let stoppedByTime = ls.stoppedByTime;

  const t3 = Date.now();
  let bound = onlineBound(inst, state, options.limit, pinned);
  let boundSource: BoundSource = 'submodular-online';
  const total = totalWeight(inst);
  if (total < bound) {
    bound = total;
    boundSource = 'trivial';
  }
  const gapOf = () => (bound <= 0 ? 0 : Math.max(0, (bound - state.value) / bound));
  if (gapOf() > targetGap) {
    const lagDeadline = Date.now() + Math.min(1_500, Math.max(0, (deadline - Date.now()) / 4));
    const lag = lagrangianBound(inst, options.limit, { pinned, incumbent: state.value * (1 + targetGap / 2), deadlineMs: lagDeadline });
    if (lag.bound < bound) {
      bound = lag.bound;
      boundSource = 'lagrangian';
    }
  }
  const boundMs = Date.now() - t3;

  let highsMs = 0;
  let optimal = false;
  if (gapOf() <= 1e-9) optimal = true;
  // HiGHS checks its clock only between phases and its model setup is not timed, so it gets
  // 60 % of what is left; the measured overrun on 5,000 × 50,000 was up to 40 %.
  const secondsLeft = (0.6 * (deadline - Date.now())) / 1000;
  // Small instances go to HiGHS even when the gap already meets the target: proving the
  // optimum there takes well under a second, and "proven optimal" is worth saying.
  const small = inst.coverIndex.length <= 20_000;
  if (!optimal && (gapOf() > targetGap || (small && gapOf() > 1e-9)) && options.exact !== 'off') {
    if (secondsLeft < 0.2) {
      stoppedByTime = true;
      notes.push('no time left for the HiGHS solve; the bound is the heuristic one');
    } else {
      const t4 = Date.now();
      const out = await solveWithHighs(inst, options.limit, { pinned, start: state.selectedList(), timeLimitSec: secondsLeft });
      highsMs = Date.now() - t4;
      if (out.status === 'error') notes.push(out.detail);
      if (out.selection !== undefined && out.objective !== undefined && out.objective > state.value + 1e-9) {
        const better = new CoverageState(inst);
        for (const i of out.selection) better.add(i);
        // Trust our own count rather than the solver's float objective.
        if (better.value > state.value) state = better;
      }
      if (out.bound < bound) {
        bound = out.bound;
        boundSource = out.status === 'optimal' ? 'highs-mip-optimal' : 'highs-mip-bound';
      }
      if (out.status === 'optimal') optimal = true;
      if (out.status === 'time_limit') {
        stoppedByTime = true;
        notes.push('HiGHS stopped at the time limit: the answer is the best found, measured against the best bound proved so far');
      }
    }
  }
  if (bound < state.value) bound = state.value; // floating noise in a solver bound
  const gap = gapOf();
  if (gap <= 1e-6) optimal = true;

  // Report in original unit ids, ranked by marginal gain.
  const ranked = rankByMarginalGain(original, state.selectedList(), pinned);
  return {
    picks: ranked,
    value: state.value,
    greedyValue,
    bound,
    boundSource,
    gap,
    optimal,
    totalValue: totalWeight(original),
    unreachable,
    timings: { reduceMs, greedyMs, localSearchMs, boundMs, highsMs, totalMs: Date.now() - started },
    stoppedByTime,
    notes,
  };
}
