// Uploaded files at rest: a ledger carries ONVIF passwords in clear, so an upload waiting for its
// commit is stored encrypted, AES-256-GCM under a key of its own; that key is kept wrapped by the
// credentials key (db/credentials.ts encryptSecret), so key rotation and XUELIANG_SECRET_KEY
// cover uploads too. A full read decrypts as a stream and checks the GCM tag at the end; the zip
// readers (xlsx, zipped shapefiles) need random access, which GCM allows as plain AES-CTR from
// the block's counter: GCM encrypts block i with the counter IV || (i + 2) (NIST SP 800-38D,
// 96-bit IV), so any byte range decrypts on its own and no plaintext copy is ever written.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { decryptSecret, encryptSecret } from '../../../db/credentials';

/** What meta.json keeps to read a sealed file back (no secret in clear). */
export interface SealInfo {
  /** The file's own key, wrapped by encryptSecret (base64 of the xl1 blob). */
  wrappedKey: string;
  iv: string;
  /** GCM tag, known once the whole file was written. */
  tag: string;
}

const BLOCK = 16;

export interface Sealer {
  /** Encrypts what passes through. */
  cipher: Transform;
  /** The seal info; call after the cipher has flushed. */
  info(): SealInfo;
}

export function sealer(): Sealer {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return {
    cipher,
    info: () => ({
      wrappedKey: encryptSecret(key.toString('base64')).toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    }),
  };
}

function keyOf(info: SealInfo): Buffer {
  return Buffer.from(decryptSecret(Buffer.from(info.wrappedKey, 'base64')), 'base64');
}

/** The whole file, decrypted; the stream fails at its end if the file was altered. */
export function openSealed(path: string, info: SealInfo): Readable {
  const decipher = createDecipheriv('aes-256-gcm', keyOf(info), Buffer.from(info.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(info.tag, 'base64'));
  const file = createReadStream(path);
  file.on('error', (err) => decipher.destroy(err));
  return file.pipe(decipher);
}

/** GCM's counter block for data block `index` (inc32 from IV || 2; files stay far below 64 GiB). */
function counterBlock(iv: Buffer, index: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  iv.copy(block, 0, 0, 12);
  block.writeUInt32BE((index + 2) >>> 0, 12);
  return block;
}

/** Bytes [start, end) of the plaintext, decrypted without reading the rest (unauthenticated: the zip readers also read it all through openSealed). */
export function sealedRange(path: string, info: SealInfo): (start: number, end: number) => Readable {
  const key = keyOf(info);
  const iv = Buffer.from(info.iv, 'base64');
  return (start, end) => {
    const first = Math.floor(start / BLOCK);
    let skip = start - first * BLOCK;
    const decipher = createDecipheriv('aes-256-ctr', key, counterBlock(iv, first));
    const trim = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (skip >= chunk.length) {
          skip -= chunk.length;
          done();
          return;
        }
        const out = chunk.subarray(skip);
        skip = 0;
        done(null, out);
      },
    });
    if (end <= start) {
      trim.end();
      return trim;
    }
    const file = createReadStream(path, { start: first * BLOCK, end: end - 1 });
    file.on('error', (err) => trim.destroy(err));
    decipher.on('error', (err) => trim.destroy(err));
    return file.pipe(decipher).pipe(trim);
  };
}
