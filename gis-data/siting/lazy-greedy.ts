// Lazy greedy for monotone submodular coverage (Minoux's accelerated greedy): marginal gains
// only shrink as cameras are added, so a stale gain in the heap is an upper bound and a
// candidate whose refreshed gain still tops the heap is the true best. With a camera count this
// is the classic (1 − 1/e) ≈ 63 % guarantee; with a budget we rank by gain per cost and also try
// the best single affordable camera, which keeps a (1 − 1/e)/2 guarantee (Khuller, Moss & Naor).
import { CoverageState } from './coverage-state';
import { MaxHeap } from './max-heap';
import type { CoverageInstance, SitingLimit } from './types';

export interface GreedyResult {
  state: CoverageState;
  /** Candidates in the order picked (pinned ones first). */
  order: number[];
  /** Marginal gain of each pick at the moment it was taken. */
  gains: number[];
}

export function lazyGreedy(inst: CoverageInstance, limit: SitingLimit, pinned: readonly number[] = []): GreedyResult {
  const state = new CoverageState(inst);
  const order: number[] = [];
  const gains: number[] = [];
  for (const i of pinned) {
    gains.push(state.add(i));
    order.push(i);
  }
  const byCost = limit.kind === 'budget';
  const fits = (i: number) => (byCost ? state.cost + inst.candidateCost[i]! <= limit.cost + 1e-9 : state.size < limit.cameras);
  const heap = new MaxHeap(inst.candidateCount);
  for (let i = 0; i < inst.candidateCount; i++) {
    if (state.selected[i] === 1) continue;
    const g = state.gain(i);
    if (g > 0) heap.push(byCost ? g / inst.candidateCost[i]! : g, i);
  }
  while (heap.size > 0 && (byCost || state.size < limit.cameras)) {
    const i = heap.pop();
    // The budget only shrinks, so a camera that does not fit now never will.
    if (!fits(i)) continue;
    const g = state.gain(i);
    if (g <= 0) continue;
    const key = byCost ? g / inst.candidateCost[i]! : g;
    if (heap.size > 0 && key < heap.peekKey()) {
      heap.push(key, i);
      continue;
    }
    state.add(i);
    order.push(i);
    gains.push(g);
  }
  if (!byCost) return { state, order, gains };

  // Budget: the ratio rule can be fooled by one cheap camera; compare with the best single one.
  let bestSingle = -1;
  let bestSingleGain = 0;
  const base = new CoverageState(inst);
  for (const i of pinned) base.add(i);
  for (let i = 0; i < inst.candidateCount; i++) {
    if (base.selected[i] === 1 || base.cost + inst.candidateCost[i]! > limit.cost + 1e-9) continue;
    const g = base.gain(i);
    if (g > bestSingleGain) {
      bestSingleGain = g;
      bestSingle = i;
    }
  }
  if (bestSingle >= 0 && base.value + bestSingleGain > state.value) {
    base.add(bestSingle);
    return { state: base, order: [...pinned, bestSingle], gains: [...gains.slice(0, pinned.length), bestSingleGain] };
  }
  return { state, order, gains };
}

/**
 * Orders a chosen set by marginal gain (greedy order restricted to the set): the first site is
 * the one worth most alone, each next one the most valuable given those above it.
 */
export function rankByMarginalGain(
  inst: CoverageInstance,
  chosen: readonly number[],
  pinned: readonly number[] = [],
): { candidate: number; marginalGain: number; newlyCovered: number[] }[] {
  const state = new CoverageState(inst);
  const out: { candidate: number; marginalGain: number; newlyCovered: number[] }[] = [];
  for (const i of pinned) {
    const newly: number[] = [];
    out.push({ candidate: i, marginalGain: state.add(i, newly), newlyCovered: newly });
  }
  const rest = new Set(chosen.filter((i) => !pinned.includes(i)));
  while (rest.size > 0) {
    let best = -1;
    let bestGain = -1;
    for (const i of rest) {
      const g = state.gain(i);
      if (g > bestGain || (g === bestGain && i < best)) {
        bestGain = g;
        best = i;
      }
    }
    rest.delete(best);
    const newly: number[] = [];
    out.push({ candidate: best, marginalGain: state.add(best, newly), newlyCovered: newly });
  }
  return out;
}
