// Keeps each camera's latest kept snapshot until the next flush, then upserts them in batches.
// add() is synchronous and never waits on the database, so polls are never blocked. Only the
// latest picture per camera matters: a newer one replaces a pending older one, and when the
// database is down the pending pictures are bounded by maxPendingBytes (oldest dropped first).
import type pg from 'pg';
import { loadSql } from '../db/sql';

const UPSERT = loadSql(import.meta.url, 'sql/upsert-camera-snapshots.sql');

export interface PendingSnapshot {
  cameraId: number;
  takenAt: number;
  jpeg: Buffer;
  width: number;
  height: number;
  /** '' (passed), 'black-picture' or 'frozen-picture'. */
  pictureReason: '' | 'black-picture' | 'frozen-picture';
}

export interface SnapshotWriterStats {
  stored: number;
  dropped: number;
  failedFlushes: number;
}

export class SnapshotWriter {
  private pending = new Map<number, PendingSnapshot>();
  private pendingBytes = 0;
  private flushing: Promise<void> | undefined;
  readonly stats: SnapshotWriterStats = { stored: 0, dropped: 0, failedFlushes: 0 };

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: { agentId?: string; maxPendingBytes?: number; batchBytes?: number; onError?: (err: Error) => void } = {},
  ) {}

  get size(): number {
    return this.pending.size;
  }

  add(s: PendingSnapshot): void {
    const cur = this.pending.get(s.cameraId);
    if (cur !== undefined) {
      if (cur.takenAt >= s.takenAt) return;
      this.remove(cur);
    }
    this.pending.set(s.cameraId, s);
    this.pendingBytes += s.jpeg.length;
    const cap = this.options.maxPendingBytes ?? 32 << 20;
    // Map order is insertion order: the first entries are the oldest pictures.
    for (const old of this.pending.values()) {
      if (this.pendingBytes <= cap || old === s) break;
      this.remove(old);
      this.stats.dropped += 1;
    }
  }

  private remove(s: PendingSnapshot): void {
    this.pending.delete(s.cameraId);
    this.pendingBytes -= s.jpeg.length;
  }

  flush(): Promise<void> {
    if (this.flushing !== undefined) return this.flushing;
    if (this.pending.size === 0) return Promise.resolve();
    this.flushing = this.doFlush().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.pendingBytes = 0;
    const limit = this.options.batchBytes ?? 8 << 20;
    let i = 0;
    let start = 0;
    try {
      while (i < batch.length) {
        start = i;
        const part: PendingSnapshot[] = [];
        let bytes = 0;
        while (i < batch.length && (part.length === 0 || bytes + batch[i]!.jpeg.length <= limit)) {
          bytes += batch[i]!.jpeg.length;
          part.push(batch[i]!);
          i += 1;
        }
        await this.pool.query(UPSERT, [
          part.map((s) => s.cameraId),
          part.map((s) => new Date(s.takenAt).toISOString()),
          part.map((s) => s.jpeg),
          part.map((s) => s.width),
          part.map((s) => s.height),
          part.map((s) => s.pictureReason),
          this.options.agentId ?? '',
        ]);
        this.stats.stored += part.length;
      }
    } catch (err) {
      this.stats.failedFlushes += 1;
      // The database refused the data itself (SQLSTATE class 22/23): retrying cannot help, and a
      // poison batch must not block every later picture. Otherwise (connection lost, restart)
      // unwritten pictures go back unless a newer one for the same camera arrived meanwhile.
      const sqlState = (err as { code?: unknown }).code;
      const rest = batch.slice(start);
      if (typeof sqlState === 'string' && /^2[23]/.test(sqlState)) this.stats.dropped += rest.length;
      else for (const s of rest) this.add(s);
      this.options.onError?.(err as Error);
    }
  }
}
