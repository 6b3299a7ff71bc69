// Streaming OSM XML reader (sax): elements are handed to the sink as each closes, so the file is
// never held whole. Entities and DOCTYPEs are refused: OSM XML never needs them and they are the
// door for billion-laughs and external-entity attacks.
import sax from 'sax';
import type { Readable } from 'node:stream';
import type { OsmMember, OsmSink, Tags } from './osm-types';
import { UserFacingError } from '../../db/errors';

export async function readOsmXml(input: Readable, sink: OsmSink, fileName: string): Promise<void> {
  const parser = sax.createStream(true, { trim: false });
  let current:
    | { kind: 'node' | 'way' | 'relation'; id: number; lon: number; lat: number; tags: Tags; refs: number[]; members: OsmMember[] }
    | undefined;
  let sawOsmRoot = false;
  parser.on('doctype', () => {
    parser.emit('error', new UserFacingError(`${fileName}: refusing an XML <!DOCTYPE> (entities are not allowed in OSM files)`));
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'osm':
        sawOsmRoot = true;
        break;
      case 'bounds':
        sink.bounds([Number(a.minlon), Number(a.minlat), Number(a.maxlon), Number(a.maxlat)]);
        break;
      case 'node':
      case 'way':
      case 'relation':
        current = { kind: tag.name, id: Number(a.id), lon: Number(a.lon), lat: Number(a.lat), tags: {}, refs: [], members: [] };
        break;
      case 'tag':
        if (current !== undefined && a.k !== undefined) current.tags[a.k] = a.v ?? '';
        break;
      case 'nd':
        if (current !== undefined) current.refs.push(Number(a.ref));
        break;
      case 'member':
        if (current !== undefined && (a.type === 'node' || a.type === 'way' || a.type === 'relation')) {
          current.members.push({ type: a.type, ref: Number(a.ref), role: a.role ?? '' });
        }
        break;
      default:
        break;
    }
  });
  parser.on('closetag', (name) => {
    if (current === undefined || name !== current.kind) return;
    const c = current;
    current = undefined;
    if (c.kind === 'node') sink.element({ type: 'node', id: c.id, lon: c.lon, lat: c.lat, tags: c.tags });
    else if (c.kind === 'way') sink.element({ type: 'way', id: c.id, refs: c.refs, tags: c.tags });
    else sink.element({ type: 'relation', id: c.id, members: c.members, tags: c.tags });
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => {
      input.destroy();
      reject(err instanceof UserFacingError ? err : new UserFacingError(`${fileName}: not a readable OSM XML file (${err.message})`));
    };
    parser.on('error', fail);
    parser.on('end', () => {
      if (!sawOsmRoot) reject(new UserFacingError(`${fileName}: no <osm> root element; is this an OSM XML file?`));
      else resolve();
    });
    input.on('error', fail);
    input.pipe(parser);
  });
}
