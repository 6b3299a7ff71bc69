// The streamed JSON array reader must hand over exactly the elements JSON.parse would find,
// whatever the layout and wherever the file's chunks are cut, and refuse what is not JSON.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamJsonArray } from '../../../gis-data/ledger/json-array-stream';
import type { ByteSource } from '../../../gis-data/ledger/source';

function chunked(text: string | Buffer, size: number): ByteSource {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return { fileName: 'doc.json', open: () => Readable.from(parts) };
}

async function all(source: ByteSource, key: string) {
  const doc = streamJsonArray(source, key);
  const out: unknown[] = [];
  for await (const e of doc.elements) out.push(e);
  return { out, found: doc.found(), root: doc.rootStrings };
}

describe('streamJsonArray', () => {
  it('yields what JSON.parse finds, for any elements, any other members and any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 12 }),
        fc.dictionary(
          fc.string().filter((k) => k !== 'features'),
          fc.jsonValue({ maxDepth: 3 }),
          { maxKeys: 3 },
        ),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        async (features, others, size, spaced) => {
          const doc = { ...others, features };
          const text = spaced ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
          const { out, found } = await all(chunked(text, size), 'features');
          expect(found).toBe(true);
          expect(out).toEqual(JSON.parse(JSON.stringify(features)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a bare root array and keeps the short root strings (type)', async () => {
    expect((await all(chunked('[1, "a,]", {"b":[2,3]}]', 3), 'elements')).out).toEqual([1, 'a,]', { b: [2, 3] }]);
    const r = await all(chunked('{"features":[],"type":"Feature\\u0043ollection","name":"x\\"y"}', 5), 'features');
    expect(r.root.get('type')).toBe('FeatureCollection');
    expect(r.root.get('name')).toBe('x"y');
  });

  it('does not take an array of another member, or a nested "features", for the target', async () => {
    const r = await all(chunked('{"other":[1,2],"meta":{"features":[3]},"type":"Feature"}', 4), 'features');
    expect(r.found).toBe(false);
    expect(r.out).toEqual([]);
  });

  it('keeps multi-byte characters whole across chunk cuts', async () => {
    const text = JSON.stringify({ features: [{ name: '新街口东北角' }, { name: '😀' }] });
    expect((await all(chunked(text, 1), 'features')).out).toEqual([{ name: '新街口东北角' }, { name: '😀' }]);
  });

  it('refuses broken JSON, naming the element', async () => {
    await expect(all(chunked('{"features":[{"a":1},{"a":}]}', 8), 'features')).rejects.toThrow(/element 2 of "features" is not valid JSON/);
    await expect(all(chunked('{"features":[{"a":1}', 8), 'features')).rejects.toThrow(/ends early/);
    await expect(all(chunked('{"features":[1]]}', 8), 'features')).rejects.toThrow(/unbalanced/);
    await expect(all(chunked('nope', 8), 'features')).rejects.toThrow(/expected a JSON object or array/);
    await expect(all(chunked('{"features":[1]} {"features":[2]}', 8), 'features')).rejects.toThrow(/text after the end .* character 17/);
  });

  it('refuses an element larger than its limit, and nesting deeper than 64, before holding them', async () => {
    const big = `{"features":[{"name":"${'x'.repeat(1024 * 1024 + 10)}"}]}`;
    await expect(all(chunked(big, 65536), 'features')).rejects.toThrow(/element 1 .* longer than/);
    const deep = `{"features":[${'['.repeat(100)}${']'.repeat(100)}]}`;
    await expect(all(chunked(deep, 16), 'features')).rejects.toThrow(/nesting deeper than 64/);
  });

  it('refuses bytes that are not UTF-8, with the line', async () => {
    const bad = Buffer.concat([Buffer.from('{"features":[\n{"name":"'), Buffer.from([0xd6, 0xd0]), Buffer.from('"}]}')]);
    await expect(all(chunked(bad, 5), 'features')).rejects.toThrow(/line 2 .*UTF-8/);
  });
});
