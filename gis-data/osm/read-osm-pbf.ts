// Streaming OSM PBF reader (osm-pbf-parser decodes one blob of ~8000 elements at a time).
import type { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import type { OsmMember, OsmSink, Tags } from './osm-types';
import { UserFacingError } from '../../db/errors';

interface PbfItem {
  type: 'node' | 'way' | 'relation';
  id: number;
  lat?: number;
  lon?: number;
  tags?: Tags;
  refs?: number[];
  members?: { type: string; id: number; role?: string }[];
}

// osm-pbf-parser ships no types and its default pipeline drops the header block, which holds the
// file's bbox, so the three stages are wired here and the header is decoded on the way through.
const require = createRequire(import.meta.url);
type Stage = NodeJS.ReadWriteStream & Readable;
const pbf = require('osm-pbf-parser') as {
  BlobParser: new () => Stage;
  BlobDecompressor: new () => Stage;
  PrimitivesParser: new () => Stage;
};
const pbfParsers = require('osm-pbf-parser/lib/parsers.js') as {
  osm: { HeaderBlock: { decode(buf: Buffer): { bbox?: { left: number; right: number; top: number; bottom: number } | null } } };
};

export async function readOsmPbf(input: Readable, sink: OsmSink, fileName: string): Promise<void> {
  const blobs = new pbf.BlobParser();
  const inflate = new pbf.BlobDecompressor();
  const parser = new pbf.PrimitivesParser();
  // Garbage makes the blob parser wait for bytes that never come and end quietly: without an
  // OSMHeader block the file was not PBF.
  let sawHeader = false;
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => {
      input.destroy();
      reject(new UserFacingError(`${fileName}: not a readable OSM PBF file (${err.message})`));
    };
    input.on('error', fail);
    parser.on('error', fail);
    blobs.on('error', fail);
    inflate.on('error', fail);
    inflate.on('data', (chunk: { type: string; data: Buffer }) => {
      if (chunk.type !== 'OSMHeader') return;
      sawHeader = true;
      // The header bbox is in nanodegrees.
      const b = pbfParsers.osm.HeaderBlock.decode(chunk.data).bbox;
      if (b !== undefined && b !== null)
        sink.bounds([Number(b.left) / 1e9, Number(b.bottom) / 1e9, Number(b.right) / 1e9, Number(b.top) / 1e9]);
    });
    parser.on('data', (items: PbfItem[]) => {
      for (const it of items) {
        const tags = it.tags ?? {};
        if (it.type === 'node') sink.element({ type: 'node', id: it.id, lon: it.lon ?? NaN, lat: it.lat ?? NaN, tags });
        else if (it.type === 'way') sink.element({ type: 'way', id: it.id, refs: it.refs ?? [], tags });
        else if (it.type === 'relation') {
          const members: OsmMember[] = [];
          for (const m of it.members ?? []) {
            if (m.type === 'node' || m.type === 'way' || m.type === 'relation')
              members.push({ type: m.type, ref: m.id, role: m.role ?? '' });
          }
          sink.element({ type: 'relation', id: it.id, members, tags });
        }
      }
    });
    parser.on('end', () => {
      if (sawHeader) resolve();
      else reject(new UserFacingError(`${fileName}: not an OSM PBF file (no OSMHeader block)`));
    });
    input.pipe(blobs).pipe(inflate).pipe(parser);
  });
}
