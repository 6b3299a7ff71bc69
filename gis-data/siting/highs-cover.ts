// HiGHS model for problem (b), least cost reaching a required weight per class:
//   min Σ cost_i x_i  s.t.  Σ_{d in class k} w_d y_d ≥ R_k,  y_d ≤ Σ_{i sees d} x_i,
//   0 ≤ y_d ≤ need_d,  x_i ∈ {0,1},  pinned x_i = 1.
import { loadHighs } from './highs-solve';
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
  const highs = await loadHighs();
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
  const rowLower = new Float64Array(numRows).fill(-highs.infinity);
  const rowUpper = new Float64Array(numRows).fill(highs.infinity);
  for (let d = 0; d < m; d++) rowUpper[d] = 0;
  // A hair below the requirement so float sums of weights do not make an exact cover infeasible.
  for (let k = 0; k < classes; k++) rowLower[m + k] = required[k]! * (1 - 1e-9);
  const integrality = new Int32Array(numCols);
  integrality.fill(1, 0, n);
  const model = highs.createModel();
  try {
    model.passModel({
      numCols, numRows, sense: highs.constants.objectiveSense.minimize, colCost, colLower, colUpper, rowLower, rowUpper,
      matrix: { format: 'csc', numRows, numCols, starts, indices, values }, integrality,
    });
    model.options.set({ output_flag: false, time_limit: Math.max(0.1, options.timeLimitSec), mip_rel_gap: 1e-6 });
    if (options.start !== undefined) {
      const x = new Float64Array(numCols);
      const count = new Uint16Array(m);
      for (const i of options.start) {
        x[i] = 1;
        for (let k = inst.coverStart[i]!; k < inst.coverStart[i + 1]!; k++) count[inst.coverIndex[k]!]!++;
      }
      for (let d = 0; d < m; d++) x[n + d] = Math.min(count[d]!, inst.demandNeed[d]!);
      model.setSolution({ colValue: x });
    }
    // HiGHS checks time_limit only between phases (we saw 3× overruns on 5,000 × 50,000), so
    // every interrupt channel also checks a hard wall-clock deadline.
    const hardDeadline = Date.now() + options.timeLimitSec * 1000;
    const stop = (event: { interrupt(): void }): undefined => {
      if (Date.now() > hardDeadline) event.interrupt();
      return undefined;
    };
    const cb = highs.constants.callbackType;
    const run = model.run({ [cb.simplexInterrupt]: stop, [cb.ipmInterrupt]: stop, [cb.mipInterrupt]: stop });
    const codes = highs.constants.modelStatus;
    if (run.modelStatus === codes.infeasible) return { status: 'infeasible', bound: Infinity, detail: 'HiGHS proved the targets unreachable' };
    const dual = Number(model.info.get('mip_dual_bound'));
    const hasPrimal = Number(model.info.get('primal_solution_status')) === 2;
    const colValue = model.getSolution().colValue;
    const selection: number[] = [];
    for (let i = 0; i < n; i++) if (colValue[i]! > 0.5) selection.push(i);
    const primal = hasPrimal ? { selection, objective: model.getObjectiveValue() } : {};
    if (run.modelStatus === codes.optimal) return { status: 'optimal', ...primal, bound: Number.isFinite(dual) ? dual : model.getObjectiveValue(), detail: 'MIP solved to optimality' };
    return { status: 'time_limit', ...primal, bound: Number.isFinite(dual) ? Math.max(0, dual) : 0, detail: `MIP stopped with status ${run.modelStatus}` };
  } catch (err) {
    return { status: 'error', bound: 0, detail: `HiGHS failed: ${(err as Error).message}` };
  } finally {
    model.dispose();
  }
}
