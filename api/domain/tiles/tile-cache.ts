// Basemap and target tiles change only when a dataset or a layer is imported, and a map view asks
// for the same tiles again and again: keep recent ones in memory (least recently used out first,
// bounded by bytes and age). Camera, footprint and blind-spot tiles are never cached here; they
// follow edits and live status.

export interface TileCacheOptions {
  maxBytes: number;
  ttlMs: number;
  now?: () => number;
}

interface Entry {
  bytes: Buffer;
  at: number;
}

export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private size = 0;
  private readonly now: () => number;
  constructor(private readonly options: TileCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get(key: string): Buffer | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    if (this.now() - e.at > this.options.ttlMs) {
      this.delete(key);
      return undefined;
    }
    // Re-insert: Map iteration order is insertion order, so the oldest use is first.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.bytes;
  }

  set(key: string, bytes: Buffer): void {
    if (bytes.length > this.options.maxBytes / 16) return;
    this.delete(key);
    this.entries.set(key, { bytes, at: this.now() });
    this.size += bytes.length;
    for (const [k] of this.entries) {
      if (this.size <= this.options.maxBytes) break;
      this.delete(k);
    }
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (e === undefined) return;
    this.size -= e.bytes.length;
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }

  get bytes(): number {
    return this.size;
  }
}
