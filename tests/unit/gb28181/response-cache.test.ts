// The SIP server's cache of its answers (retransmitted requests get the same answer) is bounded
// by time as well as by count.
// Bug pinned: expired answers were pruned only when the size hit a multiple of 1024, so once the
// cache had been filled to its cap in a registration storm it never pruned again and kept 50,000
// stale answers (about 30 MB of the SIP server's RSS in bench:gb28181) for as long as it ran.
import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../../camera-agent/gb28181/sip/transactions';

const bytes = Buffer.from('SIP/2.0 200 OK\r\n\r\n');
const key = (i: number): string => `z9hG4bK${i}|MESSAGE|call-${i}@192.0.2.1`;

describe('ResponseCache', () => {
  it('answers a retransmission within the TTL, not after it', () => {
    const cache = new ResponseCache(100, 32_000);
    cache.set(key(1), bytes, 0);
    expect(cache.get(key(1), 31_999)).toEqual(bytes);
    expect(cache.get(key(1), 32_001)).toBeUndefined();
  });

  it('drops expired answers as new ones arrive, whatever the size', () => {
    const cache = new ResponseCache(50_000, 32_000);
    for (let i = 0; i < 1500; i++) cache.set(key(i), bytes, 1000);
    expect(cache.size).toBe(1500);
    // 40 s later one keepalive is answered: the 1500 stale answers are gone.
    cache.set(key(99_999), bytes, 41_000);
    expect(cache.size).toBe(1);
    expect(cache.get(key(99_999), 41_000)).toEqual(bytes);
  });

  it('keeps pruning by time after it was full (the registration storm case)', () => {
    const cache = new ResponseCache(2048, 32_000);
    for (let i = 0; i < 3000; i++) cache.set(key(i), bytes, 1000 + i);
    expect(cache.size).toBe(2048);
    // Steady state afterwards: a few answers a second, each cached 32 s.
    for (let t = 0; t < 100; t++) cache.set(key(10_000 + t), bytes, 100_000 + t * 1000);
    expect(cache.size).toBe(33);
  });

  it('caps the count inside the TTL, dropping the oldest first', () => {
    const cache = new ResponseCache(10, 32_000);
    for (let i = 0; i < 25; i++) cache.set(key(i), bytes, i);
    expect(cache.size).toBe(10);
    expect(cache.get(key(14), 30)).toBeUndefined();
    expect(cache.get(key(15), 30)).toEqual(bytes);
  });

  it('does not cache requests whose branch is not RFC 3261 (no transaction identity)', () => {
    const cache = new ResponseCache(10, 32_000);
    cache.set('1|MESSAGE|call', bytes, 0);
    expect(cache.size).toBe(0);
  });

  // Bug pinned: a cached answer was a slice of Node's shared 8 KB Buffer pool and kept the whole
  // slab alive for the TTL (about 100 MB of ArrayBuffers in the benchmark's catalog phase).
  it('keeps an exact-size copy, not a view of a larger (pooled) buffer', () => {
    const cache = new ResponseCache(10, 32_000);
    const pooled = Buffer.from('SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n');
    cache.set(key(1), pooled, 0);
    const kept = cache.get(key(1), 1)!;
    expect(kept.toString()).toBe(pooled.toString());
    expect(kept.buffer.byteLength).toBe(pooled.length);
  });

  // Answers expire from an array in age order (not by iterating the Map); an entry there may be
  // one that was replaced under the same key since.
  it('keeps an answer cached again under the same key for its own TTL when the older one expires', () => {
    const cache = new ResponseCache(100, 32_000);
    const again = Buffer.from('SIP/2.0 403 Not Registered\r\n\r\n');
    cache.set(key(1), bytes, 0);
    expect(cache.get(key(1), 40_000)).toBeUndefined();
    cache.set(key(1), again, 40_000);
    cache.set(key(2), bytes, 50_000);
    expect(cache.get(key(1), 60_000)).toEqual(again);
    expect(cache.size).toBe(2);
    // Many answers later (the order array is compacted on the way), ages still decide.
    for (let i = 0; i < 5000; i++) cache.set(key(10 + i), bytes, 60_000 + i);
    expect(cache.size).toBe(100);
    expect(cache.get(key(1), 65_000)).toBeUndefined();
    expect(cache.get(key(5009), 65_000)).toEqual(bytes);
  });
});
