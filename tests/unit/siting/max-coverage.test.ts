import { describe, expect, it } from 'vitest';
import { solveMaxCoverage } from '../../../gis-data/siting/max-coverage';
import { buildInstance, SitingInputError } from '../../../gis-data/siting/instance';
import { generateInstance } from '../../../gis-data/siting/generate';
import { evaluateSet } from '../../../gis-data/siting/coverage-state';
import { exhaustiveBest } from './exhaustive';
import { streetGrid } from './street-grid';

describe('textbook street grid (optimum known by exhaustive search)', () => {
  for (const cameras of [1, 2, 3, 4]) {
    it(`finds the proven optimum for ${cameras} camera(s), so the certified gap of 0 % is true`, async () => {
      const { inst } = streetGrid();
      const truth = exhaustiveBest(inst, { kind: 'count', cameras });
      const r = await solveMaxCoverage(inst, { limit: { kind: 'count', cameras }, targetGap: 0 });
      expect(r.value).toBeCloseTo(truth.value, 9);
      expect(r.optimal).toBe(true);
      expect(r.gap).toBeLessThan(1e-6);
      expect(r.bound).toBeGreaterThanOrEqual(truth.value - 1e-9);
      expect(
        evaluateSet(
          inst,
          r.picks.map((p) => p.candidate),
        ),
      ).toBeCloseTo(truth.value, 9);
    });
  }

  it('solves backup coverage exactly: intersections that need two cameras earn full credit only when two see them', async () => {
    const { inst } = streetGrid({ need: (d) => (d === 4 ? 2 : 1) });
    const truth = exhaustiveBest(inst, { kind: 'count', cameras: 3 });
    const r = await solveMaxCoverage(inst, { limit: { kind: 'count', cameras: 3 }, targetGap: 0 });
    expect(r.value).toBeCloseTo(truth.value, 9);
    expect(r.optimal).toBe(true);
  });

  it('respects a budget with unequal costs and matches the exhaustive optimum', async () => {
    const { inst } = streetGrid({ cost: (i) => 1 + (i % 3) });
    const truth = exhaustiveBest(inst, { kind: 'budget', cost: 5 });
    const r = await solveMaxCoverage(inst, { limit: { kind: 'budget', cost: 5 }, targetGap: 0 });
    const spent = r.picks.reduce((s, p) => s + inst.candidateCost[p.candidate]!, 0);
    expect(spent).toBeLessThanOrEqual(5);
    expect(r.value).toBeCloseTo(truth.value, 9);
  });
});

describe('answers are ranked and honest', () => {
  it('ranks sites by marginal gain, so the planner sees the most valuable site first', async () => {
    const { inst } = generateInstance({ candidates: 300, demandUnits: 3000, seed: 7 });
    const r = await solveMaxCoverage(inst, { limit: { kind: 'count', cameras: 20 } });
    for (let k = 1; k < r.picks.length; k++) expect(r.picks[k]!.marginalGain).toBeLessThanOrEqual(r.picks[k - 1]!.marginalGain + 1e-9);
    const sum = r.picks.reduce((s, p) => s + p.marginalGain, 0);
    expect(sum).toBeCloseTo(r.value, 6);
    expect(r.picks[0]!.newlyCovered.length).toBeGreaterThan(0);
  });

  it('never reports a bound below the true optimum on random small instances (the gap is certified)', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { inst } = generateInstance({ candidates: 14, demandUnits: 400, seed, backupShare: 0.3, costs: 'varied' });
      const limit = { kind: 'count' as const, cameras: 3 };
      const truth = exhaustiveBest(inst, limit);
      for (const exact of ['off', 'auto'] as const) {
        const r = await solveMaxCoverage(inst, { limit, exact });
        expect(r.bound).toBeGreaterThanOrEqual(truth.value - 1e-9);
        expect(r.value).toBeLessThanOrEqual(truth.value + 1e-9);
        expect(r.gap).toBeCloseTo(r.bound > 0 ? (r.bound - r.value) / r.bound : 0, 9);
      }
    }
  });

  it('local search beats greedy where greedy is known to be trapped', async () => {
    // Candidate 0 sees units 0-3 (the largest single view); candidates 1 and 2 split them with
    // extras. Greedy takes 0 first and can then add only 2 units; the optimum is {1, 2}.
    const inst = buildInstance({
      candidateCount: 3,
      demandCount: 6,
      pairCandidate: [0, 0, 0, 0, 1, 1, 1, 2, 2, 2],
      pairDemand: [0, 1, 2, 3, 0, 1, 4, 2, 3, 5],
      stepWeight: [1.1, 1.1, 1.1, 1.1, 1, 1],
    });
    const r = await solveMaxCoverage(inst, { limit: { kind: 'count', cameras: 2 }, exact: 'off' });
    expect(r.greedyValue).toBeCloseTo(4.4 + 1, 9);
    expect(r.value).toBeCloseTo(6.4, 9);
  });

  it('returns the best found with its bound when the time limit is too short to prove anything', async () => {
    const { inst } = generateInstance({ candidates: 1500, demandUnits: 15000, seed: 3 });
    const r = await solveMaxCoverage(inst, { limit: { kind: 'count', cameras: 150 }, timeLimitMs: 1 });
    expect(r.picks.length).toBeGreaterThan(0);
    expect(r.stoppedByTime).toBe(true);
    expect(r.bound).toBeGreaterThanOrEqual(r.value);
    expect(Number.isFinite(r.gap)).toBe(true);
  });

  it('lists the units no candidate can see, because no plan will ever cover them', async () => {
    const inst = buildInstance({ candidateCount: 1, demandCount: 2, pairCandidate: [0], pairDemand: [0], stepWeight: [1, 1] });
    const r = await solveMaxCoverage(inst, { limit: { kind: 'count', cameras: 1 } });
    expect(r.unreachable).toEqual([1]);
    expect(r.value).toBe(1);
  });
});

describe('bad input gets a clear error naming the field', () => {
  const { inst } = streetGrid();
  const empty = buildInstance({ candidateCount: 0, demandCount: 1, pairCandidate: [], pairDemand: [], stepWeight: [1] });
  const cases: [string, () => Promise<unknown>, string][] = [
    ['an empty candidate set', () => solveMaxCoverage(empty, { limit: { kind: 'count', cameras: 3 } }), 'candidates'],
    ['a zero camera budget', () => solveMaxCoverage(inst, { limit: { kind: 'count', cameras: 0 } }), 'budget'],
    ['a zero money budget', () => solveMaxCoverage(inst, { limit: { kind: 'budget', cost: 0 } }), 'budget'],
    ['an absurd budget', () => solveMaxCoverage(inst, { limit: { kind: 'budget', cost: 1e20 } }), 'budget'],
    ['a budget below the cheapest camera', () => solveMaxCoverage(inst, { limit: { kind: 'budget', cost: 0.5 } }), 'budget'],
    ['a pinned site that does not exist', () => solveMaxCoverage(inst, { limit: { kind: 'count', cameras: 2 }, pinned: [99] }), 'pinned'],
  ];
  for (const [what, run, field] of cases) {
    it(`rejects ${what}`, async () => {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SitingInputError);
      expect((err as SitingInputError).field).toBe(field);
    });
  }

  it('rejects absurd camera costs when the instance is built', () => {
    for (const cost of [0, -5, Infinity, 1e15]) {
      expect(() =>
        buildInstance({ candidateCount: 1, demandCount: 1, pairCandidate: [0], pairDemand: [0], stepWeight: [1], candidateCost: [cost] }),
      ).toThrow(SitingInputError);
    }
  });
});
