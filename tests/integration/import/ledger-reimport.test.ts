// Issue 14, "Re-import of an unchanged ledger": exporting the demo county's cameras.csv and
// importing it again reported "to update 2,000" (every existing camera counted as an update,
// and a commit rewrote all of them). An unchanged camera is now reported unchanged and left
// alone, and the dry run lists only the real changes, field by field, with before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratedCity } from '../../../gis-data/loaders/load-generated-city';
import { importCameraLedger } from '../../../gis-data/ledger/import-ledger';
import { sourceFromBuffer } from '../../../gis-data/ledger/source';
import { encryptSecret } from '../../../db/credentials';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { term } from '../../../vocabulary/glossary';

let db: TestDatabase;
let t: TestApp;
let exported: string;

/** The exported CSV with one cell changed: `column` (a code; the header row is its zh label) of the row of `deviceId`. */
function edit(csv: string, deviceId: string, column: string, value: string): string {
  const lines = csv.split('\r\n');
  const header = lines[0]!.replace(/^\uFEFF/, '').split(',');
  const col = header.indexOf(term('zh', 'column', column));
  if (col === -1) throw new Error(`no column ${column} in the export's header`);
  const i = lines.findIndex((l) => l.includes(`,${deviceId},`));
  const cells = lines[i]!.split(',');
  cells[col] = value;
  lines[i] = cells.join(',');
  return lines.join('\r\n');
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadGeneratedCity(db.pool, { scale: 'demo', seed: 1, replace: false });
  t = await createTestApp(db);
  const res = await t.app.request('/api/v1/exports/cameras.csv', { headers: await t.login('engineer') });
  expect(res.status).toBe(200);
  exported = await res.text();
}, 60_000);
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

