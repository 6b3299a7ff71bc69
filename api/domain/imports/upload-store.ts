// Uploads for the dry-run-then-commit flow: the request body streams to disk (never held in
// memory), counted against the size limit and the user's quota as it arrives, encrypted as it is
// written (sealed-file.ts: a ledger carries ONVIF passwords in clear), and kept for a short time
// (XUELIANG_UPLOAD_TTL_MIN, default 15 min) so the commit, or a second dry run with another
// mapping, needs no second upload. The server sweeps expired uploads itself every minute; a
// commit that wrote and an explicit discard delete at once. An upload belongs to its user.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserFacingError } from '../../../db/errors';
import type { ByteSource } from '../../../gis-data/ledger/source';
import { ApiError, ForbiddenError, NotFoundError, PayloadTooLargeError } from '../../errors';
import { openSealed, sealedRange, sealer, type SealInfo } from './sealed-file';

export interface UploadPolicy {
  /** Where uploads are kept: one folder per database, so two servers on one machine never share uploads or quotas. */
  dir: string;
  /** How long an upload is kept (ms). */
  ttlMs: number;
  /** Pending uploads one user may have. */
  quotaFiles: number;
  /** Bytes of pending uploads one user may have. */
  quotaBytes: number;
}

export interface UploadMeta {
  id: string;
  kind: string;
  fileName: string;
  userId: number;
  bytes: number;
  createdAt: number;
  expiresAt: number;
  seal: SealInfo;
}

const ID = /^[A-Za-z0-9_-]{16}$/;
const DATA = 'data.sealed';
const META = 'meta.json';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!(Number.isFinite(v) && v > 0)) throw new UserFacingError(`${name} must be a positive number, got "${raw}"`);
  return v;
}

/** The server's upload folder: XUELIANG_UPLOAD_DIR (or the temp dir's xueliang-uploads), then one folder per database (user ids are per database). */
export function uploadDirFor(pool: pg.Pool): string {
  const o = pool.options as { connectionString?: string; host?: string; port?: number; database?: string };
  let where = `${o.host ?? ''}:${o.port ?? ''}/${o.database ?? ''}`;
  if (o.connectionString !== undefined) {
    try {
      const u = new URL(o.connectionString);
      where = `${u.hostname}:${u.port}${u.pathname}${u.searchParams.get('host') ?? ''}`;
    } catch {
      where = o.connectionString; // not a URL (a key=value string): still one folder per string
    }
  }
  const base = process.env.XUELIANG_UPLOAD_DIR ?? join(tmpdir(), 'xueliang-uploads');
  return join(base, createHash('sha256').update(where).digest('hex').slice(0, 16));
}

/** XUELIANG_UPLOAD_TTL_MIN (15), XUELIANG_UPLOAD_QUOTA_FILES (5), XUELIANG_UPLOAD_QUOTA_MB (512). */
export function defaultUploadPolicy(pool: pg.Pool): UploadPolicy {
  return {
    dir: uploadDirFor(pool),
    ttlMs: Math.round(envNumber('XUELIANG_UPLOAD_TTL_MIN', 15) * 60_000),
    quotaFiles: Math.floor(envNumber('XUELIANG_UPLOAD_QUOTA_FILES', 5)),
    quotaBytes: Math.round(envNumber('XUELIANG_UPLOAD_QUOTA_MB', 512) * 1024 * 1024),
  };
}

function ensureDir(policy: UploadPolicy): string {
  mkdirSync(policy.dir, { recursive: true, mode: 0o700 });
  return policy.dir;
}

