// "Coverage now" follows camera health: on each status change the agent announces, the coverage
// engine re-evaluates the targets near those cameras (refreshAfterStatusChange), and the city's
// new coverage-now rates go out as a `coverage` event. Changes arriving together are batched
// (debounce), and one refresh runs at a time, so a storm of status changes costs a few refreshes,
// not one per camera.
import type pg from 'pg';
import { loadCoverageSettings, queryRates, refreshAfterStatusChange } from '../../../coverage-engine';
import type { EventHub, HubEvent } from './event-hub';

export interface CoverageNowOptions {
  debounceMs?: number;
  log?: (line: string) => void;
}

export function startCoverageNowUpdates(hub: EventHub, pool: pg.Pool, o: CoverageNowOptions = {}): () => Promise<void> {
  const pending = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const run = async (): Promise<void> => {
    const ids = [...pending];
    pending.clear();
    if (ids.length === 0 || stopped) return;
    const report = await refreshAfterStatusChange(pool, ids);
    const rates = await queryRates(pool, await loadCoverageSettings(pool), { mode: 'now' });
    const all = rates.find((a) => a.areaId === null);
    const city = all === undefined ? undefined : Object.fromEntries(Object.entries(all.classes).map(([k, v]) => [k, v!.rate]));
    if (!stopped)
      hub.publish(
        'coverage',
        JSON.stringify({ cause: 'status', cameraIds: ids, targets: report.targets, ms: Math.round(report.ms), nowRates: city ?? null }),
      );
  };

  const kick = (): void => {
    if (running !== undefined || stopped) return;
    running = run()
      .catch((err: Error) => (o.log ?? console.error)(`[api] coverage-now refresh failed: ${err.message}`))
      .finally(() => {
        running = undefined;
        if (pending.size > 0) kick();
      });
  };

  const stop = hub.listen((e: HubEvent) => {
    if (e.event !== 'status') return;
    try {
      const id = (JSON.parse(e.data) as { cameraId?: unknown }).cameraId;
      if (typeof id === 'number' && Number.isInteger(id)) pending.add(id);
    } catch {
      return; // not the documented payload: nothing to refresh
    }
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      kick();
    }, o.debounceMs ?? 300);
  });

  // Stopping waits for a refresh in flight, so the caller can end the pool after it (a refresh
  // cut off by the pool's end logged an error at every Ctrl-C that met one).
  return async () => {
    stopped = true;
    stop();
    if (timer !== undefined) clearTimeout(timer);
    await running;
  };
}
