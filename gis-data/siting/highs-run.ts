// Runs a HiGHS model in a worker thread with a hard deadline (see highs-worker.mjs). Returns
// what HiGHS proved; when the worker had to be killed, the last dual bound it reported.
import { Worker } from 'node:worker_threads';

export interface HighsModelData {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: { format: 'csc'; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
  integrality: Int32Array;
}

export interface HighsRunResult {
  status: 'optimal' | 'infeasible' | 'time_limit' | 'killed' | 'error';
  objective?: number;
  /** MIP dual bound (Infinity/−Infinity or undefined when none was proved). */
  dualBound?: number;
  colValue?: Float64Array;
  detail: string;
  seconds: number;
}

export function runHighs(
  model: HighsModelData,
  o: { sense: 'maximize' | 'minimize'; timeLimitSec: number; start?: Float64Array; integer: boolean },
): Promise<HighsRunResult> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const hardDeadline = started + o.timeLimitSec * 1000;
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./highs-worker.mjs', import.meta.url));
    let lastDual: number | undefined;
    let settled = false;
    const finish = (r: HighsRunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    // Grace for loading the WebAssembly module and for the interrupt to be noticed.
    const timer = setTimeout(
      () =>
        finish({
          status: 'killed',
          ...(lastDual === undefined ? {} : { dualBound: lastDual }),
          detail: 'HiGHS did not stop at its time limit and was stopped',
          seconds: seconds(),
        }),
      o.timeLimitSec * 1000 + 750,
    );
    worker.on(
      'message',
      (msg: {
        type: string;
        dualBound?: number;
        status?: HighsRunResult['status'];
        objective?: number;
        colValue?: Float64Array;
        message?: string;
        rawStatus?: number;
      }) => {
        if (msg.type === 'progress') {
          if (typeof msg.dualBound === 'number' && Number.isFinite(msg.dualBound)) lastDual = msg.dualBound;
        } else if (msg.type === 'done') {
          finish({
            status: msg.status!,
            ...(msg.objective === undefined ? {} : { objective: msg.objective }),
            ...(msg.dualBound === undefined ? {} : { dualBound: msg.dualBound }),
            ...(msg.colValue === undefined ? {} : { colValue: msg.colValue }),
            detail: `HiGHS model status ${msg.rawStatus}`,
            seconds: seconds(),
          });
        } else {
          finish({ status: 'error', detail: `HiGHS failed: ${msg.message}`, seconds: seconds() });
        }
      },
    );
    worker.on('error', (err) => finish({ status: 'error', detail: `HiGHS worker failed: ${err.message}`, seconds: seconds() }));
    worker.on('exit', () => finish({ status: 'error', detail: 'HiGHS worker exited early', seconds: seconds() }));
    worker.postMessage({
      model,
      sense: o.sense,
      integer: o.integer,
      hardDeadline,
      ...(o.start === undefined ? {} : { start: o.start }),
      options: { output_flag: false, time_limit: Math.max(0.1, o.timeLimitSec), mip_rel_gap: 1e-6 },
    });
  });
}
