// Builds a CoverageInstance from (candidate, demand) pairs and validates its numbers.
import type { CoverageInstance } from './types';

export interface InstanceInput {
  candidateCount: number;
  demandCount: number;
  /** Pairs (candidate, demand): candidate sees demand. Duplicates are ignored. */
  pairCandidate: ArrayLike<number>;
  pairDemand: ArrayLike<number>;
  stepWeight: ArrayLike<number>;
  demandNeed?: ArrayLike<number>;
  demandClass?: ArrayLike<number>;
  classNames?: readonly string[];
  candidateCost?: ArrayLike<number>;
}

/** An instance whose numbers cannot describe a siting problem; the message names the field. */
export class SitingInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'SitingInputError';
    this.field = field;
  }
}

export function buildInstance(input: InstanceInput): CoverageInstance {
  const n = input.candidateCount;
  const m = input.demandCount;
  if (!Number.isInteger(n) || n < 0)
    throw new SitingInputError('candidateCount', `candidate count must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(m) || m < 0) throw new SitingInputError('demandCount', `demand count must be a non-negative integer, got ${m}`);
  if (input.pairCandidate.length !== input.pairDemand.length) throw new SitingInputError('pairs', 'pair arrays differ in length');
  if (input.stepWeight.length !== m) throw new SitingInputError('stepWeight', `expected ${m} weights, got ${input.stepWeight.length}`);

  const stepWeight = Float64Array.from(input.stepWeight);
  const demandNeed = input.demandNeed === undefined ? new Uint8Array(m).fill(1) : Uint8Array.from(input.demandNeed);
  for (let d = 0; d < m; d++) {
    const w = stepWeight[d]!;
    if (!Number.isFinite(w) || w < 0)
      throw new SitingInputError('stepWeight', `demand ${d} has weight ${w}; weights must be finite and ≥ 0`);
    const need = demandNeed[d]!;
    if (need !== 1 && need !== 2) throw new SitingInputError('demandNeed', `demand ${d} needs ${need} cameras; 1 or 2 are supported`);
  }
  const candidateCost = input.candidateCost === undefined ? new Float64Array(n).fill(1) : Float64Array.from(input.candidateCost);
  if (candidateCost.length !== n) throw new SitingInputError('candidateCost', `expected ${n} costs, got ${candidateCost.length}`);
  for (let i = 0; i < n; i++) {
    const c = candidateCost[i]!;
    // A zero-cost camera would make "least cost" meaningless; 1e12 is beyond any city's budget.
    if (!Number.isFinite(c) || c <= 0 || c > 1e12)
      throw new SitingInputError('candidateCost', `candidate ${i} costs ${c}; costs must be > 0 and ≤ 1e12`);
  }
  const demandClass = input.demandClass === undefined ? new Uint8Array(m) : Uint8Array.from(input.demandClass);
  const classNames = input.classNames ?? ['all'];
  for (let d = 0; d < m; d++) {
    if (demandClass[d]! >= classNames.length)
      throw new SitingInputError('demandClass', `demand ${d} has class ${demandClass[d]} but only ${classNames.length} class names`);
  }

  // Counting sort by candidate, then drop duplicates within each row.
  const counts = new Int32Array(n + 1);
  for (let k = 0; k < input.pairCandidate.length; k++) {
    const i = input.pairCandidate[k]!;
    const d = input.pairDemand[k]!;
    if (!(i >= 0 && i < n && Number.isInteger(i)))
      throw new SitingInputError('pairs', `pair ${k} names candidate ${i} outside 0..${n - 1}`);
    if (!(d >= 0 && d < m && Number.isInteger(d))) throw new SitingInputError('pairs', `pair ${k} names demand ${d} outside 0..${m - 1}`);
    counts[i + 1]!++;
  }
  for (let i = 0; i < n; i++) counts[i + 1]! += counts[i]!;
  const raw = new Int32Array(counts[n]!);
  const fill = counts.slice(0, n);
  for (let k = 0; k < input.pairCandidate.length; k++) raw[fill[input.pairCandidate[k]!]!++] = input.pairDemand[k]!;
  const coverStart = new Int32Array(n + 1);
  let out = 0;
  const coverIndexTmp = new Int32Array(raw.length);
  for (let i = 0; i < n; i++) {
    const row = raw.subarray(counts[i]!, counts[i + 1]!).sort();
    for (let k = 0; k < row.length; k++) if (k === 0 || row[k] !== row[k - 1]) coverIndexTmp[out++] = row[k]!;
    coverStart[i + 1] = out;
  }
  const coverIndex = coverIndexTmp.slice(0, out);
  const { start: coveredByStart, index: coveredByIndex } = transpose(coverStart, coverIndex, m);
  return {
    candidateCount: n,
    demandCount: m,
    coverStart,
    coverIndex,
    coveredByStart,
    coveredByIndex,
    stepWeight,
    demandNeed,
    demandClass,
    classNames,
    candidateCost,
  };
}

/** Transposes a CSR matrix with `cols` columns; rows of the result are sorted ascending. */
export function transpose(start: Int32Array, index: Int32Array, cols: number): { start: Int32Array; index: Int32Array } {
  const rows = start.length - 1;
  const tStart = new Int32Array(cols + 1);
  for (let k = 0; k < index.length; k++) tStart[index[k]! + 1]!++;
  for (let c = 0; c < cols; c++) tStart[c + 1]! += tStart[c]!;
  const fill = tStart.slice(0, cols);
  const tIndex = new Int32Array(index.length);
  for (let r = 0; r < rows; r++) for (let k = start[r]!; k < start[r + 1]!; k++) tIndex[fill[index[k]!]!++] = r;
  return { start: tStart, index: tIndex };
}

/** Total attainable objective: every unit seen by as many cameras as it needs. */
export function totalWeight(inst: CoverageInstance): number {
  let sum = 0;
  for (let d = 0; d < inst.demandCount; d++) sum += inst.stepWeight[d]! * inst.demandNeed[d]!;
  return sum;
}