describe('re-importing the exported camera ledger', () => {
  it('reports every camera of an unchanged ledger unchanged, with no changes listed', async () => {
    const r = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', Buffer.from(exported)));
    expect(r.counts).toMatchObject({ rows: 2000, add: 0, update: 0, unchanged: 2000, reject: 0 });
    expect(r.changes).toEqual([]);
  });

  it('lists only the real changes, field by field, with the stored and the new value', async () => {
    const { rows } = await db.pool.query<{ device_id: string; height_m: number; name: string }>(
      'SELECT device_id, height_m, name FROM cameras ORDER BY device_id LIMIT 2',
    );
    const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
    let csv = edit(exported, a.device_id, 'height_m', String(a.height_m + 1.5));
    csv = edit(csv, b.device_id, 'name', '新名称');
    csv = edit(csv, b.device_id, 'azimuth_deg', '7');
    const r = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', Buffer.from(csv)));
    expect(r.counts).toMatchObject({ add: 0, update: 2, unchanged: 1998 });
    const byId = new Map(r.changes.map((c) => [c.deviceId, c]));
    expect(byId.get(a.device_id)!.fields).toEqual([{ field: 'height_m', before: a.height_m, after: expect.closeTo(a.height_m + 1.5, 5) }]);
    expect(byId.get(b.device_id)!.fields.map((f) => f.field)).toEqual(['name', 'azimuth_deg']);
    expect(byId.get(b.device_id)!.fields[0]).toEqual({ field: 'name', before: b.name, after: '新名称' });
    expect(byId.get(b.device_id)!.row).toBeGreaterThan(1);
  });

  it('a commit of the unchanged ledger writes nothing: no camera is touched, provenance and source stay', async () => {
    const before = (await db.pool.query("SELECT md5(string_agg(c::text, '|' ORDER BY id)) AS h FROM cameras c")).rows[0].h;
    const r = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', Buffer.from(exported)), { commit: true });
    expect(r.committed).toBe(true);
    expect(r.counts).toMatchObject({ update: 0, unchanged: 2000 });
    const after = (await db.pool.query("SELECT md5(string_agg(c::text, '|' ORDER BY id)) AS h FROM cameras c")).rows[0].h;
    expect(after).toBe(before);
  });

  it('a commit with one change writes that camera only', async () => {
    const id = (await db.pool.query<{ device_id: string }>('SELECT device_id FROM cameras ORDER BY device_id DESC LIMIT 1')).rows[0]!
      .device_id;
    const r = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', Buffer.from(edit(exported, id, 'tilt_deg', '44'))), {
      commit: true,
    });
    expect(r.counts).toMatchObject({ update: 1, unchanged: 1999 });
    const touched = (
      await db.pool.query<{ device_id: string }>(
        "SELECT device_id FROM cameras WHERE updated_at > now() - interval '1 minute' AND source <> 'generated'",
      )
    ).rows;
    expect(touched.map((x) => x.device_id)).toEqual([id]);
    // The original ledger puts it back: one update again, and the next test starts from the export.
    const back = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', Buffer.from(exported)), { commit: true });
    expect(back.changes).toEqual([
      { row: expect.any(Number), deviceId: id, fields: [{ field: 'tilt_deg', before: 44, after: expect.any(Number) }] },
    ]);
  });

  // The diff is read a page of 1,000 rows at a time (memory holds a page, not every changed id):
  // changes on every page are counted, the first 1,000 listed, and a commit writes them all.
  it('counts and commits changes beyond the first page of the diff', async () => {
    const { rows } = await db.pool.query<{ device_id: string; tilt_deg: number }>(
      'SELECT device_id, tilt_deg FROM cameras WHERE tilt_deg IS NOT NULL ORDER BY device_id LIMIT 1200',
    );
    expect(rows).toHaveLength(1200);
    let csv = exported;
    for (const r of rows) csv = edit(csv, r.device_id, 'tilt_deg', String(r.tilt_deg === 44 ? 45 : 44));
    const dry = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', Buffer.from(csv)));
    expect(dry.counts).toMatchObject({ add: 0, update: 1200, unchanged: 800 });
    expect(dry.changes).toHaveLength(1000);
    const r = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', Buffer.from(csv)), { commit: true });
    expect(r.counts).toMatchObject({ update: 1200, unchanged: 800 });
    const changed = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cameras c JOIN unnest($1::text[], $2::real[]) AS o (id, tilt) ON o.id = c.device_id WHERE c.tilt_deg <> o.tilt',
      [rows.map((x) => x.device_id), rows.map((x) => x.tilt_deg)],
    );
    expect(changed.rows[0]!.n).toBe(1200);
    const back = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', Buffer.from(exported)), { commit: true });
    expect(back.counts).toMatchObject({ update: 1200, unchanged: 800 });
  }, 120_000);

  // The GB/T 28181 password (merged from main later) is compared the same way: before, a stored
  // one made every re-import with the same password report the camera changed.
  it.each([
    ['onvif_password', 'onvif_password_enc'],
    ['gb_password', 'gb_password_enc'],
  ] as const)('a password (%s) is a change only when it differs from the stored one, and is never shown', async (column, stored) => {
    const id = (await db.pool.query<{ device_id: string }>('SELECT device_id FROM cameras ORDER BY device_id LIMIT 1')).rows[0]!.device_id;
    await db.pool.query(`UPDATE cameras SET ${stored} = $2 WHERE device_id = $1`, [id, encryptSecret('same-pass')]);
    const withPassword = (pass: string) => {
      const lines = exported.split('\r\n');
      lines[0] = `${lines[0]},${column}`;
      for (let i = 1; i < lines.length; i++) if (lines[i] !== '') lines[i] = `${lines[i]},${lines[i]!.includes(`,${id},`) ? pass : ''}`;
      return Buffer.from(lines.join('\r\n'));
    };
    const same = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', withPassword('same-pass')));
    expect(same.changes).toEqual([]);
    expect(same.counts).toMatchObject({ update: 0, unchanged: 2000 });
    const other = await importCameraLedger(db.pool, sourceFromBuffer('cameras.csv', withPassword('new-pass')));
    expect(other.counts).toMatchObject({ update: 1, unchanged: 1999 });
    expect(other.changes).toEqual([{ row: expect.any(Number), deviceId: id, fields: [{ field: column, before: null, after: null }] }]);
    expect(JSON.stringify(other)).not.toMatch(/same-pass|new-pass/);
  });
});
