// The status read cache: one query for many concurrent viewers, fresh figures right after the
// agent announces a change, and a background refresh (old answer served meanwhile) for what
// changes unannounced.
import { describe, expect, it } from 'vitest';
import { ReadCache } from '../../../api/domain/status/read-cache';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('ReadCache', () => {
  it('shares one load among concurrent requests', async () => {
    const cache = new ReadCache(1000);
    let loads = 0;
    const d = deferred<number>();
    const load = () => {
      loads += 1;
      return d.promise;
    };
    const all = Promise.all([cache.get('k', load, 0), cache.get('k', load, 1), cache.get('k', load, 2)]);
    d.resolve(7);
    expect(await all).toEqual([7, 7, 7]);
    expect(loads).toBe(1);
  });

  it('waits for fresh figures after an invalidation', async () => {
    const cache = new ReadCache(1000);
    expect(await cache.get('k', async () => 1, 0)).toBe(1);
    cache.invalidate();
    expect(await cache.get('k', async () => 2, 1)).toBe(2);
  });

  it('serves the old answer while refreshing after maxAge, then the new one', async () => {
    const cache = new ReadCache(1000);
    expect(await cache.get('k', async () => 1, 0)).toBe(1);
    const d = deferred<number>();
    expect(await cache.get('k', () => d.promise, 1500)).toBe(1);
    d.resolve(2);
    await d.promise;
    await Promise.resolve();
    expect(await cache.get('k', async () => 3, 1600)).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const cache = new ReadCache(1000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')), 0)).rejects.toThrow('down');
    expect(await cache.get('k', async () => 4, 1)).toBe(4);
  });

  it('keeps at most maxEntries answers, dropping the oldest first', async () => {
    const cache = new ReadCache(1000, 2);
    await cache.get('a', async () => 1, 0);
    await cache.get('b', async () => 2, 0);
    await cache.get('c', async () => 3, 0);
    expect(cache.size).toBe(2);
    expect(await cache.get('b', async () => 20, 1)).toBe(2);
    expect(await cache.get('a', async () => 10, 1)).toBe(10);
  });

  it('keeps nothing and refreshes nothing once closed', async () => {
    const cache = new ReadCache(1000);
    await cache.get('k', async () => 1, 0);
    cache.close();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load, 2000)).toBe(1);
    expect(await cache.get('k', load, 2001)).toBe(2);
    expect(cache.size).toBe(0);
  });
});
