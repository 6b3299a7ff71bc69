// Glyph ranges for the basemap labels, generated on first request from the Noto Sans SC font
// files shipped in the @fontsource/noto-sans-sc npm package.
//
// Why: the network is isolated, so there is no online glyph server, and MapLibre cannot draw a
// symbol label without SDF glyph PBFs. We rasterise the Latin and Latin-extended subsets here
// (opentype.js reads the WOFF outlines, ./sdf.ts makes the distance field) and cache each
// 256-code-point range in memory. CJK ideographs are not generated: the web app sets MapLibre's
// `localIdeographFontFamily`, so Chinese place names are drawn with the browser's font (the
// bundled @fontsource CSS font), which avoids rasterising tens of thousands of glyphs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype from 'opentype.js';
import { encodeGlyphRange, type EncodedGlyph } from './glyph-pbf';
import { flattenPath, type PathCommand } from './outline';
import { GLYPH_EM_PIXELS, rasteriseSdf } from './sdf';

// Named exactly like the web font's CSS family: MapLibre draws the CJK glyphs that are not in
// the server ranges with the browser font named by the stack, so the name must resolve there too.
export const BASEMAP_FONT = 'Noto Sans SC';
const SUBSET_FILES = ['noto-sans-sc-latin-400-normal.woff', 'noto-sans-sc-latin-ext-400-normal.woff'];
// MapLibre's own local-glyph path shifts TinySDF glyphs by this much; matching it keeps Latin
// and CJK labels on one baseline.
const TOP_ADJUST_PIXELS = 26;
const MAX_CODE_POINT = 65535;

let fonts: opentype.Font[] | null = null;
const cache = new Map<number, Uint8Array>();

function loadFonts(): opentype.Font[] {
  if (fonts !== null) return fonts;
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
  fonts = SUBSET_FILES.map((file) => {
    const buf = readFileSync(join(pkgDir, 'files', file));
    return opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  });
  return fonts;
}

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

function glyphFor(codePoint: number): EncodedGlyph | null {
  const scale = GLYPH_EM_PIXELS;
  for (const font of loadFonts()) {
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

/** The PBF for one range; ranges with no glyphs in our fonts are valid empty ranges. */
export function glyphRangePbf(start: number): Uint8Array {
  const hit = cache.get(start);
  if (hit !== undefined) return hit;
  const glyphs: EncodedGlyph[] = [];
  for (let cp = start; cp < start + 256; cp++) {
    const g = glyphFor(cp);
    if (g !== null) glyphs.push(g);
  }
  const pbf = encodeGlyphRange(BASEMAP_FONT, start, glyphs);
  cache.set(start, pbf);
  return pbf;
}
