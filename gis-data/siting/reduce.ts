// Shrinks an instance without changing any answer: units no candidate can see are dropped, and
// units seen by exactly the same candidates (with the same need and class) become one unit
// with the summed weight. On geometric instances, neighbouring road pieces and area cells mostly
// share their candidates, so the LP and every solver pass get several times smaller.
import { transpose } from './instance';
import type { CoverageInstance } from './types';

export interface ReducedInstance {
  inst: CoverageInstance;
  /** For each reduced unit, the original units it stands for. */
  members: Int32Array[];
  /** Original units no candidate can see (they stay uncovered whatever is chosen). */
  unreachable: number[];
}

function sameRow(idx: Int32Array, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (idx[a0 + k] !== idx[b0 + k]) return false;
  return true;
}

export function reduceInstance(inst: CoverageInstance): ReducedInstance {
  const { coveredByStart: s, coveredByIndex: idx } = inst;
  const groups = new Map<number, number[]>();
  const repOf: number[] = [];
  const membersList: number[][] = [];
  const unreachable: number[] = [];
  const newOf = new Int32Array(inst.demandCount).fill(-1);
  for (let d = 0; d < inst.demandCount; d++) {
    const a0 = s[d]!;
    const a1 = s[d + 1]!;
    if (a1 === a0 || inst.stepWeight[d] === 0) {
      if (a1 === a0) unreachable.push(d);
      continue;
    }
    let h = (2166136261 ^ inst.demandNeed[d]! ^ (inst.demandClass[d]! << 8)) >>> 0;
    for (let k = a0; k < a1; k++) h = Math.imul(h ^ idx[k]!, 16777619) >>> 0;
    let bucket = groups.get(h);
    if (bucket === undefined) {
      bucket = [];
      groups.set(h, bucket);
    }
    let found = -1;
    for (const r of bucket) {
      const rd = repOf[r]!;
      if (
        inst.demandNeed[rd] === inst.demandNeed[d] &&
        inst.demandClass[rd] === inst.demandClass[d] &&
        sameRow(idx, s[rd]!, s[rd + 1]!, a0, a1)
      ) {
        found = r;
        break;
      }
    }
    if (found < 0) {
      found = repOf.length;
      repOf.push(d);
      membersList.push([]);
      bucket.push(found);
    }
    membersList[found]!.push(d);
    newOf[d] = found;
  }
  const m = repOf.length;
  const stepWeight = new Float64Array(m);
  const demandNeed = new Uint8Array(m);
  const demandClass = new Uint8Array(m);
  for (let r = 0; r < m; r++) {
    const rd = repOf[r]!;
    demandNeed[r] = inst.demandNeed[rd]!;
    demandClass[r] = inst.demandClass[rd]!;
    for (const d of membersList[r]!) stepWeight[r]! += inst.stepWeight[d]!;
  }
  // Rebuild candidate rows over representatives only (each group appears once per candidate).
  const coveredByStart = new Int32Array(m + 1);
  for (let r = 0; r < m; r++) coveredByStart[r + 1] = coveredByStart[r]! + (s[repOf[r]! + 1]! - s[repOf[r]!]!);
  const coveredByIndex = new Int32Array(coveredByStart[m]!);
  for (let r = 0; r < m; r++) coveredByIndex.set(idx.subarray(s[repOf[r]!]!, s[repOf[r]! + 1]!), coveredByStart[r]!);
  const t = transpose(coveredByStart, coveredByIndex, inst.candidateCount);
  return {
    inst: {
      ...inst,
      demandCount: m,
      coverStart: t.start,
      coverIndex: t.index,
      coveredByStart,
      coveredByIndex,
      stepWeight,
      demandNeed,
      demandClass,
    },
    members: membersList.map((l) => Int32Array.from(l)),
    unreachable,
  };
}
