// Problem (b): the fewest cameras (unit costs) or least cost reaching a required weight per
// class, e.g. every remaining intersection. Greedy for submodular cover (gain towards the unmet
// requirements per cost, lazily), then drop sites that became redundant (dearest first), then
// HiGHS for the proven lower bound and, where it fits in time, the optimum. A requirement that
// all candidates together cannot meet is reported as impossible with the best partial answer
// (everything useful chosen, requirement by requirement how far it gets).
import { CoverageState } from './coverage-state';
import { SitingInputError } from './instance';
import { rankByMarginalGain } from './lazy-greedy';
import { MaxHeap } from './max-heap';
import { reduceInstance } from './reduce';
import { solveCoverWithHighs } from './highs-cover';
import type { BoundSource, CoverageInstance, RankedPick } from './types';

export interface MinCostCoverOptions {
  /** Weight to reach per class index (Σ step weights of the units to cover), same order as classNames. */
  required: ArrayLike<number>;
  pinned?: readonly number[];
  timeLimitMs?: number;
  exact?: 'auto' | 'off';
}

export interface ClassProgress {
  className: string;
  required: number;
  reached: number;
  /** The most any choice of candidates could reach. */
  attainable: number;
}

export interface MinCostCoverResult {
  feasible: boolean;
  picks: RankedPick[];
  cost: number;
  greedyCost: number;
  /** Proven lower bound on the least cost. */
  bound: number;
  boundSource: BoundSource | 'fractional-knapsack';
  /** (cost − bound) / cost. */
  gap: number;
  optimal: boolean;
  classes: ClassProgress[];
  timings: { greedyMs: number; highsMs: number; totalMs: number };
  notes: string[];
}

function classGains(inst: CoverageInstance, state: CoverageState, i: number, out: Float64Array): void {
  out.fill(0);
  for (let k = inst.coverStart[i]!; k < inst.coverStart[i + 1]!; k++) {
    const d = inst.coverIndex[k]!;
    if (state.count[d]! < inst.demandNeed[d]!) out[inst.demandClass[d]!]! += inst.stepWeight[d]!;
  }
}

function reachedPerClass(inst: CoverageInstance, state: CoverageState, classes: number): Float64Array {
  const r = new Float64Array(classes);
  for (let d = 0; d < inst.demandCount; d++)
    r[inst.demandClass[d]!]! += inst.stepWeight[d]! * Math.min(state.count[d]!, inst.demandNeed[d]!);
  return r;
}

