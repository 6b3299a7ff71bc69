import { describe, expect, it } from 'vitest';
import { BASEMAP_FONT } from '../../../api/domain/basemap/glyphs';
import { buildSprite } from '../../../api/domain/basemap/sprite';
import { buildStyle } from '../../../api/domain/basemap/style';

const origin = 'http://127.0.0.1:8080';

describe('basemap style', () => {
  it('points every source, the glyphs and the sprite at the project itself, never an online service', () => {
    const style = buildStyle({ theme: 'dark', lang: 'zh', origin }) as {
      sources: Record<string, { tiles: string[] }>;
      glyphs: string;
      sprite: string;
    };
    for (const s of Object.values(style.sources)) expect(s.tiles[0]!.startsWith(`${origin}/tiles/`)).toBe(true);
    expect(style.glyphs).toBe(`${origin}/api/v1/glyphs/{fontstack}/{range}.pbf`);
    expect(style.sprite).toBe(`${origin}/api/v1/sprites/basemap`);
  });

  it('uses the one font stack the glyph route serves for every label layer', () => {
    const style = buildStyle({ theme: 'light', lang: 'en', origin }) as { layers: Array<{ layout?: Record<string, unknown> }> };
    const fonts = style.layers.map((l) => l.layout?.['text-font']).filter((f) => f !== undefined);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toEqual([BASEMAP_FONT]);
  });

  it('gives dark and light themes different backgrounds (wall vs desk)', () => {
    const bg = (t: 'dark' | 'light') =>
      (buildStyle({ theme: t, lang: 'zh', origin }) as { layers: Array<{ id: string; paint?: Record<string, string> }> }).layers.find(
        (l) => l.id === 'background',
      )!.paint!['background-color'];
    expect(bg('dark')).not.toBe(bg('light'));
  });

  it('carries the OSM attribution on a source when given, so MapLibre shows the credit', () => {
    const style = buildStyle({ theme: 'dark', lang: 'zh', origin, attribution: '© OpenStreetMap contributors' }) as {
      sources: Record<string, { attribution?: string }>;
    };
    expect(Object.values(style.sources).some((s) => s.attribution === '© OpenStreetMap contributors')).toBe(true);
  });

  it('builds a PNG sprite whose index covers every icon the style uses', () => {
    const s = buildSprite(2);
    expect(s.png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(Object.keys(s.json).sort()).toEqual(['place-county', 'place-town', 'place-village']);
    expect(s.json['place-town']!.pixelRatio).toBe(2);
  });
});
