// Target layers and admin areas arrive as GeoJSON, a shapefile (.shp with its .dbf/.prj/.cpg
// beside it) or a zipped shapefile. All come out as GeoJSON features in WGS-84: a .prj that is
// projected (a CGCS2000 Gauss-Krüger zone, UTM…) is reprojected with proj4; geographic
// CGCS2000 (EPSG:4490) is taken as WGS-84 (they differ by centimetres).
import { existsSync, readFileSync } from 'node:fs';
import type yauzl from 'yauzl';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import type { Feature, Geometry, Position } from 'geojson';
import type { ByteSource } from '../ledger/source';
import { readAllLimited, zipInputOf } from '../ledger/source';
import { checkZip, openZip, type ZipInput } from '../ledger/check-zip';
import { parseGeoJsonFeatures } from '../ledger/read-geojson';
import { decodeJsonBuffer } from '../ledger/text-encoding';

const MAX_BYTES = 200 * 1024 * 1024;

interface ShapefileParts {
  shp: Buffer;
  dbf?: Buffer;
  prj?: string;
  cpg?: string;
}

/** The shapefile's parts from a zip (path, byte ranges of an encrypted upload, or bytes). */
async function unzipParts(input: ZipInput): Promise<ShapefileParts> {
  const zip = await openZip(input);
  try {
    return await new Promise<ShapefileParts>((resolve, reject) => {
      const parts: Partial<ShapefileParts> = {};
      zip.on('error', reject);
      zip.on('end', () => (parts.shp === undefined ? reject(new Error('the zip holds no .shp file')) : resolve(parts as ShapefileParts)));
      zip.on('entry', (entry: yauzl.Entry) => {
        const ext = /\.(shp|dbf|prj|cpg)$/i.exec(entry.fileName)?.[1]?.toLowerCase();
        if (ext === undefined || entry.fileName.startsWith('__MACOSX')) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 !== null || stream === undefined) return reject(e2 ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            const b = Buffer.concat(chunks);
            if (ext === 'shp') parts.shp = b;
            else if (ext === 'dbf') parts.dbf = b;
            else if (ext === 'prj') parts.prj = b.toString('utf8');
            else parts.cpg = b.toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

function siblingParts(path: string, shp: Buffer): ShapefileParts {
  const base = path.replace(/\.shp$/i, '');
  const read = (ext: string): Buffer | undefined => {
    for (const e of [ext, ext.toUpperCase()]) if (existsSync(`${base}.${e}`)) return readFileSync(`${base}.${e}`);
    return undefined;
  };
  const dbf = read('dbf');
  const prj = read('prj')?.toString('utf8');
  const cpg = read('cpg')?.toString('utf8');
  return { shp, ...(dbf === undefined ? {} : { dbf }), ...(prj === undefined ? {} : { prj }), ...(cpg === undefined ? {} : { cpg }) };
}

function mapCoords(g: Geometry, fn: (p: Position) => Position): Geometry {
  const deep = (c: unknown): unknown => (typeof (c as unknown[])[0] === 'number' ? fn(c as Position) : (c as unknown[]).map(deep));
  if (g.type === 'GeometryCollection') return { ...g, geometries: g.geometries.map((x) => mapCoords(x, fn)) };
  return { ...g, coordinates: deep(g.coordinates) } as Geometry;
}

async function readShapefile(parts: ShapefileParts): Promise<Feature[]> {
  const cpg = parts.cpg?.trim().toLowerCase();
  const encoding = cpg === undefined ? 'utf-8' : /gbk|936|gb2312|gb18030/.test(cpg) ? 'gb18030' : cpg;
  const src = await shapefile.open(parts.shp, parts.dbf, { encoding });
  const out: Feature[] = [];
  for (;;) {
    const r = await src.read();
    if (r.done) break;
    out.push(r.value);
  }
  const prj = parts.prj;
  if (prj !== undefined && /^\s*PROJCS/i.test(prj)) {
    const to = proj4(prj, 'EPSG:4326');
    return out.map((f) => (f.geometry === null ? f : { ...f, geometry: mapCoords(f.geometry, (p) => to.forward([p[0]!, p[1]!])) }));
  }
  return out;
}

export async function readVectorFeatures(source: ByteSource): Promise<Feature[]> {
  const name = source.fileName.toLowerCase();
  if (name.endsWith('.zip')) {
    const input = await zipInputOf(source, MAX_BYTES);
    await checkZip(input);
    return readShapefile(await unzipParts(input));
  }
  if (name.endsWith('.shp')) {
    const shp = await readAllLimited(source, MAX_BYTES);
    return readShapefile(source.path === undefined ? { shp } : siblingParts(source.path, shp));
  }
  const text = decodeJsonBuffer(await readAllLimited(source, MAX_BYTES), source.fileName);
  return parseGeoJsonFeatures(text, source.fileName) as Feature[];
}
