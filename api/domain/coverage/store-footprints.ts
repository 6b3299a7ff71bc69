// Computes footprints in TypeScript (exact sweep) and streams them into PostGIS with COPY. Each
// pipeline pairs a compute source with a database session: while the session stores chunk k,
// the source computes chunk k+1. Large runs compute in worker threads (one per session), so the
// sweep no longer waits on one JavaScript thread; small runs compute in this thread.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { LevelRequest } from '../../../gis-data/footprint';
import { footprintCopyText, type FootprintSweepOptions } from './footprint-copy-text';
import { packObstacles } from './packed-obstacles';
import type { BuildingIndex, SceneCamera } from './scene';

export { footprintCopyText } from './footprint-copy-text';

const INSERT_SQL = readFileSync(new URL('./insert-footprints.sql', import.meta.url), 'utf8');
const STAGE_SQL = readFileSync(new URL('./create-stage.sql', import.meta.url), 'utf8');

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

interface ChunkResult {
  text: string;
  rows: number;
  computeMs: number;
}

async function copyChunk(client: pg.PoolClient, text: string, occlusion: boolean): Promise<void> {
  await client.query('TRUNCATE fp_stage');
  if (text.length > 0) {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom('COPY fp_stage FROM STDIN'));
      stream.on('finish', () => resolve());
      stream.on('error', reject);
      stream.end(text);
    });
  }
  await client.query(INSERT_SQL, [occlusion]);
}

/** A chunk that fails as a whole (odd geometry) is retried camera by camera; never rejects. */
async function copyChunkSafe(client: pg.PoolClient, text: string, occlusion: boolean, failures: FootprintRunStats['failures']): Promise<void> {
  try {
    await copyChunk(client, text, occlusion);
  } catch {
    const byCamera = new Map<string, string[]>();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const id = line.slice(0, line.indexOf('\t'));
      byCamera.set(id, [...(byCamera.get(id) ?? []), line]);
    }
    for (const [id, lines] of byCamera) {
      try {
        await copyChunk(client, lines.join('\n') + '\n', occlusion);
      } catch (e) {
        failures.push({ cameraId: Number(id), message: (e as Error).message });
      }
    }
  }
}

type ComputeChunk = (chunk: SceneCamera[]) => Promise<ChunkResult>;

function startWorker(buildings: ReturnType<typeof packObstacles>, levels: LevelRequest[], o: FootprintSweepOptions): { compute: ComputeChunk; stop: () => Promise<number> } {
  const worker = new Worker(new URL('./footprint-worker.mjs', import.meta.url), {
    workerData: { packed: buildings, levels, options: { occlusion: o.occlusion, targetHeightM: o.targetHeightM, arcStepDeg: o.arcStepDeg, format: 'wkb' } },
  });
  let failed: Error | undefined;
  let waiting: { resolve: (r: ChunkResult) => void; reject: (e: Error) => void } | undefined;
  worker.on('message', (r: ChunkResult) => {
    const w = waiting;
    waiting = undefined;
    w?.resolve(r);
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

export async function storeFootprints(pool: pg.Pool, cameras: SceneCamera[], buildings: BuildingIndex, levels: LevelRequest[], o: FootprintRunOptions): Promise<FootprintRunStats> {
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
    return { ...footprintCopyText(chunk, buildings, levels, { ...o, format: 'wkb' }), computeMs: performance.now() - t0 };
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
      await copyChunkSafe(client, r.text, o.occlusion, stats.failures);
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
