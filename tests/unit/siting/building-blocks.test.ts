import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../../gis-data/siting/generate';
import { reduceInstance } from '../../../gis-data/siting/reduce';
import { lazyGreedy } from '../../../gis-data/siting/lazy-greedy';
import { CoverageState, evaluateSet } from '../../../gis-data/siting/coverage-state';
import { swapLocalSearch } from '../../../gis-data/siting/local-search';
import { lagrangianBound, onlineBound } from '../../../gis-data/siting/bounds';
import { MaxHeap } from '../../../gis-data/siting/max-heap';

function plainGreedy(inst: ReturnType<typeof generateInstance>['inst'], n: number): number {
  const s = new CoverageState(inst);
  for (let k = 0; k < n; k++) {
    let best = -1;
    let bestGain = 0;
    for (let i = 0; i < inst.candidateCount; i++) {
      if (s.selected[i] === 1) continue;
      const g = s.gain(i);
      if (g > bestGain) [best, bestGain] = [i, g];
    }
    if (best < 0) break;
    s.add(best);
  }
  return s.value;
}

describe('siting building blocks', () => {
  it('lazy greedy gives exactly what plain greedy gives (stale gains are only ever upper bounds)', () => {
    const { inst } = generateInstance({ candidates: 400, demandUnits: 4000, seed: 11, backupShare: 0.2 });
    expect(lazyGreedy(inst, { kind: 'count', cameras: 40 }).state.value).toBeCloseTo(plainGreedy(inst, 40), 9);
  });

  it('merging units with identical viewers keeps every objective value unchanged', () => {
    const { inst } = generateInstance({ candidates: 300, demandUnits: 5000, seed: 12, backupShare: 0.3 });
    const red = reduceInstance(inst);
    expect(red.inst.demandCount).toBeLessThan(inst.demandCount);
    const sets = [[1, 2, 3], [10, 20, 30, 40, 50], Array.from({ length: 100 }, (_, i) => i * 3)];
    for (const set of sets) expect(evaluateSet(red.inst, set)).toBeCloseTo(evaluateSet(inst, set), 9);
  });

  it('incremental gains, losses and coverer names agree with a from-scratch count after swaps', () => {
    const { inst } = generateInstance({ candidates: 200, demandUnits: 3000, seed: 13, backupShare: 0.5 });
    const limit = { kind: 'count' as const, cameras: 25 };
    const g = lazyGreedy(inst, limit);
    const before = g.state.value;
    const res = swapLocalSearch(inst, g.state, limit);
    expect(g.state.value).toBeGreaterThanOrEqual(before - 1e-9);
    expect(g.state.value).toBeCloseTo(evaluateSet(inst, g.state.selectedList()), 9);
    expect(g.state.size).toBeLessThanOrEqual(25);
    expect(res.stoppedByTime).toBe(false);
    for (let d = 0; d < inst.demandCount; d++) {
      const who = g.state.coverers(d);
      if (who === undefined) continue;
      for (const i of who) expect(g.state.selected[i]).toBe(1);
    }
  });

  it('both heuristic bounds sit above every feasible answer they are given', () => {
    const { inst } = generateInstance({ candidates: 500, demandUnits: 5000, seed: 14 });
    const limit = { kind: 'count' as const, cameras: 30 };
    const g = lazyGreedy(inst, limit);
    swapLocalSearch(inst, g.state, limit);
    expect(onlineBound(inst, g.state, limit)).toBeGreaterThanOrEqual(g.state.value);
    const lag = lagrangianBound(inst, limit, { incumbent: g.state.value });
    expect(lag.bound).toBeGreaterThanOrEqual(g.state.value - 1e-9);
    expect(lag.bound).toBeLessThan(onlineBound(inst, lazyGreedy(inst, limit).state, limit) * 1.5);
  });

  it('the heap pops in descending key order with ties to the lower id (reproducible picks)', () => {
    const h = new MaxHeap(2);
    const keys = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    keys.forEach((k, i) => h.push(k, i));
    const out: number[] = [];
    while (h.size > 0) out.push(h.pop());
    expect(out).toEqual([5, 7, 4, 8, 10, 2, 0, 9, 6, 1, 3]);
  });
});
