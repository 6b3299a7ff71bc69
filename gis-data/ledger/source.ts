// A byte source that can be opened more than once: the CLI passes a file, the API a spooled
// upload or a Buffer. Importers that must look twice (xlsx: zip directory, then the sheet)
// simply open it again instead of holding the whole file.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';

/** Random access to a source's bytes without a plain file on disk (an encrypted upload). */
export interface ByteRanges {
  size: number;
  /** Bytes [start, end). */
  read(start: number, end: number): Readable;
}

export interface ByteSource {
  fileName: string;
  /** Path on disk when there is one (shapefile and zip readers need random access). */
  path?: string;
  /** Random access when there is no plain file (zip readers use it instead of the path). */
  ranges?: ByteRanges;
  open(): Readable;
}

/** What a zip reader can open: a path, byte ranges, or (a small file) the bytes themselves. */
export async function zipInputOf(source: ByteSource, maxBytes: number): Promise<string | ByteRanges | Buffer> {
  return source.path ?? source.ranges ?? (await readAllLimited(source, maxBytes));
}

export function sourceFromFile(path: string): ByteSource {
  return { fileName: basename(path), path, open: () => createReadStream(path) };
}

export function sourceFromBuffer(fileName: string, buf: Buffer): ByteSource {
  return { fileName, open: () => Readable.from([buf]) };
}

/** Reads the first bytes of a source (format sniffing) without reading the rest. */
export async function readHead(source: ByteSource, bytes = 4096): Promise<Buffer> {
  const stream = source.open();
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(b);
    n += b.length;
    if (n >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, bytes);
}

/** Reads a whole source into memory, refusing more than maxBytes (formats that are not streamable). */
export async function readAllLimited(source: ByteSource, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of source.open()) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    n += b.length;
    if (n > maxBytes) throw new Error(`${source.fileName} is larger than ${Math.round(maxBytes / 1e6)} MB, the limit for this format`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** SHA-256 (hex) of a source's bytes, read as a stream: what an import's audit entry names. */
export async function sha256OfSource(source: ByteSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source.open()) hash.update(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return hash.digest('hex');
}
