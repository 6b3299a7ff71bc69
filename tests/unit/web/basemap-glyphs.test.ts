import { describe, expect, it } from 'vitest';
import { decodeGlyphRange, encodeGlyphRange } from '../../../api/domain/basemap/glyph-pbf';
import { BASEMAP_FONT, glyphRangePbf, GlyphRangeError, parseGlyphRange } from '../../../api/domain/basemap/glyphs';
import { flattenPath } from '../../../api/domain/basemap/outline';
import { rasteriseSdf, SDF_BUFFER_PIXELS } from '../../../api/domain/basemap/sdf';

describe('SDF rasteriser', () => {
  it('marks the inside of a shape above the 191 edge value and the far outside at 0, as MapLibre reads SDF glyphs', () => {
    const square = flattenPath([{ type: 'M', x: 0, y: -10 }, { type: 'L', x: 10, y: -10 }, { type: 'L', x: 10, y: 0 }, { type: 'L', x: 0, y: 0 }, { type: 'Z' }]);
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
    const pbf = encodeGlyphRange('Test', 256, [{ id: 300, bitmap: new Uint8Array([1, 2, 3]), width: 1, height: 1, left: -2, top: -9, advance: 7 }]);
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

  it('rejects unaligned ranges with the expected form, instead of serving garbage', () => {
    expect(parseGlyphRange('512-767')).toBe(512);
    expect(() => parseGlyphRange('10-265')).toThrow(GlyphRangeError);
    expect(() => parseGlyphRange('0-9999')).toThrow(GlyphRangeError);
  });
});
