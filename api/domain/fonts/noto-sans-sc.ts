// The bundled Noto Sans SC (@fontsource/noto-sans-sc, weight 400), served by our own server: the
// network is isolated, so a document that shows Chinese must not depend on a CDN or on a CJK
// font installed on the reader's machine (a Debian workstation or a kiosk has none).
// - For HTML (the coverage report): @font-face rules, one per unicode-range subset of the
//   package (its unicode.json), pointing at GET /api/v1/fonts/noto-sans-sc/<file>.woff2; the
//   browser fetches only the subsets the page's text needs.
// - For the PDF: the "chinese-simplified" file of the package (8,248 glyphs: Latin, digits,
//   CJK punctuation and the 7,000-odd common Hanzi) as plain OpenType, plus the numbered subsets
//   for whatever it lacks (≥, ², rare characters in place names).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseUnicodeRange, woffToSfnt } from '../basemap/font-subsets';

export const FONT_FAMILY = 'Noto Sans SC';
export const FONT_URL_BASE = '/api/v1/fonts/noto-sans-sc';

export interface FontSubset {
  /** "latin", "latin-ext", "86", … (unicode.json's key without brackets). */
  key: string;
  ranges: Array<[number, number]>;
}

let packageDirCache: string | null = null;
function packageDir(): string {
  if (packageDirCache === null) {
    const require = createRequire(import.meta.url);
    packageDirCache = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
  }
  return packageDirCache;
}

let subsetsCache: FontSubset[] | null = null;
/** The package's unicode-range subsets, as its CSS declares them. */
export function fontSubsets(): FontSubset[] {
  if (subsetsCache === null) {
    const map = JSON.parse(readFileSync(join(packageDir(), 'unicode.json'), 'utf8')) as Record<string, string>;
    subsetsCache = Object.entries(map).map(([k, spec]) => ({ key: k.replace(/^\[(\d+)\]$/, '$1'), ranges: parseUnicodeRange(spec) }));
  }
  return subsetsCache;
}

export function subsetFileName(key: string, ext: 'woff2' | 'woff' = 'woff2'): string {
  return `noto-sans-sc-${key}-400-normal.${ext}`;
}

const hex = (n: number) => n.toString(16);

/**
 * @font-face rules for every subset. `font-display: block`: a report is read, not skimmed;
 * showing a fallback first would flash boxes on a machine without CJK fonts.
 */
export function fontFaceCss(urlBase = FONT_URL_BASE): string {
  return fontSubsets()
    .map(
      (s) =>
        `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:400;font-display:block;` +
        `src:url(${urlBase}/${subsetFileName(s.key)}) format('woff2');` +
        `unicode-range:${s.ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(',')}}`,
    )
    .join('\n');
}

/** The bytes of a served subset file, or null when the name is not one of them. */
export function readFontFile(name: string): Buffer | null {
  const key = /^noto-sans-sc-([a-z0-9-]+)-400-normal\.woff2$/.exec(name)?.[1];
  if (key === undefined || !fontSubsets().some((s) => s.key === key)) return null;
  const path = join(packageDir(), 'files', subsetFileName(key));
  return existsSync(path) ? readFileSync(path) : null;
}

const sfntCache = new Map<string, Buffer>();
function sfnt(file: string): Buffer {
  let hit = sfntCache.get(file);
  if (hit === undefined) {
    hit = Buffer.from(woffToSfnt(readFileSync(join(packageDir(), 'files', file))));
    sfntCache.set(file, hit);
  }
  return hit;
}

/** The PDF's main font: Latin, digits, punctuation and common Hanzi, as OpenType bytes. */
export function mainPdfFont(): Buffer {
  return sfnt('noto-sans-sc-chinese-simplified-400-normal.woff');
}

/** The OpenType bytes of a numbered or Latin subset (for characters the main font lacks). */
export function subsetPdfFont(key: string): Buffer {
  return sfnt(subsetFileName(key, 'woff'));
}

/** The subset whose unicode-range holds a code point (Latin subsets first, as the browser does). */
export function subsetFor(codePoint: number): FontSubset | undefined {
  const list = fontSubsets();
  const inRange = (s: FontSubset) => s.ranges.some(([a, b]) => codePoint >= a && codePoint <= b);
  return list.find((s) => (s.key === 'latin' || s.key === 'latin-ext') && inRange(s)) ?? list.find(inRange);
}
