// Binary COPY both ways against a real server: rows written by BinaryCopyRows (ids, text, real,
// boolean, bytea, NULL) arrive as they were, a subset resent with rowsOnly arrives alone, and
// copyOutBinary reads them back with the field readers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import { BinaryCopyRows, binary, copyOutBinary, rowsOnly } from '../../db/copy-binary';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

async function copyIn(client: pg.PoolClient, data: Buffer): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom('COPY t FROM STDIN (FORMAT binary)'));
    stream.on('finish', () => resolve());
    stream.on('error', reject);
    stream.end(data);
  });
}

describe('binary COPY', () => {
  it('loads what BinaryCopyRows writes, resends a subset with rowsOnly, and reads it back', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('CREATE TEMP TABLE t (id bigint, name text, v real, ok boolean, b bytea)');
      const rows = new BinaryCopyRows();
      const big = 2 ** 40 + 7;
      rows
        .row(5)
        .int8(1)
        .text('东门 crossing')
        .float4(12.5)
        .bool(true)
        .bytes(Uint8Array.from([1, 2, 3]));
      rows.row(5).int8(big).text('').float4(-0.25).bool(false).bytes(null);
      // Large enough to make the buffer grow several times.
      const blob = new Uint8Array(300_000).map((_, i) => i % 251);
      rows.row(5).int8(3).null().float4(1e6).bool(true).bytes(blob);
      const data = rows.finish();
      expect(rows.rows).toBe(3);
      await copyIn(client, data);
      const back: unknown[][] = [];
      await copyOutBinary(client, 'SELECT id, name, v, ok, b FROM t ORDER BY id', (r) => {
        back.push([
          binary.int8(r, 0),
          binary.isNull(r, 1) ? null : binary.text(r, 1),
          binary.float4(r, 2),
          binary.bool(r, 3),
          binary.isNull(r, 4) ? null : Buffer.from(binary.bytes(r, 4)),
        ]);
      });
      expect(back).toEqual([
        [1, '东门 crossing', 12.5, true, Buffer.from([1, 2, 3])],
        [3, null, 1e6, true, Buffer.from(blob)],
        [big, '', -0.25, false, null],
      ]);
      await client.query('TRUNCATE t');
      await copyIn(client, rowsOnly(data, rows.rowStarts, 1, 2));
      const { rows: one } = await client.query<{ id: number }>('SELECT id FROM t');
      expect(one).toEqual([{ id: big }]);
    } finally {
      client.release();
    }
  });
});
