// The exact/bounded solve with HiGHS (WebAssembly). The model is the standard maximal covering
// location problem with multi-cover steps:
//   max Σ_d w_d y_d   s.t.  y_d ≤ Σ_{i sees d} x_i,  0 ≤ y_d ≤ need_d,  x_i ∈ {0,1},
//   Σ x_i ≤ N (or Σ cost_i x_i ≤ B), pinned x_i = 1.
// y can stay continuous: with integral x its best value is min(need, count), already integral.
// The heuristic answer is given as a MIP start, so a time-limited run still returns at least it,
// and HiGHS' dual bound (or the LP optimum) is the certified bound.
import { runHighs } from './highs-run';
import type { CoverageInstance, SitingLimit } from './types';

export interface HighsOutcome {
  status: 'optimal' | 'time_limit' | 'infeasible' | 'error';
  /** Best integer answer HiGHS holds (our start or better), or undefined for an LP-only run. */
  selection?: number[];
  objective?: number;
  /** Proven upper bound on the optimum (MIP dual bound or LP optimum); Infinity when none. */
  bound: number;
  seconds: number;
  detail: string;
}

export async function solveWithHighs(
  inst: CoverageInstance,
  limit: SitingLimit,
  options: { pinned?: readonly number[]; start?: readonly number[]; timeLimitSec: number; relaxOnly?: boolean },
): Promise<HighsOutcome> {
  const n = inst.candidateCount;
  const m = inst.demandCount;
  const numCols = n + m;
  const numRows = m + 1;
  // Column-wise: x_i has −1 in each row d it sees and its weight in the limit row; y_d has +1 in row d.
  const nnz = inst.coverIndex.length + n + m;
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = at;
    for (let k = inst.coverStart[i]!; k < inst.coverStart[i + 1]!; k++) {
      indices[at] = inst.coverIndex[k]!;
      values[at++] = -1;
    }
    indices[at] = m;
    values[at++] = limit.kind === 'count' ? 1 : inst.candidateCost[i]!;
  }
  for (let d = 0; d < m; d++) {
    starts[n + d] = at;
    indices[at] = d;
    values[at++] = 1;
  }
  starts[numCols] = at;
  const colCost = new Float64Array(numCols);
  colCost.set(inst.stepWeight, n);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  colUpper.fill(1, 0, n);
  for (let d = 0; d < m; d++) colUpper[n + d] = inst.demandNeed[d]!;
  for (const i of options.pinned ?? []) colLower[i] = 1;
  const rowLower = new Float64Array(numRows).fill(-Infinity);
  const rowUpper = new Float64Array(numRows);
  rowUpper[m] = limit.kind === 'count' ? limit.cameras : limit.cost;
  const integrality = new Int32Array(numCols);
  if (options.relaxOnly !== true) integrality.fill(1, 0, n);

  let start: Float64Array | undefined;
  if (options.relaxOnly !== true && options.start !== undefined) {
    start = new Float64Array(numCols);
    for (const i of options.start) start[i] = 1;
    // y values follow from x; HiGHS checks feasibility of the start itself.
    const count = new Uint16Array(m);
    for (const i of options.start) for (let k = inst.coverStart[i]!; k < inst.coverStart[i + 1]!; k++) count[inst.coverIndex[k]!]!++;
    for (let d = 0; d < m; d++) start[n + d] = Math.min(count[d]!, inst.demandNeed[d]!);
  }
  const r = await runHighs(
    {
      numCols,
      numRows,
      colCost,
      colLower,
      colUpper,
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows, numCols, starts, indices, values },
      integrality,
    },
    {
      sense: 'maximize',
      timeLimitSec: options.timeLimitSec,
      integer: options.relaxOnly !== true,
      ...(start === undefined ? {} : { start }),
    },
  );
  if (r.status === 'error') return { status: 'error', bound: Infinity, seconds: r.seconds, detail: r.detail };
  if (r.status === 'infeasible')
    return { status: 'infeasible', bound: -Infinity, seconds: r.seconds, detail: 'HiGHS proved the model infeasible' };
  if (options.relaxOnly === true) {
    if (r.status !== 'optimal' || r.objective === undefined)
      return { status: 'time_limit', bound: Infinity, seconds: r.seconds, detail: `LP stopped: ${r.detail}` };
    return { status: 'optimal', bound: r.objective, seconds: r.seconds, detail: 'LP relaxation solved' };
  }
  const selection: number[] = [];
  if (r.colValue !== undefined) for (let i = 0; i < n; i++) if (r.colValue[i]! > 0.5) selection.push(i);
  const primal = r.colValue === undefined || r.objective === undefined ? {} : { selection, objective: r.objective };
  const dual = r.dualBound !== undefined && Number.isFinite(r.dualBound) ? r.dualBound : Infinity;
  if (r.status === 'optimal')
    return {
      status: 'optimal',
      ...primal,
      bound: Number.isFinite(dual) ? dual : (r.objective ?? Infinity),
      seconds: r.seconds,
      detail: 'MIP solved to optimality',
    };
  return { status: 'time_limit', ...primal, bound: dual, seconds: r.seconds, detail: `MIP stopped at the time limit (${r.detail})` };
}
