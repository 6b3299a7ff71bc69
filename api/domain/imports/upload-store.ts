// Uploads for the dry-run-then-commit flow: the request body streams to a temp file (never held
// in memory), counted against the size limit as it arrives, and is kept for an hour so the
// commit (or a second dry run with another column mapping) does not need a second upload. An
// upload belongs to the user who sent it.
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sourceFromFile, type ByteSource } from '../../../gis-data/ledger/source';
import { ForbiddenError, NotFoundError, PayloadTooLargeError } from '../../errors';

export const UPLOAD_TTL_MS = 60 * 60_000;

export interface UploadMeta {
  id: string;
  kind: string;
  fileName: string;
  userId: number;
  bytes: number;
  createdAt: number;
}

function dir(): string {
  const d = process.env.XUELIANG_UPLOAD_DIR ?? join(tmpdir(), 'xueliang-uploads');
  mkdirSync(d, { recursive: true, mode: 0o700 });
  return d;
}

/** A file name safe to keep (no path, no control characters), used only for reports. */
export function safeFileName(name: string | undefined, fallback: string): string {
  const base = basename((name ?? '').replace(/\\/g, '/'))
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .slice(0, 120);
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

function removeExpired(now = Date.now()): void {
  for (const name of readdirSync(dir())) {
    const path = join(dir(), name);
    try {
      if (now - statSync(path).mtimeMs > UPLOAD_TTL_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another request removed it first.
    }
  }
}

export async function storeUpload(
  body: Readable,
  o: { kind: string; fileName: string; userId: number; limitBytes: number },
): Promise<{ meta: UploadMeta; source: ByteSource }> {
  removeExpired();
  const id = randomBytes(12).toString('base64url');
  const folder = join(dir(), id);
  // The file keeps its name (importers detect the format from it) in a folder of its own.
  mkdirSync(join(folder, 'file'), { recursive: true, mode: 0o700 });
  const path = join(folder, 'file', o.fileName);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > o.limitBytes) done(new PayloadTooLargeError(o.limitBytes));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(path, { mode: 0o600 }));
  } catch (err) {
    rmSync(folder, { recursive: true, force: true });
    throw err;
  }
  const meta: UploadMeta = { id, kind: o.kind, fileName: o.fileName, userId: o.userId, bytes, createdAt: Date.now() };
  writeFileSync(join(folder, 'meta.json'), JSON.stringify(meta), { mode: 0o600 });
  return { meta, source: sourceFromFile(path) };
}

export function openUpload(id: string, kind: string, user: { id: number; role: string }): { meta: UploadMeta; source: ByteSource } {
  const notFound = new NotFoundError('No such upload (uploads are kept for one hour): upload the file again.', { field: 'uploadId' });
  if (!/^[A-Za-z0-9_-]{16}$/.test(id)) throw notFound;
  const metaPath = join(dir(), id, 'meta.json');
  if (!existsSync(metaPath)) throw notFound;
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as UploadMeta;
  if (meta.kind !== kind || Date.now() - meta.createdAt > UPLOAD_TTL_MS) throw notFound;
  if (meta.userId !== user.id && user.role !== 'admin') throw new ForbiddenError('This upload belongs to another user.');
  return { meta, source: sourceFromFile(join(dir(), id, 'file', meta.fileName)) };
}

export function discardUpload(id: string): void {
  if (/^[A-Za-z0-9_-]{16}$/.test(id)) rmSync(join(dir(), id), { recursive: true, force: true });
}
