import { describe, expect, it } from 'vitest';
import { solveMinCostCover } from '../../../gis-data/siting/min-cost-cover';
import { generateInstance } from '../../../gis-data/siting/generate';
import { buildInstance, SitingInputError } from '../../../gis-data/siting/instance';
import { evaluateSet } from '../../../gis-data/siting/coverage-state';
import { exhaustiveMinCost } from './exhaustive';

function classTotals(inst: ReturnType<typeof generateInstance>['inst'], reachable: boolean): number[] {
  const t = new Array<number>(inst.classNames.length).fill(0);
  for (let d = 0; d < inst.demandCount; d++) {
    if (reachable && inst.coveredByStart[d + 1] === inst.coveredByStart[d]) continue;
    t[inst.demandClass[d]!]! += inst.stepWeight[d]! * inst.demandNeed[d]!;
  }
  return t;
}

describe('fewest cameras / least cost reaching a target per class', () => {
  it('reaches 100 % of reachable intersections at the least cost found by exhaustive search', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { inst } = generateInstance({ candidates: 14, demandUnits: 300, seed, costs: 'varied' });
      const required = classTotals(inst, true).map((t, k) => (k === 0 ? t : 0));
      const truth = exhaustiveMinCost(inst, required);
      const r = await solveMinCostCover(inst, { required });
      expect(r.feasible).toBe(true);
      expect(r.cost).toBeCloseTo(truth, 9);
      expect(r.bound).toBeLessThanOrEqual(truth + 1e-9);
      expect(r.optimal).toBe(true);
      expect(r.classes[0]!.reached).toBeGreaterThanOrEqual(required[0]! - 1e-6);
    }
  });

  it('keeps a certified lower bound without HiGHS, so the gap stays honest when the exact solve is off', async () => {
    const { inst } = generateInstance({ candidates: 14, demandUnits: 300, seed: 4, costs: 'varied' });
    const required = classTotals(inst, true).map((t) => t * 0.8);
    const truth = exhaustiveMinCost(inst, required);
    const r = await solveMinCostCover(inst, { required, exact: 'off' });
    expect(r.bound).toBeLessThanOrEqual(truth + 1e-9);
    expect(r.cost).toBeGreaterThanOrEqual(truth - 1e-9);
    expect(r.gap).toBeGreaterThanOrEqual(0);
  });

  it('says an impossible target is impossible and still returns the best partial answer', async () => {
    const { inst } = generateInstance({ candidates: 40, demandUnits: 800, seed: 5 });
    const required = classTotals(inst, false); // includes units no candidate can see
    const r = await solveMinCostCover(inst, { required });
    expect(r.feasible).toBe(false);
    expect(r.notes.join(' ')).toMatch(/cannot be met/);
    expect(r.picks.length).toBeGreaterThan(0);
    const all = evaluateSet(
      inst,
      Array.from({ length: inst.candidateCount }, (_, i) => i),
    );
    expect(
      evaluateSet(
        inst,
        r.picks.map((p) => p.candidate),
      ),
    ).toBeCloseTo(all, 6);
    for (const c of r.classes) expect(c.reached).toBeCloseTo(c.attainable, 6);
  });

  it('rejects a negative requirement and an empty candidate set with the field named', async () => {
    const { inst } = generateInstance({ candidates: 5, demandUnits: 100, seed: 1 });
    await expect(solveMinCostCover(inst, { required: [-1, 0, 0] })).rejects.toMatchObject({ field: 'required' });
    const empty = buildInstance({ candidateCount: 0, demandCount: 1, pairCandidate: [], pairDemand: [], stepWeight: [1] });
    await expect(solveMinCostCover(empty, { required: [1] })).rejects.toBeInstanceOf(SitingInputError);
  });
});