export async function solveMinCostCover(original: CoverageInstance, options: MinCostCoverOptions): Promise<MinCostCoverResult> {
  const started = Date.now();
  const deadline = started + (options.timeLimitMs ?? 10_000);
  const classes = original.classNames.length;
  const pinned = options.pinned ?? [];
  if (original.candidateCount === 0)
    throw new SitingInputError('candidates', 'there are no candidate sites: generate candidates or add some before asking for suggestions');
  if (options.required.length !== classes) throw new SitingInputError('required', `expected a requirement for each of ${classes} classes`);
  const required = Float64Array.from(options.required);
  for (let k = 0; k < classes; k++) {
    if (!Number.isFinite(required[k]!) || required[k]! < 0)
      throw new SitingInputError('required', `the requirement for ${original.classNames[k]} must be ≥ 0, got ${required[k]}`);
  }
  const notes: string[] = [];
  const { inst } = reduceInstance(original);

  // What everything together reaches: the ceiling for each requirement.
  const all = new CoverageState(inst);
  for (let i = 0; i < inst.candidateCount; i++) all.add(i);
  const attainable = reachedPerClass(inst, all, classes);
  const tol = (k: number) => 1e-9 * Math.max(1, required[k]!);
  const feasible = required.every((r, k) => r <= attainable[k]! + tol(k));
  const goal = Float64Array.from(required, (r, k) => Math.min(r, attainable[k]!));
  if (!feasible) notes.push('the requirement cannot be met with these candidates; the answer reaches as far as they allow');

  const t0 = Date.now();
  const state = new CoverageState(inst);
  for (const i of pinned) state.add(i);
  const reached = reachedPerClass(inst, state, classes);
  const g = new Float64Array(classes);
  const useful = (i: number) => {
    classGains(inst, state, i, g);
    let s = 0;
    for (let k = 0; k < classes; k++) s += Math.min(g[k]!, Math.max(0, goal[k]! - reached[k]!));
    return s;
  };
  const met = () => reached.every((r, k) => r >= goal[k]! - tol(k));
  const heap = new MaxHeap(inst.candidateCount);
  for (let i = 0; i < inst.candidateCount; i++) {
    if (state.selected[i] === 1) continue;
    const u = useful(i);
    if (u > 0) heap.push(u / inst.candidateCost[i]!, i);
  }
  while (!met() && heap.size > 0) {
    const i = heap.pop();
    const u = useful(i);
    if (u <= 0) continue;
    const key = u / inst.candidateCost[i]!;
    if (heap.size > 0 && key < heap.peekKey()) {
      heap.push(key, i);
      continue;
    }
    classGains(inst, state, i, g);
    state.add(i);
    for (let k = 0; k < classes; k++) reached[k]! += g[k]!;
  }
  // Drop sites the others made redundant, dearest first (pinned sites stay).
  const isPinned = new Set(pinned);
  const chosen = state
    .selectedList()
    .filter((i) => !isPinned.has(i))
    .sort((a, b) => inst.candidateCost[b]! - inst.candidateCost[a]! || b - a);
  for (const i of chosen) {
    state.remove(i);
    const r = reachedPerClass(inst, state, classes);
    if (r.every((v, k) => v >= goal[k]! - tol(k))) reached.set(r);
    else state.add(i);
  }
  const greedyCost = state.cost;
  const greedyMs = Date.now() - t0;

  // Fractional knapsack bound per class: any cover of class k costs at least that.
  let bound = 0;
  let boundSource: MinCostCoverResult['boundSource'] = 'fractional-knapsack';
  const base = new CoverageState(inst);
  for (const i of pinned) base.add(i);
  const baseReached = reachedPerClass(inst, base, classes);
  const perClass: { ratio: number; gain: number; cost: number }[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < inst.candidateCount; i++) {
    if (base.selected[i] === 1) continue;
    classGains(inst, base, i, g);
    for (let k = 0; k < classes; k++)
      if (g[k]! > 0) perClass[k]!.push({ ratio: g[k]! / inst.candidateCost[i]!, gain: g[k]!, cost: inst.candidateCost[i]! });
  }
  for (let k = 0; k < classes; k++) {
    let left = goal[k]! - baseReached[k]!;
    let c = 0;
    for (const e of perClass[k]!.sort((a, b) => b.ratio - a.ratio)) {
      if (left <= 0) break;
      const take = Math.min(1, left / e.gain);
      c += take * e.cost;
      left -= take * e.gain;
    }
    bound = Math.max(bound, c);
  }
  for (const i of pinned) bound += inst.candidateCost[i]!;

  let highsMs = 0;
  let optimal = state.cost <= bound * (1 + 1e-9);
  const secondsLeft = (0.6 * (deadline - Date.now())) / 1000;
  if (!optimal && options.exact !== 'off' && secondsLeft > 0.2) {
    const t1 = Date.now();
    const out = await solveCoverWithHighs(inst, goal, { pinned, start: state.selectedList(), timeLimitSec: secondsLeft });
    highsMs = Date.now() - t1;
    if (out.status === 'error') notes.push(out.detail);
    if (out.selection !== undefined && out.objective !== undefined && out.objective < state.cost - 1e-9) {
      const alt = new CoverageState(inst);
      for (const i of out.selection) alt.add(i);
      const r = reachedPerClass(inst, alt, classes);
      if (r.every((v, k) => v >= goal[k]! - 1e-6 * Math.max(1, goal[k]!))) {
        for (const i of state.selectedList()) state.remove(i);
        for (const i of out.selection) state.add(i);
        reached.set(r);
      }
    }
    if (out.bound > bound) {
      bound = out.bound;
      boundSource = out.status === 'optimal' ? 'highs-mip-optimal' : 'highs-mip-bound';
    }
    if (out.status === 'optimal') optimal = true;
    if (out.status === 'time_limit')
      notes.push('HiGHS stopped at the time limit: the answer is the best found, measured against the best bound proved so far');
  }
  bound = Math.min(bound, state.cost);
  const gap = state.cost <= 0 ? 0 : (state.cost - bound) / state.cost;
  return {
    feasible,
    picks: rankByMarginalGain(original, state.selectedList(), pinned),
    cost: state.cost,
    greedyCost,
    bound,
    boundSource,
    gap,
    optimal: optimal || gap <= 1e-9,
    classes: original.classNames.map((className, k) => ({
      className,
      required: required[k]!,
      reached: reached[k]!,
      attainable: attainable[k]!,
    })),
    timings: { greedyMs, highsMs, totalMs: Date.now() - started },
    notes,
  };
}
