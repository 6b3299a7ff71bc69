// Glyph ranges for the HTTP route: generated once in a worker thread (./glyph-worker.ts), then
// answered from memory. If the worker cannot start or fails, the range is made in this thread,
// as before: slower for others meanwhile, never wrong.
import { Worker } from 'node:worker_threads';
import { glyphRange, type GlyphRange } from './glyphs';

type Reply = { start: number; pbf: Uint8Array; etag: string; glyphCount: number } | { start: number; error: string };

const done = new Map<number, GlyphRange>();
const pending = new Map<number, { promise: Promise<GlyphRange>; resolve: (r: GlyphRange) => void }>();
let worker: Worker | null = null;
let broken = false;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
/** Ranges come in bursts when a map loads; the worker goes once a burst is over. */
const IDLE_MS = 5000;

function stopWhenIdle(): void {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  if (pending.size > 0) return;
  // unref() on the worker is not enough under a module loader (its port stays referenced), so an
  // idle worker is terminated: it must not keep a stopped server or a script alive.
  idleTimer = setTimeout(() => {
    idleTimer = undefined;
    if (pending.size > 0 || worker === null) return;
    const w = worker;
    worker = null;
    void w.terminate();
  }, IDLE_MS);
  idleTimer.unref();
}

function failAll(): void {
  broken = true;
  worker = null;
  for (const [start, p] of pending) p.resolve(glyphRange(start));
  pending.clear();
}

function startWorker(): Worker | null {
  if (broken) return null;
  if (worker !== null) return worker;
  try {
    const w = new Worker(new URL('./glyph-worker.mjs', import.meta.url));
    // Idle between requests; it must not keep a CLI command or a test process alive.
    w.unref();
    w.on('message', (r: Reply) => {
      const p = pending.get(r.start);
      if (p === undefined) return;
      pending.delete(r.start);
      const range = 'error' in r ? glyphRange(r.start) : { pbf: r.pbf, etag: r.etag, glyphCount: r.glyphCount };
      done.set(r.start, range);
      p.resolve(range);
      stopWhenIdle();
    });
    w.on('error', () => {
      if (worker === w) failAll();
    });
    w.on('exit', () => {
      // A worker retired when idle is no longer current: its exit concerns no request.
      if (worker !== w) return;
      if (pending.size > 0) failAll();
      worker = null;
    });
    worker = w;
    return w;
  } catch {
    broken = true;
    return null;
  }
}

export function glyphRangeAsync(start: number): Promise<GlyphRange> {
  const hit = done.get(start);
  if (hit !== undefined) return Promise.resolve(hit);
  const inFlight = pending.get(start);
  if (inFlight !== undefined) return inFlight.promise;
  const w = startWorker();
  if (w === null) return Promise.resolve(glyphRange(start));
  let resolve!: (r: GlyphRange) => void;
  const promise = new Promise<GlyphRange>((r) => {
    resolve = r;
  });
  pending.set(start, { promise, resolve });
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  w.postMessage(start);
  return promise;
}

/**
 * The ranges a first map view asks for (Latin and digits, general and CJK punctuation, the
 * full-width forms), made now in the worker instead of on the first user's request: each takes
 * seconds to rasterise on a busy machine, and a label waits for its range (issue 14, the glyph
 * file was 2.4-4.1 s of the first view). Safe to call more than once.
 */
export const FIRST_VIEW_RANGES = [0, 8192, 12288, 65280] as const;
export function warmGlyphRanges(): Promise<void> {
  return Promise.all(FIRST_VIEW_RANGES.map((start) => glyphRangeAsync(start))).then(() => undefined);
}

/** Whether a glyph worker thread is running (tests: it must retire when idle). */
export function glyphWorkerRunning(): boolean {
  return worker !== null;
}
