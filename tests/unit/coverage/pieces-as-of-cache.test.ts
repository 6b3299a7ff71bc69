// The cache of another date's computed blind-spot pieces: the slider's list and tiles of one date
// must share one computation, a few dates are kept, and an announced change drops what it touches.
import { describe, expect, it } from 'vitest';
import { GaveUpError, PiecesAsOfCache } from '../../../coverage-engine';

/** A load that counts its calls and resolves when told. */
function gate<T>(value: T) {
  let calls = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return {
    load: async () => {
      calls += 1;
      await opened;
      return value;
    },
    open: () => open(),
    get calls() {
      return calls;
    },
  };
}

describe('PiecesAsOfCache', () => {
  it('runs one computation for concurrent requests of one key (single flight) and keeps its answer', async () => {
    const cache = new PiecesAsOfCache({ maxEntries: 4 });
    const g = gate('pieces of 2020-12-31');
    const both = Promise.all([cache.get('2020-12-31', false, g.load), cache.get('2020-12-31', false, g.load)]);
    g.open();
    expect(await both).toEqual(['pieces of 2020-12-31', 'pieces of 2020-12-31']);
    expect(await cache.get('2020-12-31', false, g.load)).toBe('pieces of 2020-12-31');
    expect(g.calls).toBe(1);
  });

  it('lets the least recently used date go first past maxEntries', async () => {
    const cache = new PiecesAsOfCache({ maxEntries: 2 });
    let calls = 0;
    const load = (v: string) => async () => {
      calls += 1;
      return v;
    };
    await cache.get('a', false, load('a'));
    await cache.get('b', false, load('b'));
    await cache.get('a', false, load('a')); // a used last: b is the oldest use
    await cache.get('c', false, load('c'));
    expect(calls).toBe(3);
    await cache.get('a', false, load('a'));
    expect(calls).toBe(3);
    await cache.get('b', false, load('b'));
    expect(calls).toBe(4);
  });

  it('drops only the "now" entries on a camera health change, and everything on an input change', async () => {
    const cache = new PiecesAsOfCache({ maxEntries: 8 });
    let calls = 0;
    const load = async () => (calls += 1);
    await cache.get('design', false, load);
    await cache.get('now', true, load);
    cache.invalidate(true);
    await cache.get('design', false, load);
    await cache.get('now', true, load);
    expect(calls).toBe(3);
    cache.invalidate();
    await cache.get('design', false, load);
    expect(calls).toBe(4);
  });

  it('forgets a computation in flight when an input changes, so later requests compute afresh', async () => {
    const cache = new PiecesAsOfCache({ maxEntries: 4 });
    const before = gate('before the edit');
    const first = cache.get('d', false, before.load);
    cache.invalidate();
    const after = gate('after the edit');
    const second = cache.get('d', false, after.load);
    before.open();
    after.open();
    expect(await first).toBe('before the edit');
    expect(await second).toBe('after the edit');
    expect(await cache.get('d', false, after.load)).toBe('after the edit');
  });

  it('does not keep a failed computation, and keeps nothing while changes are not announced', async () => {
    const cache = new PiecesAsOfCache({ maxEntries: 4 });
    await expect(cache.get('d', false, () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await cache.get('d', false, async () => 'retried')).toBe('retried');

    let announced = false;
    const deaf = new PiecesAsOfCache({ maxEntries: 4, ready: async () => announced });
    let calls = 0;
    const load = async () => (calls += 1);
    await deaf.get('d', false, load);
    await deaf.get('d', false, load);
    expect(calls).toBe(2);
    expect(deaf.size).toBe(0);
    announced = true;
    await deaf.get('d', false, load);
    await deaf.get('d', false, load);
    expect(calls).toBe(3);
  });

  it("keeps each target's pieces across camera health changes, and forgets them (and a late write) when an input changes", () => {
    const cache = new PiecesAsOfCache({ maxEntries: 4 });
    const memo = cache.targets();
    memo.set('target 1|cameras 3,4', ['piece']);
    cache.invalidate(true);
    expect(cache.targets().get('target 1|cameras 3,4')).toEqual(['piece']);
    cache.invalidate();
    expect(cache.targets().get('target 1|cameras 3,4')).toBeUndefined();
    // A computation that started before the change may have read the old inputs: not kept.
    memo.set('target 2|cameras 5', ['old piece']);
    expect(cache.targets().get('target 2|cameras 5')).toBeUndefined();
    const fresh = cache.targets();
    fresh.set('target 2|cameras 5', ['new piece']);
    expect(cache.targets().get('target 2|cameras 5')).toEqual(['new piece']);
  });

  it('stops a computation only when every request waiting for it has given up', async () => {
    const cache = new PiecesAsOfCache({ maxEntries: 4 });
    let stopSignal: AbortSignal | undefined;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let calls = 0;
    const load = async (stop: AbortSignal) => {
      calls += 1;
      stopSignal = stop;
      await released;
      return `pieces ${calls}`;
    };
    const list = new AbortController();
    const tile = new AbortController();
    const fromList = cache.get('2019-06-01', false, load, list.signal);
    const fromTile = cache.get('2019-06-01', false, load, tile.signal);
    list.abort();
    await expect(fromList).rejects.toBeInstanceOf(GaveUpError);
    // The tile still waits: the work goes on and is kept.
    expect(stopSignal!.aborted).toBe(false);
    release();
    expect(await fromTile).toBe('pieces 1');
    expect(await cache.get('2019-06-01', false, load)).toBe('pieces 1');
    expect(calls).toBe(1);
  });

  it('stops and forgets a computation nobody waits for any more; the next request starts afresh', async () => {
    const cache = new PiecesAsOfCache({ maxEntries: 4 });
    const stops: AbortSignal[] = [];
    const load = (stop: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        stops.push(stop);
        stop.addEventListener('abort', () => reject(new Error('cancelled in the database')));
        if (stops.length > 1) resolve('second computation');
      });
    const a = new AbortController();
    const b = new AbortController();
    const first = [cache.get('2017-05-14', false, load, a.signal), cache.get('2017-05-14', false, load, b.signal)];
    a.abort();
    expect(stops[0]!.aborted).toBe(false);
    b.abort();
    expect(stops[0]!.aborted).toBe(true);
    for (const p of first) await expect(p).rejects.toBeInstanceOf(GaveUpError);
    expect(cache.size).toBe(0);
    expect(await cache.get('2017-05-14', false, load, new AbortController().signal)).toBe('second computation');
    expect(stops).toHaveLength(2);
  });

  it('never stops a computation a request without a signal waits for (the CLI, a tile)', async () => {
    const cache = new PiecesAsOfCache({ maxEntries: 4 });
    const g = gate('kept');
    let stop: AbortSignal | undefined;
    const load = (s: AbortSignal) => {
      stop = s;
      return g.load();
    };
    const pinned = cache.get('d', false, load);
    const ctl = new AbortController();
    const leaving = cache.get('d', false, load, ctl.signal);
    ctl.abort();
    await expect(leaving).rejects.toBeInstanceOf(GaveUpError);
    expect(stop!.aborted).toBe(false);
    g.open();
    expect(await pinned).toBe('kept');
  });
});
