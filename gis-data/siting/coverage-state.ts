// Incremental coverage counts for a set of selected candidates. Besides the count per demand
// unit it keeps the sum and the sum of squares of the selecting candidates' ids, so that when a
// unit is seen by exactly one or two selected cameras we can name them in O(1): that is what
// makes swap moves cheap to evaluate (see local-search.ts).
import type { CoverageInstance } from './types';

export class CoverageState {
  readonly inst: CoverageInstance;
  readonly count: Uint16Array;
  readonly idSum: Float64Array;
  readonly idSqSum: Float64Array;
  readonly selected: Uint8Array;
  value = 0;
  cost = 0;
  size = 0;

  constructor(inst: CoverageInstance) {
    this.inst = inst;
    this.count = new Uint16Array(inst.demandCount);
    this.idSum = new Float64Array(inst.demandCount);
    this.idSqSum = new Float64Array(inst.demandCount);
    this.selected = new Uint8Array(inst.candidateCount);
  }

  /** Objective gained by adding candidate i now. */
  gain(i: number): number {
    const { coverStart, coverIndex, stepWeight, demandNeed } = this.inst;
    let g = 0;
    for (let k = coverStart[i]!; k < coverStart[i + 1]!; k++) {
      const d = coverIndex[k]!;
      if (this.count[d]! < demandNeed[d]!) g += stepWeight[d]!;
    }
    return g;
  }

  /** Objective lost by removing selected candidate i now. */
  loss(i: number): number {
    const { coverStart, coverIndex, stepWeight, demandNeed } = this.inst;
    let l = 0;
    for (let k = coverStart[i]!; k < coverStart[i + 1]!; k++) {
      const d = coverIndex[k]!;
      if (this.count[d]! <= demandNeed[d]!) l += stepWeight[d]!;
    }
    return l;
  }

  add(i: number, newlyCovered?: number[]): number {
    if (this.selected[i] === 1) throw new Error(`candidate ${i} is already selected`);
    const { coverStart, coverIndex, stepWeight, demandNeed } = this.inst;
    let g = 0;
    for (let k = coverStart[i]!; k < coverStart[i + 1]!; k++) {
      const d = coverIndex[k]!;
      if (this.count[d]! < demandNeed[d]!) {
        g += stepWeight[d]!;
        newlyCovered?.push(d);
      }
      this.count[d]!++;
      this.idSum[d]! += i;
      this.idSqSum[d]! += i * i;
    }
    this.selected[i] = 1;
    this.value += g;
    this.cost += this.inst.candidateCost[i]!;
    this.size++;
    return g;
  }

  remove(i: number): number {
    if (this.selected[i] !== 1) throw new Error(`candidate ${i} is not selected`);
    const { coverStart, coverIndex, stepWeight, demandNeed } = this.inst;
    let l = 0;
    for (let k = coverStart[i]!; k < coverStart[i + 1]!; k++) {
      const d = coverIndex[k]!;
      if (this.count[d]! <= demandNeed[d]!) l += stepWeight[d]!;
      this.count[d]!--;
      this.idSum[d]! -= i;
      this.idSqSum[d]! -= i * i;
    }
    this.selected[i] = 0;
    this.value -= l;
    this.cost -= this.inst.candidateCost[i]!;
    this.size--;
    return l;
  }

  /**
   * The selected candidates seeing demand d when there are one or two of them (a + b = s,
   * a² + b² = q gives a, b = (s ∓ √(2q − s²)) / 2); otherwise undefined.
   */
  coverers(d: number): [number] | [number, number] | undefined {
    const c = this.count[d]!;
    if (c === 1) return [this.idSum[d]!];
    if (c === 2) {
      const s = this.idSum[d]!;
      const root = Math.round(Math.sqrt(Math.max(0, 2 * this.idSqSum[d]! - s * s)));
      return [(s - root) / 2, (s + root) / 2];
    }
    return undefined;
  }

  selectedList(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.selected.length; i++) if (this.selected[i] === 1) out.push(i);
    return out;
  }
}

/** Objective of a set of candidates, computed from scratch (used to check the incremental code). */
export function evaluateSet(inst: CoverageInstance, set: Iterable<number>): number {
  const state = new CoverageState(inst);
  for (const i of set) state.add(i);
  return state.value;
}
