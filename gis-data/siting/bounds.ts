// Upper bounds on the best possible coverage, so every answer can say how far from optimal it
// is. Two cheap certified bounds that hold at any size:
// - the submodular "online" bound: for any chosen set S, OPT ≤ f(S) + the best N marginal gains
//   left (a fractional knapsack of them under a budget);
// - a Lagrangian bound: relax "unit d counts only if a chosen camera sees it" with multipliers
//   λ_d ∈ [0, w_d]; the relaxed problem splits into units and cameras and is solved exactly, so
//   L(λ) ≥ OPT for every λ, and subgradient steps drive it towards the LP bound.
import type { CoverageState } from './coverage-state';
import type { CoverageInstance, SitingLimit } from './types';

/** Maximum of Σ value_i x_i with Σ x_i ≤ count or Σ cost_i x_i ≤ budget, 0 ≤ x ≤ 1 (x written out). */
function relaxedKnapsack(
  values: Float64Array,
  inst: CoverageInstance,
  limit: SitingLimit,
  free: Uint8Array,
  capacity: number,
  x: Float64Array,
): number {
  x.fill(0);
  const ids: number[] = [];
  for (let i = 0; i < values.length; i++) if (free[i] === 1 && values[i]! > 0) ids.push(i);
  if (limit.kind === 'count') {
    ids.sort((a, b) => values[b]! - values[a]! || a - b);
    let sum = 0;
    for (let k = 0; k < Math.min(ids.length, capacity); k++) {
      sum += values[ids[k]!]!;
      x[ids[k]!] = 1;
    }
    return sum;
  }
  const cost = inst.candidateCost;
  ids.sort((a, b) => values[b]! / cost[b]! - values[a]! / cost[a]! || a - b);
  let left = capacity;
  let sum = 0;
  for (const i of ids) {
    if (left <= 0) break;
    const take = Math.min(1, left / cost[i]!);
    sum += take * values[i]!;
    x[i] = take;
    left -= take * cost[i]!;
  }
  return sum;
}

function capacityLeft(inst: CoverageInstance, limit: SitingLimit, pinned: readonly number[]): number {
  if (limit.kind === 'count') return Math.max(0, limit.cameras - pinned.length);
  let c = limit.cost;
  for (const i of pinned) c -= inst.candidateCost[i]!;
  return Math.max(0, c);
}

export function onlineBound(inst: CoverageInstance, state: CoverageState, limit: SitingLimit, pinned: readonly number[] = []): number {
  const gains = new Float64Array(inst.candidateCount);
  const free = new Uint8Array(inst.candidateCount);
  for (let i = 0; i < inst.candidateCount; i++) {
    if (state.selected[i] === 1) continue;
    free[i] = 1;
    gains[i] = state.gain(i);
  }
  const x = new Float64Array(inst.candidateCount);
  return state.value + relaxedKnapsack(gains, inst, limit, free, capacityLeft(inst, limit, pinned), x);
}

export interface LagrangianOptions {
  pinned?: readonly number[];
  /** Best objective known (a feasible answer); steers the step size. */
  incumbent: number;
  iterations?: number;
  deadlineMs?: number;
}

export function lagrangianBound(
  inst: CoverageInstance,
  limit: SitingLimit,
  options: LagrangianOptions,
): { bound: number; iterations: number } {
  const m = inst.demandCount;
  const n = inst.candidateCount;
  const pinned = options.pinned ?? [];
  const free = new Uint8Array(n).fill(1);
  for (const i of pinned) free[i] = 0;
  const capacity = capacityLeft(inst, limit, pinned);
  const w = inst.stepWeight;
  const need = inst.demandNeed;
  // Start from λ_d = w_d / (cameras that can see d): a unit every camera can see is cheap.
  const lambda = new Float64Array(m);
  for (let d = 0; d < m; d++) {
    const deg = inst.coveredByStart[d + 1]! - inst.coveredByStart[d]!;
    lambda[d] = deg === 0 ? 0 : w[d]! / Math.min(deg, 2);
  }
  const score = new Float64Array(n);
  const x = new Float64Array(n);
  const g = new Float64Array(m);
  let best = Infinity;
  let theta = 1;
  let sinceImproved = 0;
  const iterations = options.iterations ?? 300;
  let it = 0;
  for (; it < iterations; it++) {
    if (options.deadlineMs !== undefined && Date.now() > options.deadlineMs) break;
    let value = 0;
    for (let d = 0; d < m; d++) if (lambda[d]! < w[d]!) value += need[d]! * (w[d]! - lambda[d]!);
    score.fill(0);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = inst.coverStart[i]!; k < inst.coverStart[i + 1]!; k++) s += lambda[inst.coverIndex[k]!]!;
      score[i] = s;
    }
    value += relaxedKnapsack(score, inst, limit, free, capacity, x);
    for (const i of pinned) value += score[i]!;
    if (best === Infinity || value < best - 1e-12 * Math.abs(best)) {
      best = value;
      sinceImproved = 0;
    } else if (++sinceImproved >= 10) {
      theta /= 2;
      sinceImproved = 0;
    }
    if (best - options.incumbent <= 1e-9 * Math.max(1, best)) break;
    // Subgradient: cameras in the relaxed answer that see d, minus the units credited at d.
    for (let d = 0; d < m; d++) g[d] = lambda[d]! < w[d]! ? -need[d]! : 0;
    for (let i = 0; i < n; i++) {
      const xi = free[i] === 1 ? x[i]! : 1;
      if (xi === 0) continue;
      for (let k = inst.coverStart[i]!; k < inst.coverStart[i + 1]!; k++) g[inst.coverIndex[k]!]! += xi;
    }
    let norm = 0;
    for (let d = 0; d < m; d++) {
      // Projected: a multiplier at a bound that would leave it contributes nothing.
      if ((lambda[d] === 0 && g[d]! > 0) || (lambda[d] === w[d] && g[d]! < 0)) g[d] = 0;
      norm += g[d]! * g[d]!;
    }
    if (norm === 0) break;
    const step = (theta * (value - options.incumbent)) / norm;
    for (let d = 0; d < m; d++) lambda[d] = Math.min(w[d]!, Math.max(0, lambda[d]! - step * g[d]!));
  }
  return { bound: best, iterations: it };
}
