// Runs one HiGHS solve in a worker thread. HiGHS (WebAssembly) blocks its thread and does not
// check its time limit during presolve, so the parent must be able to kill it: a worker can be
// terminated at the deadline, and the progress it posts (best dual bound, best solution) survives.
// Plain JavaScript so it loads without the TypeScript loader.
import { parentPort } from 'node:worker_threads';
import highsLoader from 'highs';

const highs = await highsLoader();

parentPort.on('message', (msg) => {
  const { model: data, sense, options, start, hardDeadline, integer } = msg;
  const model = highs.createModel();
  try {
    model.passModel({ ...data, sense: highs.constants.objectiveSense[sense] });
    model.options.set(options);
    if (start !== undefined) model.setSolution({ colValue: start });
    let lastPost = 0;
    const stop = (event) => {
      if (Date.now() > hardDeadline) event.interrupt();
      return undefined;
    };
    const progress = (event) => {
      const now = Date.now();
      if (now - lastPost > 100) {
        lastPost = now;
        parentPort.postMessage({ type: 'progress', dualBound: event.data?.mip_dual_bound });
      }
      return stop(event);
    };
    const cb = highs.constants.callbackType;
    const run = model.run({ [cb.simplexInterrupt]: stop, [cb.ipmInterrupt]: stop, [cb.mipInterrupt]: progress });
    const codes = highs.constants.modelStatus;
    const status = run.modelStatus === codes.optimal ? 'optimal' : run.modelStatus === codes.infeasible ? 'infeasible' : 'time_limit';
    const hasPrimal = Number(model.info.get('primal_solution_status')) === 2;
    const colValue = hasPrimal ? model.getSolution().colValue.slice(0, data.numCols) : undefined;
    const dualBound = integer ? Number(model.info.get('mip_dual_bound')) : undefined;
    parentPort.postMessage({
      type: 'done',
      status,
      rawStatus: run.modelStatus,
      objective: hasPrimal ? model.getObjectiveValue() : undefined,
      dualBound,
      colValue,
    });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err?.message ?? err) });
  } finally {
    model.dispose();
  }
});
