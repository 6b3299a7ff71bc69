// Swap local search after greedy: replace one chosen site by an unchosen one when that raises
// the objective, until no swap helps or time runs out. Each pass scores every (out, in) pair
// without touching the pairs one by one:
//   delta(i → j) = gain(j) − loss(i) + bonus(i, j)
// where bonus(i, j) sums the units both see that are exactly at their need (their count does
// not change by the swap). Those units name their one or two selected coverers in O(1)
// (CoverageState.coverers), so a pass costs about one sweep over the matrix.
import { CoverageState } from './coverage-state';
import type { CoverageInstance, SitingLimit } from './types';

export interface LocalSearchOptions {
  pinned?: readonly number[];
  deadlineMs?: number;
  maxPasses?: number;
}

export interface LocalSearchResult {
  swaps: number;
  passes: number;
  stoppedByTime: boolean;
}

export function swapLocalSearch(
  inst: CoverageInstance,
  state: CoverageState,
  limit: SitingLimit,
  options: LocalSearchOptions = {},
): LocalSearchResult {
  const pinned = new Uint8Array(inst.candidateCount);
  for (const i of options.pinned ?? []) pinned[i] = 1;
  const maxPasses = options.maxPasses ?? 10_000;
  const deadline = options.deadlineMs ?? Infinity;
  const loss = new Float64Array(inst.candidateCount);
  const bonus = new Float64Array(inst.candidateCount);
  const touched: number[] = [];
  let swaps = 0;
  let passes = 0;
  const eps = 1e-9 * Math.max(1, state.value);

  while (passes < maxPasses) {
    if (Date.now() > deadline) return { swaps, passes, stoppedByTime: true };
    passes++;
    const chosen = state.selectedList().filter((i) => pinned[i] === 0);
    let minLoss = Infinity;
    let minLossId = -1;
    for (const i of chosen) {
      loss[i] = state.loss(i);
      if (loss[i]! < minLoss) {
        minLoss = loss[i]!;
        minLossId = i;
      }
    }
    const slack = limit.kind === 'budget' ? limit.cost - state.cost : limit.cameras - state.size;
    let bestDelta = eps;
    let bestIn = -1;
    let bestOut = -1;
    for (let j = 0; j < inst.candidateCount; j++) {
      if (state.selected[j] === 1) continue;
      const gain = state.gain(j);
      if (gain <= bestDelta) continue;
      const cj = inst.candidateCost[j]!;
      // A plain addition when the limit leaves room (budget freed by earlier swaps).
      if ((limit.kind === 'budget' && cj <= slack + 1e-9) || (limit.kind === 'count' && slack >= 1)) {
        bestDelta = gain;
        bestIn = j;
        bestOut = -1;
        continue;
      }
      if (chosen.length === 0) continue;
      for (let k = inst.coverStart[j]!; k < inst.coverStart[j + 1]!; k++) {
        const d = inst.coverIndex[k]!;
        if (state.count[d] !== inst.demandNeed[d]) continue;
        const who = state.coverers(d);
        if (who === undefined) continue;
        for (const i of who) {
          if (pinned[i] === 1) continue;
          if (bonus[i] === 0) touched.push(i);
          bonus[i]! += inst.stepWeight[d]!;
        }
      }
      if (limit.kind === 'count') {
        let delta = gain - minLoss;
        let out = minLossId;
        for (const i of touched) {
          const v = gain - loss[i]! + bonus[i]!;
          if (v > delta) {
            delta = v;
            out = i;
          }
        }
        if (delta > bestDelta) {
          bestDelta = delta;
          bestIn = j;
          bestOut = out;
        }
      } else {
        for (const i of chosen) {
          if (cj - inst.candidateCost[i]! > slack + 1e-9) continue;
          const v = gain - loss[i]! + bonus[i]!;
          if (v > bestDelta) {
            bestDelta = v;
            bestIn = j;
            bestOut = i;
          }
        }
      }
      for (const i of touched) bonus[i] = 0;
      touched.length = 0;
    }
    if (bestIn < 0) return { swaps, passes, stoppedByTime: false };
    if (bestOut >= 0) state.remove(bestOut);
    state.add(bestIn);
    swaps++;
  }
  return { swaps, passes, stoppedByTime: false };
}

/** Convenience for tests: a fresh state holding `set`. */
export function stateOf(inst: CoverageInstance, set: Iterable<number>): CoverageState {
  const s = new CoverageState(inst);
  for (const i of set) s.add(i);
  return s;
}
