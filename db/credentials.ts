// Camera credentials at rest: AES-256-GCM with a key from the environment, never stored or
// returned in clear. Ciphertext layout: "xl1" | key id (8 bytes) | IV (12) | tag (16) | data.
// Key rotation: XUELIANG_SECRET_KEY is the current key (32 bytes, base64 or hex);
// XUELIANG_SECRET_KEYS_OLD lists earlier keys (comma-separated) that can still decrypt, and
// `reencrypt` moves a value to the current key. Without XUELIANG_SECRET_KEY, the private set-up
// keeps a generated key in .data/secret-key (mode 0600) so `npm start` works out of the box.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './cluster';
import { UserFacingError } from './errors';

const MAGIC = Buffer.from('xl1');
const KEY_ID_BYTES = 8;

interface Key {
  id: Buffer;
  secret: Buffer;
}

function parseKey(raw: string, source: string): Key {
  const trimmed = raw.trim();
  const secret = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (secret.length !== 32)
    throw new UserFacingError(`${source} must be a 32-byte key in base64 or hex (for example: openssl rand -base64 32).`);
  return { id: createHash('sha256').update(secret).digest().subarray(0, KEY_ID_BYTES), secret };
}

function keyFile(): string {
  return join(REPO_ROOT, '.data', 'secret-key');
}

let cached: { current: Key; all: Key[] } | undefined;

function keys(): { current: Key; all: Key[] } {
  if (cached !== undefined) return cached;
  let current: Key;
  const env = process.env.XUELIANG_SECRET_KEY;
  if (env !== undefined && env !== '') {
    current = parseKey(env, 'XUELIANG_SECRET_KEY');
  } else {
    const file = keyFile();
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    }
    current = parseKey(readFileSync(file, 'utf8'), file);
  }
  const old = (process.env.XUELIANG_SECRET_KEYS_OLD ?? '')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map((s, i) => parseKey(s, `XUELIANG_SECRET_KEYS_OLD[${i}]`));
  cached = { current, all: [current, ...old] };
  return cached;
}

/** Forget loaded keys (tests that switch keys). */
export function resetCredentialKeys(): void {
  cached = undefined;
}

export function encryptSecret(plain: string): Buffer {
  const { current } = keys();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.secret, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([MAGIC, current.id, iv, cipher.getAuthTag(), data]);
}

export function decryptSecret(blob: Buffer): string {
  if (blob.length < MAGIC.length + KEY_ID_BYTES + 28 || !blob.subarray(0, 3).equals(MAGIC)) {
    throw new Error('stored credential is not in the xl1 format');
  }
  const id = blob.subarray(3, 3 + KEY_ID_BYTES);
  const key = keys().all.find((k) => k.id.equals(id));
  if (key === undefined)
    throw new Error('stored credential was encrypted with a key that is not configured (set XUELIANG_SECRET_KEYS_OLD)');
  const at = 3 + KEY_ID_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key.secret, blob.subarray(at, at + 12));
  decipher.setAuthTag(blob.subarray(at + 12, at + 28));
  return Buffer.concat([decipher.update(blob.subarray(at + 28)), decipher.final()]).toString('utf8');
}

/**
 * Fingerprints (hex key ids, the first 8 bytes of the key's SHA-256, as stored in every
 * ciphertext) of the current key and of every key that can decrypt: what a backup records and a
 * restore compares.
 */
export function keyFingerprints(): { current: string; all: string[] } {
  const k = keys();
  return { current: k.current.id.toString('hex'), all: k.all.map((x) => x.id.toString('hex')) };
}

/** The fingerprint of the key a stored value was encrypted with, or null when it is not xl1. */
export function ciphertextKeyFingerprint(blob: Buffer): string | null {
  if (blob.length < MAGIC.length + KEY_ID_BYTES || !blob.subarray(0, 3).equals(MAGIC)) return null;
  return blob.subarray(3, 3 + KEY_ID_BYTES).toString('hex');
}

/** True when the value is not encrypted with the current key (a rotation candidate). */
export function needsReencrypt(blob: Buffer): boolean {
  return !blob.subarray(3, 3 + KEY_ID_BYTES).equals(keys().current.id);
}
