// Glyph ranges for the basemap labels, generated on first request from the Noto Sans SC font
// files shipped in the @fontsource/noto-sans-sc npm package.
//
// Why: the network is isolated, so there is no online glyph server, and MapLibre cannot draw a
// symbol label without SDF glyph PBFs. We rasterise any 256-code-point range MapLibre asks for
// from the bundled subsets that hold it (./font-subsets.ts; opentype.js reads the WOFF
// outlines, ./sdf.ts makes the distance field) and cache each range in memory with its ETag.
// That covers the punctuation Chinese names use beside ideographs: full-width forms
// (U+FF00-U+FFEF: "（", "）", "："), CJK symbols (U+3000-U+303F: "、", "。", "《"), general
// punctuation (U+2000-U+206F: "—", "…") and U+00B7 "·". CJK ideographs and Hangul syllables are
// not generated: the web app sets MapLibre's `localIdeographFontFamily`, so they are drawn with
// the browser's font (the bundled @fontsource CSS font), which avoids rasterising tens of
// thousands of glyphs.
import { createHash } from 'node:crypto';
import type opentype from 'opentype.js';
import { encodeGlyphRange, type EncodedGlyph } from './glyph-pbf';
import { fontsCovering } from './font-subsets';
import { flattenPath, type PathCommand } from './outline';
import { GLYPH_EM_PIXELS, rasteriseSdf } from './sdf';

// Named exactly like the web font's CSS family: MapLibre draws the CJK glyphs that are not in
// the server ranges with the browser font named by the stack, so the name must resolve there too.
export const BASEMAP_FONT = 'Noto Sans SC';
// MapLibre's own local-glyph path shifts TinySDF glyphs by this much; matching it keeps Latin
// and CJK labels on one baseline.
const TOP_ADJUST_PIXELS = 26;
const MAX_CODE_POINT = 65535;
// Blocks the browser draws (localIdeographFontFamily): kana, CJK Extension A, CJK Unified
// Ideographs, Yi, Hangul syllables, CJK compatibility ideographs. Left out of the ranges, which
// keeps them small (range 12288-12543 is then only the CJK punctuation).
const BROWSER_DRAWN: ReadonlyArray<[number, number]> = [
  [0x3040, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7af],
  [0xf900, 0xfaff],
];

export interface GlyphRange {
  pbf: Uint8Array;
  /** Strong validator of the bytes, quoted as HTTP wants it. */
  etag: string;
  glyphCount: number;
}

const cache = new Map<number, GlyphRange>();

export class GlyphRangeError extends Error {}

/** Parses "0-255" into its start code point; ranges are 256-aligned as MapLibre requests them. */
export function parseGlyphRange(range: string): number {
  const m = /^(\d+)-(\d+)$/.exec(range);
  if (m === null) throw new GlyphRangeError(`glyph range "${range}" is not "start-end"`);
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (start % 256 !== 0 || end !== start + 255 || end > MAX_CODE_POINT) {
    throw new GlyphRangeError(`glyph range "${range}" must be 256-aligned, like 0-255 or 256-511`);
  }
  return start;
}

function glyphFor(codePoint: number, fonts: readonly opentype.Font[]): EncodedGlyph | null {
  const scale = GLYPH_EM_PIXELS;
  for (const font of fonts) {
    const glyph = font.charToGlyph(String.fromCodePoint(codePoint));
    if (glyph.index === 0) continue;
    const advance = Math.round(((glyph.advanceWidth ?? 0) * scale) / font.unitsPerEm);
    const path = glyph.getPath(0, 0, scale);
    const bitmap = rasteriseSdf(flattenPath(path.commands as PathCommand[]));
    if (bitmap === null) {
      // Space and other blank glyphs: metrics only.
      return { id: codePoint, bitmap: null, width: 0, height: 0, left: 0, top: -TOP_ADJUST_PIXELS, advance };
    }
    return {
      id: codePoint,
      bitmap: bitmap.data,
      width: bitmap.width,
      height: bitmap.height,
      left: bitmap.left,
      top: bitmap.top - TOP_ADJUST_PIXELS,
      advance,
    };
  }
  return null;
}

const browserDrawn = (cp: number) => BROWSER_DRAWN.some(([a, b]) => cp >= a && cp <= b);

/** One range, generated once; ranges with no glyphs in our fonts are valid empty ranges. */
export function glyphRange(start: number): GlyphRange {
  const hit = cache.get(start);
  if (hit !== undefined) return hit;
  const glyphs: EncodedGlyph[] = [];
  const wanted: number[] = [];
  for (let cp = start; cp < start + 256; cp++) if (!browserDrawn(cp)) wanted.push(cp);
  const fonts = wanted.length === 0 ? [] : fontsCovering(wanted[0]!, wanted[wanted.length - 1]!);
  for (const cp of fonts.length === 0 ? [] : wanted) {
    const g = glyphFor(cp, fonts);
    if (g !== null) glyphs.push(g);
  }
  const pbf = encodeGlyphRange(BASEMAP_FONT, start, glyphs);
  const etag = `"${createHash('sha1').update(pbf).digest('base64url').slice(0, 22)}"`;
  const range = { pbf, etag, glyphCount: glyphs.length };
  cache.set(start, range);
  return range;
}

/** The PBF bytes of one range (see glyphRange). */
export function glyphRangePbf(start: number): Uint8Array {
  return glyphRange(start).pbf;
}
