// A few dates' computed blind-spot pieces (pieces-as-of.ts), kept in memory: the slider asks for
// one date's list and tiles at once, then for the next date. Concurrent requests for one key share
// one computation (single flight); the least recently used date goes first past maxEntries. An
// entry is dropped as soon as one of its inputs is announced to have changed (the API hears the
// database's NOTIFY coverage_inputs, sent by triggers on the cameras, footprints, parts, targets,
// areas, buildings and coverage settings, and camera_status / status events for "now" entries);
// without that announcement nothing may be kept (`ready` answers false), since a camera edit by
// the CLI or the agent would otherwise go unseen.

interface Entry {
  /** Depends on camera health (the "now" pieces). */
  now: boolean;
  value: Promise<unknown>;
}

export interface PiecesAsOfCacheOptions {
  maxEntries: number;
  /** Whether changes are being announced (LISTEN active); false: every request computes. */
  ready?: () => Promise<boolean>;
}

/** A store that forgets writes from before the last full invalidation (see PiecesAsOfCache.targets). */
export interface TargetMemo {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export class PiecesAsOfCache {
  private readonly entries = new Map<string, Entry>();
  private readonly known = new Map<string, unknown>();
  private generation = 0;
  private closed = false;

  constructor(private readonly options: PiecesAsOfCacheOptions) {}

  async get<T>(key: string, now: boolean, load: () => Promise<T>): Promise<T> {
    if (this.closed || (this.options.ready !== undefined && !(await this.options.ready()))) return load();
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Map order is insertion order: re-insert so the oldest use is first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const entry: Entry = { now, value: load() };
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // A failed computation is not kept: the next request tries again (this one's callers get the error).
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value as Promise<T>;
  }

  /**
   * Forgets every entry (an input changed), or with `onlyNow` the "now" ones (a camera's health).
   * A computation in flight is forgotten too: requests after this one compute afresh.
   */
  invalidate(onlyNow = false): void {
    for (const [k, e] of this.entries) if (!onlyNow || e.now) this.entries.delete(k);
    if (onlyNow) return;
    // Each target's pieces hold until an input changes; camera health is part of their key.
    this.generation += 1;
    this.known.clear();
  }

  /**
   * Per-target pieces shared by every date (pieces-as-of.ts keys them by the target and the
   * cameras that cut it). A computation takes the memo when it starts: what it learns after an
   * input changed is not kept (it may have read the old inputs). Past maxTargets it starts over.
   */
  targets(maxTargets = 50_000): TargetMemo {
    const generation = this.generation;
    return {
      get: (key) => this.known.get(key),
      set: (key, value) => {
        if (generation !== this.generation || this.closed) return;
        if (this.known.size >= maxTargets) this.known.clear();
        this.known.set(key, value);
      },
    };
  }

  close(): void {
    this.closed = true;
    this.entries.clear();
    this.known.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
