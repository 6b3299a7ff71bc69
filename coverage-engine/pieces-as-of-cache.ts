// A few dates' computed blind-spot pieces (pieces-as-of.ts), kept in memory: the slider asks for
// one date's list and tiles at once, then for the next date. Concurrent requests for one key share
// one computation (single flight); the least recently used date goes first past maxEntries. An
// entry is dropped as soon as one of its inputs is announced to have changed (the API hears the
// database's NOTIFY coverage_inputs, sent by triggers on the cameras, footprints, parts, targets,
// areas, buildings and coverage settings, and camera_status / status events for "now" entries);
// without that announcement nothing may be kept (`ready` answers false), since a camera edit by
// the CLI or the agent would otherwise go unseen. A computation every waiter has given up on (the
// slider moved on, the browser aborted its request) is stopped: at M a date's cut holds both of
// the database's cores for seconds, and the next date's figures would wait behind it.

interface Entry {
  /** Depends on camera health (the "now" pieces). */
  now: boolean;
  value: Promise<unknown>;
  /** Requests still waiting that can give up (those without a signal pin the entry). */
  waiters: number;
  pinned: boolean;
  settled: boolean;
  stop: AbortController;
}

/** Thrown to a request that gave up waiting (its signal aborted). */
export class GaveUpError extends Error {
  constructor() {
    super('The request was abandoned before its blind-spot pieces were computed.');
    this.name = 'AbortError';
  }
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
  /** A value every date shares (which footprints may cut which part), loaded once and kept until an input changes. */
  shared<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export class PiecesAsOfCache {
  private readonly entries = new Map<string, Entry>();
  private readonly known = new Map<string, unknown>();
  private readonly sharedValues = new Map<string, Promise<unknown>>();
  private generation = 0;
  private closed = false;

  constructor(private readonly options: PiecesAsOfCacheOptions) {}

  /**
   * The value of `key`, computed by `load` unless kept or in flight. With `signal`, this request
   * may give up (rejects with GaveUpError); once every waiter has, the computation's own signal
   * (given to `load`) aborts and the entry is forgotten.
   */
  async get<T>(key: string, now: boolean, load: (stop: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.closed || (this.options.ready !== undefined && !(await this.options.ready())))
      return load(signal ?? new AbortController().signal);
    let entry = this.entries.get(key);
    if (entry !== undefined) {
      // Map order is insertion order: re-insert so the oldest use is first.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      const stop = new AbortController();
      const created: Entry = { now, value: load(stop.signal), waiters: 0, pinned: false, settled: false, stop };
      entry = created;
      this.entries.set(key, created);
      while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      created.value.then(
        () => (created.settled = true),
        () => {
          created.settled = true;
          // A failed computation is not kept: the next request tries again (this one's callers get the error).
          if (this.entries.get(key) === created) this.entries.delete(key);
        },
      );
    }
    return this.wait(key, entry, signal) as Promise<T>;
  }

  private wait(key: string, entry: Entry, signal: AbortSignal | undefined): Promise<unknown> {
    if (signal === undefined) {
      entry.pinned = true;
      return entry.value;
    }
    entry.waiters += 1;
    return new Promise((resolve, reject) => {
      let left = false;
      const leave = (): boolean => {
        if (left) return false;
        left = true;
        entry.waiters -= 1;
        signal.removeEventListener('abort', giveUp);
        return true;
      };
      const giveUp = (): void => {
        if (!leave()) return;
        if (entry.waiters === 0 && !entry.pinned && !entry.settled) {
          entry.stop.abort();
          if (this.entries.get(key) === entry) this.entries.delete(key);
        }
        reject(new GaveUpError());
      };
      if (signal.aborted) return giveUp();
      signal.addEventListener('abort', giveUp, { once: true });
      entry.value.then(
        (v) => {
          if (leave()) resolve(v);
        },
        (e: unknown) => {
          if (leave()) reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
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
    this.sharedValues.clear();
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
      shared: <T>(key: string, load: () => Promise<T>): Promise<T> => {
        if (generation !== this.generation || this.closed) return load();
        const hit = this.sharedValues.get(key);
        if (hit !== undefined) return hit as Promise<T>;
        const value = load();
        this.sharedValues.set(key, value);
        // A failed load is not kept (its caller gets the error).
        value.catch(() => {
          if (this.sharedValues.get(key) === value) this.sharedValues.delete(key);
        });
        return value;
      },
    };
  }

  close(): void {
    this.closed = true;
    this.entries.clear();
    this.known.clear();
    this.sharedValues.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
