import { describe, expect, it } from 'vitest';
import { TileCache } from '../../../api/domain/tiles/tile-cache';

describe('static tile cache', () => {
  it('evicts the least recently used tiles first when over its byte budget, so memory stays bounded', () => {
    const c = new TileCache({ maxBytes: 160, ttlMs: 1000, now: () => 0 });
    c.set('a', Buffer.alloc(10));
    c.set('b', Buffer.alloc(10));
    c.get('a'); // a is now the most recent
    for (let i = 0; i < 15; i += 1) c.set(`x${i}`, Buffer.alloc(10));
    expect(c.get('b')).toBeUndefined();
    expect(c.bytes).toBeLessThanOrEqual(160);
  });

  it('forgets tiles older than its time to live, so a re-import shows within minutes', () => {
    let now = 0;
    const c = new TileCache({ maxBytes: 1000, ttlMs: 100, now: () => now });
    c.set('a', Buffer.from('x'));
    now = 50;
    expect(c.get('a')?.toString()).toBe('x');
    now = 151;
    expect(c.get('a')).toBeUndefined();
  });
});
