import { describe, expect, it } from 'vitest';
import { decodeGlyphRange, encodeGlyphRange } from '../../../api/domain/basemap/glyph-pbf';
import { BASEMAP_FONT, glyphRange, glyphRangePbf, GlyphRangeError, parseGlyphRange } from '../../../api/domain/basemap/glyphs';
import { flattenPath } from '../../../api/domain/basemap/outline';
import { rasteriseSdf, SDF_BUFFER_PIXELS } from '../../../api/domain/basemap/sdf';

describe('SDF rasteriser', () => {
  it('marks the inside of a shape above the 191 edge value and the far outside at 0, as MapLibre reads SDF glyphs', () => {
    const square = flattenPath([
      { type: 'M', x: 0, y: -10 },
      { type: 'L', x: 10, y: -10 },
      { type: 'L', x: 10, y: 0 },
      { type: 'L', x: 0, y: 0 },
      { type: 'Z' },
    ]);
    const bmp = rasteriseSdf(square)!;
    expect(bmp.width).toBe(10);
    expect(bmp.height).toBe(10);
    expect(bmp.top).toBe(10);
    const w = bmp.width + 2 * SDF_BUFFER_PIXELS;
    const centre = bmp.data[(SDF_BUFFER_PIXELS + 5) * w + SDF_BUFFER_PIXELS + 5]!;
    expect(centre).toBeGreaterThan(191);
    expect(bmp.data[0]).toBeLessThan(191);
  });

  it('returns null for a blank glyph (space) so it is sent with metrics only', () => {
    expect(rasteriseSdf([])).toBeNull();
  });
});

describe('glyph ranges', () => {
  it('round-trips through the glyph PBF encoding with signed offsets intact', () => {
    const pbf = encodeGlyphRange('Test', 256, [
      { id: 300, bitmap: new Uint8Array([1, 2, 3]), width: 1, height: 1, left: -2, top: -9, advance: 7 },
    ]);
    const back = decodeGlyphRange(pbf);
    expect(back.name).toBe('Test');
    expect(back.range).toBe('256-511');
    expect(back.glyphs[0]).toMatchObject({ id: 300, width: 1, height: 1, left: -2, top: -9, advance: 7 });
  });

  it('generates the Latin range from the bundled Noto Sans SC font, so labels render without a glyph server', () => {
    const decoded = decodeGlyphRange(glyphRangePbf(0));
    expect(decoded.name).toBe(BASEMAP_FONT);
    const a = decoded.glyphs.find((g) => g.id === 65)!;
    expect(a.width).toBeGreaterThan(8);
    expect(a.bitmap!.length).toBe((a.width + 6) * (a.height + 6));
    expect(decoded.glyphs.find((g) => g.id === 32)?.advance).toBeGreaterThan(0);
  });

  it('answers a CJK range with a valid empty range, because the browser draws ideographs itself', () => {
    const decoded = decodeGlyphRange(glyphRangePbf(0x4e00));
    expect(decoded.range).toBe('19968-20223');
    expect(decoded.glyphs).toHaveLength(0);
  });

  it('draws the punctuation of Chinese names (full-width brackets, CJK comma, middle dot, dash), which labels would otherwise show blank', () => {
    const inRange = (cp: number) => decodeGlyphRange(glyphRangePbf(cp - (cp % 256))).glyphs.find((g) => g.id === cp);
    for (const cp of [0xff08, 0xff09, 0xff1a, 0x3001, 0x3002, 0x300a, 0x00b7, 0x2014]) {
      const g = inRange(cp);
      expect(g, `U+${cp.toString(16)}`).toBeDefined();
      expect(g!.bitmap!.length).toBe((g!.width + 6) * (g!.height + 6));
      // Some pixel is inside the outline (SDF value above the 191 edge).
      expect(Math.max(...g!.bitmap!)).toBeGreaterThan(191);
      expect(g!.advance).toBeGreaterThan(0);
    }
    // A full-width bracket takes a full em, as it does beside ideographs.
    expect(inRange(0xff08)!.advance).toBe(24);
  });

  it('keeps ranges small: kana and ideographs (drawn by the browser) are left out, and the ETag is stable', () => {
    const cjk = glyphRange(0x3000);
    expect(decodeGlyphRange(cjk.pbf).glyphs.every((g) => g.id < 0x3040)).toBe(true);
    expect(cjk.pbf.length).toBeLessThan(40_000);
    expect(glyphRange(0x3000).etag).toBe(cjk.etag);
    expect(glyphRange(0xff00).etag).not.toBe(cjk.etag);
  });

  it('rejects unaligned ranges with the expected form, instead of serving garbage', () => {
    expect(parseGlyphRange('512-767')).toBe(512);
    expect(() => parseGlyphRange('10-265')).toThrow(GlyphRangeError);
    expect(() => parseGlyphRange('0-9999')).toThrow(GlyphRangeError);
  });
});

describe('glyph ranges for the HTTP route', () => {
  it('are made in a worker thread, so the API keeps answering while a range is rasterised', async () => {
    const { glyphRangeAsync } = await import('../../../api/domain/basemap/glyph-ranges-async');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    const r = await glyphRangeAsync(0x100);
    const elapsedMs = Date.now() - started;
    clearInterval(timer);
    // Same bytes as the in-thread generator; the event loop ticked through most of the wait.
    expect(Buffer.from(r.pbf).equals(Buffer.from(glyphRange(0x100).pbf))).toBe(true);
    expect(ticks).toBeGreaterThan(Math.floor(elapsedMs / 10 / 3));
    // Asked again, it comes from memory.
    expect(await glyphRangeAsync(0x100)).toBe(await glyphRangeAsync(0x100));
  });

  it('retire their worker once idle, so a stopped server or a script can exit', async () => {
    const { glyphRangeAsync, glyphWorkerRunning } = await import('../../../api/domain/basemap/glyph-ranges-async');
    await glyphRangeAsync(0x2000);
    expect(glyphWorkerRunning()).toBe(true);
    const deadline = Date.now() + 8000;
    while (glyphWorkerRunning() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(glyphWorkerRunning()).toBe(false);
    // A later request starts a new one and still answers.
    expect((await glyphRangeAsync(0x3000)).glyphCount).toBeGreaterThan(0);
  }, 20_000);
});
