// Computes footprints in TypeScript (exact sweep) and streams them into PostGIS with binary COPY
// (WKB as bytea: nothing to format here or to parse there). Each
// pipeline pairs a compute source with a database session: while the session stores chunk k,
// the source computes chunk k+1. Large runs compute in worker threads (one per session), so the
// sweep no longer waits on one JavaScript thread; small runs compute in this thread.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { LevelRequest } from '../gis-data/footprint';
import { rowsOnly } from '../db/copy-binary';
import { footprintCopyBinary, type FootprintBinaryRows, type FootprintSweepOptions } from './footprint-rows';
import { packObstacles } from './packed-obstacles';
import type { BuildingIndex, SceneCamera } from './scene';
import { loadSql } from '../db/sql';

export { footprintCopyText } from './footprint-rows';

const INSERT_SQL = loadSql(import.meta.url, 'insert-footprints.sql');
const STAGE_SQL = loadSql(import.meta.url, 'create-stage.sql');

export interface FootprintRunOptions extends FootprintSweepOptions {
  chunkSize?: number;
  sessions?: number;
  /** Worker threads for the sweep: default one per session from 4,000 cameras on, else none. */
  workers?: number;
  onProgress?: (done: number) => void;
}

export interface FootprintRunStats {
  cameras: number;
  rows: number;
  /** Sweep time summed over threads (per-camera cost = computeMs / cameras). */
  computeMs: number;
  /** Wall time of the whole run (compute and store overlap). */
  storeMs: number;
  failures: Array<{ cameraId: number; message: string }>;
}

interface ChunkResult extends FootprintBinaryRows {
  computeMs: number;
}

async function copyChunk(client: pg.PoolClient, data: Buffer, rows: number, occlusion: boolean): Promise<void> {
  await client.query('TRUNCATE fp_stage');
  if (rows > 0) {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom('COPY fp_stage FROM STDIN (FORMAT binary)'));
      stream.on('finish', () => resolve());
      stream.on('error', reject);
      stream.end(data);
    });
  }
  await client.query(INSERT_SQL, [occlusion]);
}

/** A chunk that fails as a whole (odd geometry) is retried camera by camera; never rejects. */
async function copyChunkSafe(
  client: pg.PoolClient,
  chunk: FootprintBinaryRows,
  occlusion: boolean,
  failures: FootprintRunStats['failures'],
): Promise<void> {
  try {
    await copyChunk(client, chunk.data, chunk.rows, occlusion);
  } catch {
    // Rows of one camera are adjacent: resend each camera's run of rows alone.
    for (let from = 0; from < chunk.rows;) {
      let to = from + 1;
      while (to < chunk.rows && chunk.cameraIds[to] === chunk.cameraIds[from]) to++;
      try {
        await copyChunk(client, rowsOnly(chunk.data, chunk.starts, from, to), to - from, occlusion);
      } catch (e) {
        failures.push({ cameraId: chunk.cameraIds[from]!, message: (e as Error).message });
      }
      from = to;
    }
  }
}

type ComputeChunk = (chunk: SceneCamera[]) => Promise<ChunkResult>;

// The sweep allocates many short-lived arrays (rings, sectors, WKB rows); with V8's default young
// generation they were scavenged and promoted over and over. A 384 MB young generation (128 MB
// semi-spaces) lets them die young: at L the sweep went from 31–36 to 24–27 CPU-seconds (runs
// alternating with and without). Larger gained nothing more, nor did the city-pass shards. The
// cost is up to this much more memory per worker, only in runs large enough to use workers.
const SWEEP_WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 384 };

function startWorker(
  buildings: ReturnType<typeof packObstacles>,
  levels: LevelRequest[],
  o: FootprintSweepOptions,
): { compute: ComputeChunk; stop: () => Promise<number> } {
  const worker = new Worker(new URL('./footprint-worker.mjs', import.meta.url), {
    resourceLimits: SWEEP_WORKER_LIMITS,
    workerData: {
      packed: buildings,
      levels,
      options: { occlusion: o.occlusion, targetHeightM: o.targetHeightM, arcStepDeg: o.arcStepDeg },
    },
  });
  let failed: Error | undefined;
  let waiting: { resolve: (r: ChunkResult) => void; reject: (e: Error) => void } | undefined;
  worker.on('message', (r: ChunkResult) => {
    const w = waiting;
    waiting = undefined;
    // A Buffer arrives as a plain Uint8Array.
    w?.resolve({ ...r, data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength) });
  });
  worker.on('error', (e) => {
    failed = e;
    waiting?.reject(e);
  });
  const compute: ComputeChunk = (chunk) =>
    new Promise((resolve, reject) => {
      if (failed !== undefined) return reject(failed);
      waiting = { resolve, reject };
      worker.postMessage(chunk);
    });
  return { compute, stop: () => worker.terminate() };
}

export async function storeFootprints(
  pool: pg.Pool,
  cameras: SceneCamera[],
  buildings: BuildingIndex,
  levels: LevelRequest[],
  o: FootprintRunOptions,
): Promise<FootprintRunStats> {
  const chunkSize = o.chunkSize ?? 1000;
  const sessions = Math.max(1, o.sessions ?? 2);
  const workers = Math.min(sessions, o.workers ?? (cameras.length >= 4000 ? sessions : 0));
  const stats: FootprintRunStats = { cameras: cameras.length, rows: 0, computeMs: 0, storeMs: 0, failures: [] };
  const chunks: SceneCamera[][] = [];
  for (let i = 0; i < cameras.length; i += chunkSize) chunks.push(cameras.slice(i, i + chunkSize));
  const packed = workers > 0 ? packObstacles(buildings.obstacles) : undefined;
  const inThread: ComputeChunk = async (chunk) => {
    // Yield first, so the session's statements for the previous chunk are sent before this
    // thread is busy computing.
    await new Promise((resolve) => setImmediate(resolve));
    const t0 = performance.now();
    return { ...footprintCopyBinary(chunk, buildings, levels, o), computeMs: performance.now() - t0 };
  };
  const clients = await Promise.all(Array.from({ length: sessions }, () => pool.connect()));
  const started = Date.now();
  let next = 0;
  let done = 0;
  // One pipeline per session: its source computes the next chunk while the session stores this one.
  const pipeline = async (client: pg.PoolClient, compute: ComputeChunk) => {
    await client.query(STAGE_SQL);
    let k = next++;
    let pending = k < chunks.length ? compute(chunks[k]!) : undefined;
    while (pending !== undefined) {
      const r = await pending;
      const chunkLength = chunks[k]!.length;
      k = next++;
      pending = k < chunks.length ? compute(chunks[k]!) : undefined;
      stats.computeMs += r.computeMs;
      stats.rows += r.rows;
      await copyChunkSafe(client, r, o.occlusion, stats.failures);
      done += chunkLength;
      o.onProgress?.(done);
    }
  };
  const pool_ = Array.from({ length: sessions }, (_, i) => (i < workers ? startWorker(packed!, levels, o) : undefined));
  try {
    await Promise.all(clients.map((c, i) => pipeline(c, pool_[i]?.compute ?? inThread)));
  } finally {
    for (const c of clients) c.release();
    await Promise.all(pool_.map((w) => w?.stop()));
  }
  stats.storeMs = Date.now() - started;
  return stats;
}
