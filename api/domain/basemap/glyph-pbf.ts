// Encodes SDF glyphs into the glyph-range PBF MapLibre loads from `glyphs` URLs
// (the mapbox/glyph-pbf schema: glyphs { fontstack { name, range, glyph* } }). Pure.
import { PbfReader, PbfWriter } from 'pbf';

export interface EncodedGlyph {
  id: number;
  bitmap: Uint8Array | null;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

function writeGlyph(g: EncodedGlyph, pbf: PbfWriter): void {
  pbf.writeVarintField(1, g.id);
  if (g.bitmap !== null && g.bitmap.length > 0) pbf.writeBytesField(2, g.bitmap);
  pbf.writeVarintField(3, g.width);
  pbf.writeVarintField(4, g.height);
  pbf.writeSVarintField(5, g.left);
  pbf.writeSVarintField(6, g.top);
  pbf.writeVarintField(7, g.advance);
}

export function encodeGlyphRange(fontstack: string, startCodePoint: number, glyphs: readonly EncodedGlyph[]): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(
    1,
    (_: unknown, p: PbfWriter) => {
      p.writeStringField(1, fontstack);
      p.writeStringField(2, `${startCodePoint}-${startCodePoint + 255}`);
      for (const g of glyphs) p.writeMessage(3, writeGlyph, g);
    },
    null,
  );
  return pbf.finish();
}

/** Decoder used by tests (and handy when debugging what the browser receives). */
export function decodeGlyphRange(buf: Uint8Array): { name: string; range: string; glyphs: EncodedGlyph[] } {
  const pbf = new PbfReader(buf);
  const out = { name: '', range: '', glyphs: [] as EncodedGlyph[] };
  pbf.readFields((tag, _res, p) => {
    if (tag !== 1) return;
    const end = p.readVarint() + p.pos;
    while (p.pos < end) {
      const val = p.readVarint();
      const t = val >> 3;
      if (t === 1) out.name = p.readString();
      else if (t === 2) out.range = p.readString();
      else if (t === 3) {
        const g: EncodedGlyph = { id: 0, bitmap: null, width: 0, height: 0, left: 0, top: 0, advance: 0 };
        const gEnd = p.readVarint() + p.pos;
        while (p.pos < gEnd) {
          const gv = p.readVarint();
          const gt = gv >> 3;
          if (gt === 1) g.id = p.readVarint();
          else if (gt === 2) g.bitmap = p.readBytes();
          else if (gt === 3) g.width = p.readVarint();
          else if (gt === 4) g.height = p.readVarint();
          else if (gt === 5) g.left = p.readSVarint();
          else if (gt === 6) g.top = p.readSVarint();
          else if (gt === 7) g.advance = p.readVarint();
          else p.skip(gv);
        }
        out.glyphs.push(g);
      } else p.skip(val);
    }
  }, null);
  return out;
}