/** A file name safe to keep (no path, no control characters), used only for reports. */
export function safeFileName(name: string | undefined, fallback: string): string {
  const base = basename((name ?? '').replace(/\\/g, '/'))
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .slice(0, 120);
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

function readMeta(folder: string): UploadMeta | undefined {
  try {
    return JSON.parse(readFileSync(join(folder, META), 'utf8')) as UploadMeta;
  } catch {
    return undefined; // being written, or half removed: judged by its age below
  }
}

/** When an upload expires: its own expiry, else (an older server's upload, or a folder a crash left without metadata) its age past `ttlMs`. */
function expiryOf(folder: string, ttlMs: number): number {
  const meta = readMeta(folder);
  if (meta !== undefined && typeof meta.expiresAt === 'number') return meta.expiresAt;
  return (meta?.createdAt ?? statSync(folder).mtimeMs) + ttlMs;
}

/** Removes the uploads that have expired by `now`. */
export function sweepExpiredUploads(policy: UploadPolicy, now = Date.now()): number {
  let removed = 0;
  const dir = ensureDir(policy);
  for (const name of readdirSync(dir)) {
    const folder = join(dir, name);
    try {
      if (now > expiryOf(folder, policy.ttlMs)) {
        rmSync(folder, { recursive: true, force: true });
        removed += 1;
      }
    } catch (err) {
      // Another sweep or a discard removed it first; anything else is worth a line in the log.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') console.error(`[uploads] cannot sweep ${name}:`, (err as Error).message);
    }
  }
  return removed;
}

/** Runs the sweep now and then every minute (or sooner for a short TTL); returns the stop function. */
export function startUploadSweeper(policy: UploadPolicy): () => void {
  const sweep = () => {
    try {
      sweepExpiredUploads(policy);
    } catch (err) {
      console.error('[uploads] sweep failed:', (err as Error).message);
    }
  };
  sweep();
  const timer = setInterval(sweep, Math.max(50, Math.min(60_000, Math.floor(policy.ttlMs / 2))));
  timer.unref();
  return () => clearInterval(timer);
}

export class UploadQuotaError extends ApiError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'upload_quota', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function pendingOf(userId: number, policy: UploadPolicy, now: number): UploadMeta[] {
  const out: UploadMeta[] = [];
  const dir = ensureDir(policy);
  for (const name of readdirSync(dir)) {
    const meta = readMeta(join(dir, name));
    if (meta !== undefined && meta.userId === userId && now <= (meta.expiresAt ?? meta.createdAt + policy.ttlMs)) out.push(meta);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

function quotaError(pending: UploadMeta[], policy: UploadPolicy, now: number): UploadQuotaError {
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const used = pending.reduce((n, m) => n + m.bytes, 0);
  const oldest = pending[0];
  const wait = oldest === undefined ? 60 : Math.max(1, Math.ceil((oldest.expiresAt - now) / 1000));
  return new UploadQuotaError(
    `You have ${pending.length} uploads waiting (${mb(used)}; the quota is ${policy.quotaFiles} uploads and ${mb(policy.quotaBytes)}): commit or discard one (DELETE /api/v1/imports/uploads/{uploadId}), or wait ${Math.ceil(wait / 60)} min for the oldest to expire.`,
    wait,
  );
}

export async function storeUpload(
  body: Readable,
  o: { kind: string; fileName: string; userId: number; limitBytes: number; policy: UploadPolicy },
): Promise<{ meta: UploadMeta; source: ByteSource }> {
  const now = Date.now();
  const pending = pendingOf(o.userId, o.policy, now);
  const used = pending.reduce((n, m) => n + m.bytes, 0);
  if (pending.length >= o.policy.quotaFiles || used >= o.policy.quotaBytes) throw quotaError(pending, o.policy, now);
  const room = o.policy.quotaBytes - used;
  const id = randomBytes(12).toString('base64url');
  const folder = join(o.policy.dir, id);
  mkdirSync(folder, { mode: 0o700 });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > o.limitBytes) done(new PayloadTooLargeError(o.limitBytes));
      else if (bytes > room) done(quotaError(pending, o.policy, now));
      else done(null, chunk);
    },
  });
  const seal = sealer();
  try {
    await pipeline(body, counter, seal.cipher, createWriteStream(join(folder, DATA), { mode: 0o600 }));
  } catch (err) {
    rmSync(folder, { recursive: true, force: true });
    throw err;
  }
  const meta: UploadMeta = {
    id,
    kind: o.kind,
    fileName: o.fileName,
    userId: o.userId,
    bytes,
    createdAt: now,
    expiresAt: now + o.policy.ttlMs,
    seal: seal.info(),
  };
  writeFileSync(join(folder, META), JSON.stringify(meta), { mode: 0o600 });
  return { meta, source: sealedSource(folder, meta) };
}

/** The upload as importers read it: a decrypting stream, and decrypted byte ranges for zip readers. */
function sealedSource(folder: string, meta: UploadMeta): ByteSource {
  const path = join(folder, DATA);
  const read = sealedRange(path, meta.seal);
  return { fileName: meta.fileName, open: () => openSealed(path, meta.seal), ranges: { size: meta.bytes, read } };
}

type User = { id: number; role: string };

function findUpload(policy: UploadPolicy, id: string, user: User, kind?: string): UploadMeta {
  const notFound = new NotFoundError('No such upload (uploads are kept for a short time): upload the file again.', { field: 'uploadId' });
  if (!ID.test(id) || !existsSync(join(policy.dir, id, META))) throw notFound;
  const meta = readMeta(join(policy.dir, id));
  if (meta === undefined || (kind !== undefined && meta.kind !== kind) || Date.now() > meta.expiresAt) throw notFound;
  if (meta.userId !== user.id && user.role !== 'admin') throw new ForbiddenError('This upload belongs to another user.');
  return meta;
}

export function openUpload(policy: UploadPolicy, id: string, kind: string, user: User): { meta: UploadMeta; source: ByteSource } {
  const meta = findUpload(policy, id, user, kind);
  return { meta, source: sealedSource(join(policy.dir, id), meta) };
}

export function discardUpload(policy: UploadPolicy, id: string): void {
  if (ID.test(id)) rmSync(join(policy.dir, id), { recursive: true, force: true });
}

/** Discards an upload of the user (or, for an admin, anyone's); 404 when there is none. */
export function discardOwnUpload(policy: UploadPolicy, id: string, user: User): void {
  findUpload(policy, id, user);
  discardUpload(policy, id);
}
