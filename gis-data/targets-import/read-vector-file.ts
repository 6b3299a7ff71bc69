// Target layers and admin areas arrive as GeoJSON, a shapefile (.shp with its .dbf/.prj/.cpg
// beside it) or a zipped shapefile. All come out, one feature at a time, as GeoJSON features in
// WGS-84: a .prj that is projected (a CGCS2000 Gauss-Krüger zone, UTM…) is reprojected with
// proj4; geographic CGCS2000 (EPSG:4490) is taken as WGS-84 (they differ by centimetres).
// Nothing is read whole: GeoJSON features stream (json-array-stream.ts), a zipped shapefile's
// .shp and .dbf are read as streams from the archive, and a .shp record longer than
// MAX_SHP_RECORD_BYTES is refused before the shapefile reader allocates it.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import type yauzl from 'yauzl';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import type { Feature, Geometry, Position } from 'geojson';
import type { ByteSource } from '../ledger/source';
import { zipInputOf } from '../ledger/source';
import { checkZip, openZip, type ZipInput } from '../ledger/check-zip';
import { streamGeoJsonFeatures } from '../ledger/read-geojson';

const MAX_BYTES = 200 * 1024 * 1024;
/** One .shp record (a polygon of ~1 million vertices): a hostile header cannot make the reader allocate more. */
export const MAX_SHP_RECORD_BYTES = 16 * 1024 * 1024;
const MAX_SIDECAR_BYTES = 64 * 1024;

interface ShapefileStreams {
  shp: Readable;
  dbf?: Readable;
  prj?: string;
  cpg?: string;
}

/**
 * A stream for the shapefile reader. That reader turns a stream's error into a rejected promise
 * nobody awaits (an unhandled rejection), so a failure here is kept instead and the stream just
 * ends; the caller asks `failure()` after each step. For a .shp it also refuses a record whose
 * header declares more than MAX_SHP_RECORD_BYTES, before the reader allocates it.
 */
function guarded(input: Readable, fileName: string, shpRecords: boolean): { stream: Transform; failure(): Error | null } {
  let failure: Error | null = null;
  let pos = 0; // bytes seen
  let nextHeader = 100; // file header, then record headers
  const header = Buffer.alloc(8);
  const out = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (failure !== null) return done();
      for (let i = 0; shpRecords && i < chunk.length; i += 1, pos += 1) {
        if (pos < nextHeader || pos >= nextHeader + 8) continue;
        header[pos - nextHeader] = chunk[i]!;
        if (pos !== nextHeader + 7) continue;
        const bytes = header.readInt32BE(4) * 2; // content length in 16-bit words
        if (bytes < 0 || bytes > MAX_SHP_RECORD_BYTES) {
          stop(new Error(`${fileName}: a .shp record at byte ${nextHeader} declares ${bytes} bytes (limit ${MAX_SHP_RECORD_BYTES})`));
          return done();
        }
        nextHeader += 8 + bytes;
      }
      return done(null, chunk);
    },
  });
  function stop(err: Error): void {
    failure ??= err;
    input.unpipe(out);
    input.destroy();
    out.end();
  }
  input.on('error', stop);
  input.pipe(out);
  return { stream: out, failure: () => failure };
}

function readAll(stream: Readable, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    stream.on('data', (c: Buffer) => {
      n += c.length;
      if (n > max) stream.destroy(new Error(`a shapefile side file is larger than ${max} bytes`));
      else chunks.push(c);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err !== null || s === undefined ? reject(err) : resolve(s))),
  );
}

