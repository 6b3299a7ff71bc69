// The map's frames held while a new date's tiles load (web/src/map/frame-hold.ts), on a stand-in
// for MapLibre's Map that has what the hold touches: events and triggerRepaint.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameHold } from '../../../web/src/map/frame-hold';

class FakeMap {
  frames = 0;
  private listeners = new Map<string, Array<(e: unknown) => void>>();
  triggerRepaint(): void {
    this.frames++;
  }
  on(type: string, fn: (e: unknown) => void): this {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
    return this;
  }
  fire(type: string, e: Record<string, unknown> = {}): void {
    for (const fn of this.listeners.get(type) ?? []) fn(e);
  }
}

function setUp() {
  const map = new FakeMap();
  const hold = createFrameHold(map as unknown as MapLibreMap);
  return { map, hold };
}

describe('frame hold', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('draws as usual when no hold is on', () => {
    const { map, hold } = setUp();
    map.triggerRepaint();
    map.triggerRepaint();
    expect(map.frames).toBe(2);
    expect(hold.held).toBe(false);
  });

  it('notes repaints while held and draws once when the sources say they are ready', async () => {
    const { map, hold } = setUp();
    let ready = false;
    hold.hold(() => ready, 1500);
    await Promise.resolve();
    map.triggerRepaint();
    map.triggerRepaint();
    map.fire('data', { sourceDataType: 'content' });
    expect(map.frames).toBe(0);
    ready = true;
    // A source announcing new URLs still has its old tiles loaded: not a reason to draw.
    map.fire('data', { sourceDataType: 'metadata' });
    expect(map.frames).toBe(0);
    expect(hold.held).toBe(true);
    map.fire('data', {});
    expect(map.frames).toBe(1);
    expect(hold.held).toBe(false);
    map.triggerRepaint();
    expect(map.frames).toBe(2);
  });

  it('releases after maxMs, counted from the first of overlapping holds', async () => {
    const { map, hold } = setUp();
    hold.hold(() => false, 1500);
    map.triggerRepaint();
    vi.advanceTimersByTime(1000);
    hold.hold(() => false, 1500);
    await Promise.resolve();
    vi.advanceTimersByTime(499);
    expect(map.frames).toBe(0);
    vi.advanceTimersByTime(1);
    expect(map.frames).toBe(1);
    expect(hold.held).toBe(false);
  });

  it('does not draw on release when nothing asked for a frame', () => {
    const { map, hold } = setUp();
    hold.hold(() => false, 1500);
    vi.advanceTimersByTime(1500);
    expect(map.frames).toBe(0);
  });

  it('lets go at once when the user touches the map', () => {
    for (const touch of ['mousedown', 'touchstart', 'wheel', 'movestart']) {
      const { map, hold } = setUp();
      hold.hold(() => false, 1500);
      map.triggerRepaint();
      map.fire(touch);
      expect(map.frames, touch).toBe(1);
      expect(hold.held, touch).toBe(false);
    }
  });

  it('draws at once when the sources were ready already', async () => {
    const { map, hold } = setUp();
    hold.hold(() => true, 1500);
    map.triggerRepaint();
    await Promise.resolve();
    expect(map.frames).toBe(1);
    expect(hold.held).toBe(false);
  });
});
