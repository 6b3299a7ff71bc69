// Uploads are sealed with AES-256-GCM and read back either whole (tag checked) or by byte range
// through AES-CTR from GCM's own counter (for the zip readers). A range that decrypts to the
// wrong bytes would hand yauzl garbage, so any range must equal the plaintext slice.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openSealed, sealedRange, sealer, type SealInfo } from '../../../api/domain/imports/sealed-file';

async function collect(r: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function seal(plain: Buffer): Promise<{ path: string; info: SealInfo }> {
  const path = join(mkdtempSync(join(tmpdir(), 'xl-seal-')), 'data.sealed');
  const s = sealer();
  // Odd chunk sizes, so block boundaries fall inside chunks.
  const chunks = [];
  for (let i = 0; i < plain.length; i += 4099) chunks.push(plain.subarray(i, i + 4099));
  await pipeline(Readable.from(chunks), s.cipher, createWriteStream(path));
  return { path, info: s.info() };
}

describe('sealed upload files', () => {
  it('hold no plaintext and read back whole', async () => {
    const plain = Buffer.concat([Buffer.from('device_id,onvif_password\n61090200001320000001,Secret-123\n'), randomBytes(70_000)]);
    const { path, info } = await seal(plain);
    expect(readFileSync(path).includes(Buffer.from('Secret-123'))).toBe(false);
    expect(JSON.stringify(info)).not.toContain('Secret-123');
    expect((await collect(openSealed(path, info))).equals(plain)).toBe(true);
  });

  it('decrypt any byte range on its own to exactly the plaintext slice', async () => {
    const plain = randomBytes(50_000);
    const { path, info } = await seal(plain);
    const read = sealedRange(path, info);
    await fc.assert(
      fc.asyncProperty(fc.nat(plain.length), fc.nat(plain.length), async (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect((await collect(read(start, end))).equals(plain.subarray(start, end))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('refuse a file altered on disk when read whole (the GCM tag)', async () => {
    const { path, info } = await seal(randomBytes(10_000));
    const bytes = readFileSync(path);
    bytes[5000] = bytes[5000]! ^ 0xff;
    writeFileSync(path, bytes);
    await expect(collect(openSealed(path, info))).rejects.toThrow();
  });
});