/** The shapefile's parts from a zip (path, byte ranges of an encrypted upload, or bytes), .shp and .dbf as streams. */
async function unzipParts(input: ZipInput): Promise<{ parts: ShapefileStreams; close(): void }> {
  const zip = await openZip(input, { autoClose: false });
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const ext = /\.(shp|dbf|prj|cpg)$/i.exec(entry.fileName)?.[1]?.toLowerCase();
      if (ext !== undefined && !entry.fileName.startsWith('__MACOSX') && !entries.has(ext)) entries.set(ext, entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
  const shp = entries.get('shp');
  if (shp === undefined) {
    zip.close();
    throw new Error('the zip holds no .shp file');
  }
  const side = async (ext: string) => {
    const e = entries.get(ext);
    return e === undefined ? undefined : readAll(await entryStream(zip, e), MAX_SIDECAR_BYTES);
  };
  const dbfEntry = entries.get('dbf');
  const parts: ShapefileStreams = { shp: await entryStream(zip, shp) };
  if (dbfEntry !== undefined) parts.dbf = await entryStream(zip, dbfEntry);
  const prj = await side('prj');
  const cpg = await side('cpg');
  if (prj !== undefined) parts.prj = prj;
  if (cpg !== undefined) parts.cpg = cpg;
  return { parts, close: () => zip.close() };
}

function siblingParts(path: string): ShapefileStreams {
  const base = path.replace(/\.shp$/i, '');
  const find = (ext: string): string | undefined => [ext, ext.toUpperCase()].map((e) => `${base}.${e}`).find((p) => existsSync(p));
  const dbf = find('dbf');
  const prj = find('prj');
  const cpg = find('cpg');
  return {
    shp: createReadStream(path),
    ...(dbf === undefined ? {} : { dbf: createReadStream(dbf) }),
    ...(prj === undefined ? {} : { prj: readFileSync(prj, 'utf8') }),
    ...(cpg === undefined ? {} : { cpg: readFileSync(cpg, 'utf8') }),
  };
}

function mapCoords(g: Geometry, fn: (p: Position) => Position): Geometry {
  const deep = (c: unknown): unknown => (typeof (c as unknown[])[0] === 'number' ? fn(c as Position) : (c as unknown[]).map(deep));
  if (g.type === 'GeometryCollection') return { ...g, geometries: g.geometries.map((x) => mapCoords(x, fn)) };
  return { ...g, coordinates: deep(g.coordinates) } as Geometry;
}

async function* readShapefile(parts: ShapefileStreams, fileName: string): AsyncGenerator<Feature> {
  const cpg = parts.cpg?.trim().toLowerCase();
  const encoding = cpg === undefined ? 'utf-8' : /gbk|936|gb2312|gb18030/.test(cpg) ? 'gb18030' : cpg;
  const shp = guarded(parts.shp, fileName, true);
  const dbf = parts.dbf === undefined ? undefined : guarded(parts.dbf, fileName, false);
  const failed = (): Error | null => shp.failure() ?? dbf?.failure() ?? null;
  // The guards' failure, when there is one, is the cause of whatever the reader made of the cut stream.
  async function step<T>(p: Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await p;
    } catch (err) {
      throw failed() ?? err;
    }
    const f = failed();
    if (f !== null) throw f;
    return value;
  }
  const src = await step(shapefile.open(shp.stream as never, dbf?.stream as never, { encoding }));
  const prj = parts.prj;
  const to = prj !== undefined && /^\s*PROJCS/i.test(prj) ? proj4(prj, 'EPSG:4326') : undefined;
  try {
    for (;;) {
      const r = await step(src.read());
      if (r.done) break;
      const f = r.value;
      yield to === undefined || f.geometry === null ? f : { ...f, geometry: mapCoords(f.geometry, (p) => to.forward([p[0]!, p[1]!])) };
    }
  } finally {
    // A run that stops early (a limit, a failure) releases the .shp and .dbf streams.
    await src.cancel();
  }
}

/** The features of a vector file, one at a time (non-features in a GeoJSON come as they are, for the caller to reject). */
export async function* readVectorFeatures(source: ByteSource): AsyncGenerator<Feature> {
  const name = source.fileName.toLowerCase();
  if (name.endsWith('.zip')) {
    const input = await zipInputOf(source, MAX_BYTES);
    await checkZip(input);
    const { parts, close } = await unzipParts(input);
    try {
      yield* readShapefile(parts, source.fileName);
    } finally {
      close();
    }
    return;
  }
  if (name.endsWith('.shp')) {
    yield* readShapefile(source.path === undefined ? { shp: source.open() } : siblingParts(source.path), source.fileName);
    return;
  }
  yield* streamGeoJsonFeatures(source) as AsyncGenerator<Feature>;
}
