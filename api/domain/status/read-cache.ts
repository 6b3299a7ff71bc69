// A short-lived cache for the command center's reads (summary, alarms, roll-ups): under 20
// viewers every refresh asked PostgreSQL the same questions at once (2.2–2.3 s each at 20,000
// cameras). Concurrent requests for one key share one query (single flight). A result is dropped
// when the agent announces a change (NOTIFY camera_status / camera_alarm through the event hub,
// or an acknowledgement): the next request waits for fresh figures, so a new alarm is never
// hidden behind an old answer. What changes without an announcement (today's time-weighted rates
// grow with every poll) is refreshed after maxAgeMs in the background while the previous answer
// is still served (stale-while-revalidate), so no viewer waits for that refresh.

interface Entry {
  at: number;
  value: Promise<unknown>;
  settled: boolean;
  refreshing: boolean;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(private readonly maxAgeMs: number) {}

  /** Forgets everything (a status change, an alarm, an acknowledgement). */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      if (now - hit.at >= this.maxAgeMs && hit.settled && !hit.refreshing) this.refresh(key, hit, load);
      return hit.value as Promise<T>;
    }
    const entry: Entry = { at: now, value: load(), settled: false, refreshing: false };
    this.entries.set(key, entry);
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
        // The previous answer stays until the next try; the failure goes to the server log.
        old.refreshing = false;
        console.error(`[api] refreshing ${key} failed:`, e instanceof Error ? e.message : String(e));
      },
    );
  }
}
