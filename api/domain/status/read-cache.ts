// A short-lived cache for the command center's reads (summary, alarms, roll-ups): under 20
// viewers every refresh asked PostgreSQL the same questions at once (2.2–2.3 s each at 20,000
// cameras). Concurrent requests for one key share one query (single flight); a result is kept
// until the agent announces a change (NOTIFY camera_status / camera_alarm through the event hub)
// or at most maxAgeMs, which bounds staleness for what changes without an announcement (today's
// time-weighted rates grow with every poll). Without an event hub (CLI, tests) only maxAgeMs applies.

interface Entry {
  at: number;
  value: Promise<unknown>;
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

  async get<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined && now - hit.at < this.maxAgeMs) return hit.value as Promise<T>;
    const generation = this.generation;
    const value = load();
    this.entries.set(key, { at: now, value });
    void value.then(
      // A load that started before an invalidation may finish after it: it served its own
      // callers, but is not kept.
      () => {
        if (generation !== this.generation && this.entries.get(key)?.value === value) this.entries.delete(key);
      },
      // A failed read is not kept: the next request asks again (and its caller gets the error).
      () => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
      },
    );
    return value;
  }
}
