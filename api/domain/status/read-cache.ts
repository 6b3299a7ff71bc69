// A short-lived cache for the command center's reads (summary, alarms, roll-ups): under 20
// viewers every refresh asked PostgreSQL the same questions at once (2.2–2.3 s each at 20,000
// cameras). Concurrent requests for one key share one query (single flight). A result is dropped
// when something it shows is announced to have changed (the agent's NOTIFY camera_status /
// camera_alarm through the event hub, a threshold change, an acknowledgement): the next request
// waits for fresh figures, so a new alarm is never hidden behind an old answer. What changes
// without an announcement (today's time-weighted rates grow with every poll, the local day turns)
// is refreshed after maxAgeMs in the background while the previous answer is still served
// (stale-while-revalidate), so no viewer waits for that refresh.
//
// The routes keep the answer ready to send (serialised and compressed once per load, see
// api/http/prepared-body.ts), so a hit costs a map lookup. The key must name everything the
// answer depends on: the route and its query (and, should answers ever differ by user, the
// user's scope).

interface Entry {
  at: number;
  value: Promise<unknown>;
  settled: boolean;
  refreshing: boolean;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private closed = false;

  /**
   * `maxEntries` bounds the memory queries with free parameters (alarm filters, dates, cursors)
   * can take between two invalidations: past it, the oldest answers go first.
   */
  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries = 256,
  ) {}

  /** Forgets everything (a status change, an alarm, an acknowledgement, a threshold). */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** No more background refreshes (the server is closing its pool). */
  close(): void {
    this.closed = true;
    this.invalidate();
  }

  get size(): number {
    return this.entries.size;
  }

  get<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      if (now - hit.at >= this.maxAgeMs && hit.settled && !hit.refreshing && !this.closed) this.refresh(key, hit, load);
      return hit.value as Promise<T>;
    }
    const entry: Entry = { at: now, value: load(), settled: false, refreshing: false };
    if (this.closed) return entry.value as Promise<T>;
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    entry.value.then(
      () => {
        entry.settled = true;
      },
      // A failed read is not kept: the next request asks again (this one's caller gets the error).
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value as Promise<T>;
  }

  private refresh(key: string, old: Entry, load: () => Promise<unknown>): void {
    old.refreshing = true;
    const generation = this.generation;
    const next = load();
    next.then(
      () => {
        // An answer from before an invalidation is not kept.
        if (generation === this.generation && this.entries.get(key) === old)
          this.entries.set(key, { at: Date.now(), value: next, settled: true, refreshing: false });
      },
      (e: unknown) => {
        // The previous answer stays until the next try; the failure goes to the server log
        // (unless the server is closing: its pool is gone, and nobody will read the answer).
        old.refreshing = false;
        if (!this.closed) console.error(`[api] refreshing ${key} failed:`, e instanceof Error ? e.message : String(e));
      },
    );
  }
}
