// Which files of the bundled @fontsource/noto-sans-sc package hold which code points. The package
// splits the font into ~120 unicode-range subsets (its unicode.json lists them, as the CSS
// @font-face rules do); glyph ranges load only the subsets they need, parsed once and kept.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import opentype from 'opentype.js';

interface Subset {
  /** The subset's key in unicode.json: "latin", "latin-ext", "[86]", ... */
  key: string;
  file: string;
  ranges: Array<[number, number]>;
}

// Latin first: the Latin subsets hold the Western forms the basemap already used, and where
// subsets overlap (U+00B7 is in "latin" and "[119]") the first one wins.
const PRIORITY = ['latin', 'latin-ext'];

let subsets: Subset[] | null = null;
const parsed = new Map<string, opentype.Font>();

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
}

/** "U+0-ff,U+131" → [[0, 255], [305, 305]] */
export function parseUnicodeRange(spec: string): Array<[number, number]> {
  return spec.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(a!, 16);
    return [start, b === undefined ? start : parseInt(b, 16)] as [number, number];
  });
}

function loadSubsets(): Subset[] {
  if (subsets !== null) return subsets;
  const map = JSON.parse(readFileSync(join(packageDir(), 'unicode.json'), 'utf8')) as Record<string, string>;
  const keys = Object.keys(map).sort((a, b) => {
    const pa = PRIORITY.indexOf(a);
    const pb = PRIORITY.indexOf(b);
    return (pa < 0 ? PRIORITY.length : pa) - (pb < 0 ? PRIORITY.length : pb);
  });
  subsets = keys.map((key) => ({
    key,
    file: `noto-sans-sc-${key.replace(/^\[(\d+)\]$/, '$1')}-400-normal.woff`,
    ranges: parseUnicodeRange(map[key]!),
  }));
  return subsets;
}

/**
 * WOFF 1.0 → the plain sfnt (OpenType) it wraps. opentype.js has its own inflate, which rejects
 * some of these subsets ("Data error"); Node's zlib reads them all.
 */
export function woffToSfnt(woff: Buffer): ArrayBuffer {
  const numTables = woff.readUInt16BE(12);
  const tables = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const offset = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag: woff.readUInt32BE(e), checksum: woff.readUInt32BE(e + 16), data: compLength < origLength ? inflateSync(raw) : raw });
  }
  let size = 12 + 16 * numTables;
  for (const t of tables) size += (t.data.length + 3) & ~3;
  const out = Buffer.alloc(size);
  out.writeUInt32BE(woff.readUInt32BE(4), 0); // flavor
  out.writeUInt16BE(numTables, 4);
  const entrySelector = Math.floor(Math.log2(numTables));
  out.writeUInt16BE(16 * 2 ** entrySelector, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - 16 * 2 ** entrySelector, 10);
  let at = 12 + 16 * numTables;
  tables.forEach((t, i) => {
    const d = 12 + i * 16;
    out.writeUInt32BE(t.tag, d);
    out.writeUInt32BE(t.checksum, d + 4);
    out.writeUInt32BE(at, d + 8);
    out.writeUInt32BE(t.data.length, d + 12);
    t.data.copy(out, at);
    at += (t.data.length + 3) & ~3;
  });
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
}

function fontOf(s: Subset): opentype.Font {
  const hit = parsed.get(s.key);
  if (hit !== undefined) return hit;
  const font = opentype.parse(woffToSfnt(readFileSync(join(packageDir(), 'files', s.file))));
  parsed.set(s.key, font);
  return font;
}

/** The parsed subset fonts whose unicode-range meets [first, last], Latin subsets first. */
export function fontsCovering(first: number, last: number): opentype.Font[] {
  return loadSubsets()
    .filter((s) => s.ranges.some(([a, b]) => a <= last && b >= first))
    .map(fontOf);
}
