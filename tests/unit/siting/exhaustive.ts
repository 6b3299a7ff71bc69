// Brute force over every subset within the limit: the ground truth for small test instances.
import { evaluateSet } from '../../../gis-data/siting/coverage-state';
import type { CoverageInstance, SitingLimit } from '../../../gis-data/siting/types';

export function exhaustiveBest(inst: CoverageInstance, limit: SitingLimit): { value: number; set: number[] } {
  let best = { value: 0, set: [] as number[] };
  const chosen: number[] = [];
  const walk = (from: number, cost: number) => {
    const v = evaluateSet(inst, chosen);
    if (v > best.value + 1e-12) best = { value: v, set: [...chosen] };
    if (limit.kind === 'count' && chosen.length >= limit.cameras) return;
    for (let i = from; i < inst.candidateCount; i++) {
      const c = cost + inst.candidateCost[i]!;
      if (limit.kind === 'budget' && c > limit.cost + 1e-9) continue;
      chosen.push(i);
      walk(i + 1, c);
      chosen.pop();
    }
  };
  walk(0, 0);
  return best;
}

/** Least cost of a set reaching `required` weight in every class (Infinity when none does). */
export function exhaustiveMinCost(inst: CoverageInstance, required: number[]): number {
  let best = Infinity;
  const n = inst.candidateCount;
  for (let mask = 0; mask < 1 << n; mask++) {
    let cost = 0;
    const set: number[] = [];
    for (let i = 0; i < n; i++)
      if (mask & (1 << i)) {
        set.push(i);
        cost += inst.candidateCost[i]!;
      }
    if (cost >= best) continue;
    const reached = new Array<number>(inst.classNames.length).fill(0);
    const count = new Uint16Array(inst.demandCount);
    for (const i of set) for (let k = inst.coverStart[i]!; k < inst.coverStart[i + 1]!; k++) count[inst.coverIndex[k]!]!++;
    for (let d = 0; d < inst.demandCount; d++)
      reached[inst.demandClass[d]!]! += inst.stepWeight[d]! * Math.min(count[d]!, inst.demandNeed[d]!);
    if (reached.every((r, k) => r >= required[k]! - 1e-9)) best = cost;
  }
  return best;
}
