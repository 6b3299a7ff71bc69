// HiGHS model for problem (b), least cost reaching a required weight per class:
//   min Σ cost_i x_i  s.t.  Σ_{d in class k} w_d y_d ≥ R_k,  y_d ≤ Σ_{i sees d} x_i,
//   0 ≤ y_d ≤ need_d,  x_i ∈ {0,1},  pinned x_i = 1.
import { runHighs } from './highs-run';
import type { CoverageInstance } from './types';

export interface CoverOutcome {
  status: 'optimal' | 'time_limit' | 'infeasible' | 'error';
  selection?: number[];
  objective?: number;
  /** Proven lower bound on the least cost; 0 when none was proved. */
  bound: number;
  detail: string;
}

export async function solveCoverWithHighs(
  inst: CoverageInstance,
  required: Float64Array,
  options: { pinned?: readonly number[]; start?: readonly number[]; timeLimitSec: number },
): Promise<CoverOutcome> {
  const n = inst.candidateCount;
  const m = inst.demandCount;
  const classes = required.length;
  const numCols = n + m;
  const numRows = m + classes;
  const nnz = inst.coverIndex.length + 2 * m;
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
  }
  for (let d = 0; d < m; d++) {
    starts[n + d] = at;
    indices[at] = d;
    values[at++] = 1;
    indices[at] = m + inst.demandClass[d]!;
    values[at++] = inst.stepWeight[d]!;
  }
  starts[numCols] = at;
  const colCost = new Float64Array(numCols);
  colCost.set(inst.candidateCost);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  colUpper.fill(1, 0, n);
  for (let d = 0; d < m; d++) colUpper[n + d] = inst.demandNeed[d]!;
  for (const i of options.pinned ?? []) colLower[i] = 1;
  const rowLower = new Float64Array(numRows).fill(-Infinity);
  const rowUpper = new Float64Array(numRows).fill(Infinity);
  for (let d = 0; d < m; d++) rowUpper[d] = 0;
  // A hair below the requirement so float sums of weights do not make an exact cover infeasible.
  for (let k = 0; k < classes; k++) rowLower[m + k] = required[k]! * (1 - 1e-9);
  const integrality = new Int32Array(numCols);
  integrality.fill(1, 0, n);
  let start: Float64Array | undefined;
  if (options.start !== undefined) {
    start = new Float64Array(numCols);
    const count = new Uint16Array(m);
    for (const i of options.start) {
      start[i] = 1;
      for (let k = inst.coverStart[i]!; k < inst.coverStart[i + 1]!; k++) count[inst.coverIndex[k]!]!++;
    }
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
    { sense: 'minimize', timeLimitSec: options.timeLimitSec, integer: true, ...(start === undefined ? {} : { start }) },
  );
  if (r.status === 'error') return { status: 'error', bound: 0, detail: r.detail };
  if (r.status === 'infeasible') return { status: 'infeasible', bound: Infinity, detail: 'HiGHS proved the targets unreachable' };
  const selection: number[] = [];
  if (r.colValue !== undefined) for (let i = 0; i < n; i++) if (r.colValue[i]! > 0.5) selection.push(i);
  const primal = r.colValue === undefined || r.objective === undefined ? {} : { selection, objective: r.objective };
  const dual = r.dualBound !== undefined && Number.isFinite(r.dualBound) ? Math.max(0, r.dualBound) : undefined;
  if (r.status === 'optimal') return { status: 'optimal', ...primal, bound: dual ?? r.objective ?? 0, detail: 'MIP solved to optimality' };
  return { status: 'time_limit', ...primal, bound: dual ?? 0, detail: `MIP stopped: ${r.detail}` };
}
