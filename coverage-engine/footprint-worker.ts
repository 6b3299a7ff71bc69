// A footprint worker thread: rebuilds the building index from the shared packed outlines once,
// then turns each chunk of cameras it is sent into binary COPY rows (the same rows as in-thread).
import { parentPort, workerData } from 'node:worker_threads';
import type { LevelRequest } from '../gis-data/footprint';
import { unpackObstacles, type PackedObstacles } from './packed-obstacles';
import { BuildingIndex, type SceneCamera } from './scene';
import { footprintCopyBinary, type FootprintSweepOptions } from './footprint-rows';

export interface WorkerInit {
  packed: PackedObstacles;
  levels: LevelRequest[];
  options: FootprintSweepOptions;
}

const init = workerData as WorkerInit;
const buildings = new BuildingIndex(unpackObstacles(init.packed));

parentPort!.on('message', (chunk: SceneCamera[]) => {
  const t0 = performance.now();
  const out = footprintCopyBinary(chunk, buildings, init.levels, init.options);
  parentPort!.postMessage({ ...out, computeMs: performance.now() - t0 });
});
