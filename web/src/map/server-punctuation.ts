// Full-width and CJK punctuation from the server's glyph ranges instead of the browser font.
//
// Why: with localIdeographFontFamily set, MapLibre (5.x) draws all of U+3000-U+30FF and
// U+FF00-U+FFEF with TinySDF on a canvas. TinySDF crops each glyph to a box that starts at the
// pen position, so glyphs whose ink sits on the right of their em box, like "（" (U+FF08), come
// out blank: "（演示）" drew as "演示）". The API rasterises these two blocks from the same
// bundled Noto Sans SC (api/domain/basemap/glyphs.ts), so the punctuation is asked from there;
// kana and ideographs stay with the browser font.
import type maplibregl from 'maplibre-gl';

const SERVER_BLOCKS: ReadonlyArray<[number, number]> = [
  [0x3000, 0x303f],
  [0xff00, 0xffef],
];

export function isServerPunctuation(codePoint: number): boolean {
  return SERVER_BLOCKS.some(([a, b]) => codePoint >= a && codePoint <= b);
}

interface GlyphManagerLike {
  _charUsesLocalIdeographFontFamily?: (id: number) => boolean;
  __xlServerPunctuation?: boolean;
}

/**
 * Patches the GlyphManager class behind this map's style (all later styles share the class).
 * Returns false when MapLibre changed its internals; the map-labels browser test then fails on
 * the blank bracket instead of this passing silently.
 */
export function drawPunctuationFromServer(map: maplibregl.Map): boolean {
  const manager = (map as unknown as { style?: { glyphManager?: object } }).style?.glyphManager;
  if (manager === undefined) return false;
  const proto = Object.getPrototypeOf(manager) as GlyphManagerLike;
  const original = proto._charUsesLocalIdeographFontFamily;
  if (typeof original !== 'function') return false;
  if (proto.__xlServerPunctuation === true) return true;
  proto._charUsesLocalIdeographFontFamily = function patched(this: unknown, id: number): boolean {
    return !isServerPunctuation(id) && original.call(this, id);
  };
  proto.__xlServerPunctuation = true;
  return true;
}
