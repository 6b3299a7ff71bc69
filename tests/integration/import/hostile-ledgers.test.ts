// Hostile and damaged import files (issue 15 items 5, 12 and 14), each pinned by the bug it was:
// - a GBK ledger whose Chinese began after the first 64 KiB was decoded as UTF-8 and committed
//   with U+FFFD names; invalid bytes anywhere were silently replaced;
// - a GeoJSON property named __proto__ failed the whole file with a misleading --mapping message;
// - a NUL character after the first 64 KiB of a CSV reached PostgreSQL and came back as its raw
//   error text, with no row;
// - a target polygon with latitude 9999 or an Infinity vertex was "added" by the dry run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { importCameraLedger } from '../../../gis-data/ledger/import-ledger';
import { sourceFromBuffer } from '../../../gis-data/ledger/source';
import { importAreas, importTargets } from '../../../gis-data/targets-import/import-targets';

const fx = (name: string): string => join(import.meta.dirname, '../../fixtures/import', name);
let db: TestDatabase;

/** The GBK bytes of 新街口东北角, cut from the GBK fixture (Node has no GBK encoder). */
const GBK_FIXTURE = readFileSync(fx('ledger-zh-gbk.csv'));
const GBK_NAME = (() => {
  const line2 = GBK_FIXTURE.subarray(GBK_FIXTURE.indexOf(0x0a) + 1);
  const a = line2.indexOf(0x2c);
  return line2.subarray(a + 1, line2.indexOf(0x2c, a + 1));
})();

let serial = 0;
const id = () => `32010600001320${String((serial += 1)).padStart(6, '0')}`;
const HEADER = 'device_id,name,type,lon,lat\n';
/** ASCII rows, about 70 KB of them: past the 64 KiB the old detector looked at. */
function asciiRows(n = 1400): string {
  return Array.from({ length: n }, (_, i) => `${id()},Camera ${i},fixed,118.78,32.045\n`).join('');
}
const row = (name: Buffer | string) => Buffer.concat([Buffer.from(`${id()},`), Buffer.from(name), Buffer.from(',fixed,118.78,32.045\n')]);
const countCameras = async () => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(
    `INSERT INTO settings (key, value) VALUES ('dataset', '{"name":"test","source":"osm","generated":false,"bounds":[118.76,32.03,118.80,32.06],"attribution":null,"seed":null}')`,
  );
});
afterAll(async () => {
  await db.drop();
});

describe('text encodings are decided on the whole file and decoded strictly (item 5)', () => {
  it('a GBK ledger whose Chinese starts after 70 KB is read as GBK: the names arrive intact, no U+FFFD', async () => {
    const ascii = HEADER + asciiRows();
    expect(ascii.length).toBeGreaterThan(70_000);
    const buf = Buffer.concat([Buffer.from(ascii), row(GBK_NAME), row(GBK_NAME)]);
    const r = await importCameraLedger(db.pool, sourceFromBuffer('late-gbk.csv', buf), { commit: true });
    expect(r.counts).toMatchObject({ reject: 0, add: 1402 });
    const names = (await db.pool.query<{ name: string }>("SELECT name FROM cameras WHERE name NOT LIKE 'Camera %'")).rows.map(
      (x) => x.name,
    );
    expect(names).toEqual(['新街口东北角', '新街口东北角']);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM cameras WHERE name LIKE '%\uFFFD%'")).rows[0]).toEqual({ n: 0 });
  });

  it('a UTF-8 ledger with one GBK name after 70 KB is refused with the line and byte, and nothing is written', async () => {
    const before = await countCameras();
    const head = Buffer.from(HEADER + asciiRows() + `${id()},东门,fixed,118.78,32.045\n${id()},西门路口,fixed,118.78,32.045\n`);
    const bad = row(GBK_NAME);
    const buf = Buffer.concat([head, bad, row('南门')]);
    const line = head.toString('utf8').split('\n').length; // the bad row's line, 1-based
    const err = await importCameraLedger(db.pool, sourceFromBuffer('mixed.csv', buf), { commit: true, skipInvalid: true }).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toContain(`line ${line}`);
    expect(message).toContain(`byte ${head.length + bad.indexOf(0x2c) + 1}`);
    expect(message).toMatch(/UTF-8/);
    expect(await countCameras()).toBe(before);
  });

  it('bytes that are not GBK either, in a GBK ledger, are refused with their line rather than replaced', async () => {
    const buf = Buffer.concat([Buffer.from(HEADER), row(GBK_NAME), row(Buffer.from([0xd6, 0xd0, 0xff, 0x41]))]);
    const err = await importCameraLedger(db.pool, sourceFromBuffer('broken-gbk.csv', buf)).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/line 3 .*GBK/);
  });

  it('the GBK fixture and a UTF-8 file with a BOM still read as before', async () => {
    const gbk = await importCameraLedger(db.pool, sourceFromBuffer('zh.csv', GBK_FIXTURE));
    expect(gbk.counts).toMatchObject({ rows: 2, reject: 0 });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}${id()},东门,fixed,118.78,32.045\n`)]);
    expect((await importCameraLedger(db.pool, sourceFromBuffer('bom.csv', bom))).counts).toMatchObject({ rows: 1, reject: 0 });
  });

  it('a GeoJSON ledger that is not valid UTF-8 is refused with the line, not stored with U+FFFD', async () => {
    const fc = (name: Buffer) =>
      Buffer.concat([
        Buffer.from(`{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":{"device_id":"${id()}","name":"`),
        name,
        Buffer.from('"},"geometry":{"type":"Point","coordinates":[118.78,32.045]}}\n]}'),
      ]);
    const err = await importCameraLedger(db.pool, sourceFromBuffer('gbk.geojson', fc(GBK_NAME))).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/line 2 .*UTF-8/);
  });
});

describe('hostile property names and characters (item 14)', () => {
  it('a GeoJSON property named __proto__ is just an unmapped column: the rows import', async () => {
    const features = [1, 2].map(() => ({
      type: 'Feature',
      properties: { device_id: id(), name: 'Gate', __proto__: { polluted: true }, constructor: 'x' },
      geometry: { type: 'Point', coordinates: [118.78, 32.045] },
    }));
    // JSON.stringify drops a __proto__ key of an object literal, so write it as a real key.
    const text = JSON.stringify({ type: 'FeatureCollection', features }).replaceAll(
      '"name":"Gate"',
      '"name":"Gate","__proto__":{"polluted":true}',
    );
    expect(text).toContain('"__proto__"');
    const r = await importCameraLedger(db.pool, sourceFromBuffer('proto.geojson', Buffer.from(text)));
    expect(r.counts).toMatchObject({ rows: 2, add: 2, reject: 0 });
    expect(r.unmappedHeaders).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Before: String() of a parsed {"toString":1,"valueOf":1} threw, failing a whole GeoJSON ledger
  // with "Cannot convert object to primitive value", and a target import with a TypeError (a 500
  // over HTTP); a null Overpass element threw the same way.
  const evil = { toString: 1, valueOf: 1 };
  it('a GeoJSON ledger property whose value is an object rejects that row with the field; the others import', async () => {
    const point = { type: 'Point', coordinates: [118.78, 32.045] };
    const features = [
      { type: 'Feature', properties: { device_id: evil, name: 'Gate' }, geometry: point },
      { type: 'Feature', properties: { device_id: id(), name: evil }, geometry: point },
      { type: 'Feature', properties: { device_id: id(), name: 'Gate', install_date: evil }, geometry: point },
      { type: 'Feature', properties: { device_id: id(), name: 'Gate' }, geometry: point },
    ];
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    const r = await importCameraLedger(db.pool, sourceFromBuffer('evil.geojson', Buffer.from(text)));
    expect(r.counts).toMatchObject({ rows: 4, reject: 2 });
    expect(r.rejections.map((x) => [x.row, x.field])).toEqual([
      [1, 'device_id'],
      [3, 'install_date'],
    ]);
  });
  it('a target whose name and priority are objects is imported without them; an Overpass file with a null element and object tags reads', async () => {
    const f = {
      type: 'Feature',
      properties: { name: evil, priority: evil, id: evil },
      geometry: { type: 'Point', coordinates: [118.78, 32.04] },
    };
    const t = await importTargets(
      db.pool,
      sourceFromBuffer('evil-targets.geojson', Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [f] }))),
      {
        class: 'hotspot',
      },
    );
    expect(t).toMatchObject({ added: 1, rejected: [] });
    const osm = { elements: [null, 7, { type: 'node', id: 42, lat: 32.045, lon: 118.78, tags: { man_made: 'surveillance', name: evil } }] };
    const o = await importCameraLedger(db.pool, sourceFromBuffer('evil.json', Buffer.from(JSON.stringify(osm))), { format: 'osm-json' });
    expect(o.counts).toMatchObject({ add: 1, reject: 0, skipped: 2 });
  });

  it('a mapping that names __proto__ maps that header, and pollutes nothing', async () => {
    const csv = `__proto__,name,lon,lat\n${id()},Gate,118.78,32.045\n`;
    const r = await importCameraLedger(db.pool, sourceFromBuffer('proto.csv', Buffer.from(csv)), {
      mapping: { ['__proto__']: 'device_id' },
    });
    expect(r.counts).toMatchObject({ rows: 1, add: 1, reject: 0 });
    expect(Object.getOwnPropertyDescriptor(r.mapping, '__proto__')?.value).toBe('device_id');
    expect(JSON.parse(JSON.stringify(r.mapping))).toEqual(JSON.parse('{"__proto__":"device_id","name":"name","lon":"lon","lat":"lat"}'));
    expect(({} as Record<string, unknown>).device_id).toBeUndefined();
  });

  it('a NUL in a cell after the first 64 KiB rejects that row with its number and field; the database never sees it', async () => {
    const head = HEADER + asciiRows();
    const line = head.split('\n').length;
    const csv = `${head}${id()},Bad\u0000name,fixed,118.78,32.045\n${id()},Good,fixed,118.78,32.045\n`;
    const r = await importCameraLedger(db.pool, sourceFromBuffer('nul.csv', Buffer.from(csv)));
    expect(r.counts).toMatchObject({ reject: 1, add: 1401 });
    expect(r.rejections).toEqual([
      expect.objectContaining({ row: line, code: 'bad_value', field: 'name', message: expect.stringMatching(/NUL/) }),
    ]);
  });
});

describe('import errors over HTTP carry no database text (item 14)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(db);
  });
  afterAll(async () => {
    await t.close();
  });
  const upload = async (path: string, body: Buffer) =>
    t.app.request(path, {
      method: 'POST',
      headers: { ...(await t.login('engineer')), 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(body),
    });

  it('a NUL late in a CSV is a rejected row in a 200 report, not the database error', async () => {
    const csv = `${HEADER}${asciiRows()}${id()},Bad\u0000,fixed,118.78,32.045\n`;
    const res = await upload('/api/v1/imports/cameras?fileName=nul.csv', Buffer.from(csv));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).not.toMatch(/unsupported Unicode|escape sequence|invalid byte sequence|SQLSTATE|22P05|22021/i);
  });

  it('a damaged encoding is a 422 whose row is the line, and the message names no database', async () => {
    const buf = Buffer.concat([Buffer.from(HEADER), row('东门'), row('西门'), row('北门'), row(GBK_NAME)]);
    const res = await upload('/api/v1/imports/cameras?fileName=mixed.csv', buf);
    const json = (await res.json()) as { error: { code: string; message: string; row?: number } };
    expect(res.status).toBe(422);
    expect(json.error.row).toBe(5);
    expect(json.error.message).toMatch(/line 5/);
  });

  it('a target GeoJSON whose geometry PostGIS cannot read names the feature, not the PostGIS message', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [118.78, 32.045] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Curve', coordinates: [118.78, 32.045] } },
      ],
    };
    const res = await upload('/api/v1/imports/targets?fileName=t.geojson&class=intersection', Buffer.from(JSON.stringify(fc)));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const report = (JSON.parse(text) as { report: { added: number; rejected: { feature: number; reason: string }[] } }).report;
    expect(report.added).toBe(1);
    expect(report.rejected).toEqual([{ feature: 2, reason: expect.stringMatching(/geometry/) }]);
    expect(text).not.toMatch(/ST_GeomFromGeoJSON|unknown geojson type|lwgeom|XX000/i);
  });
});

describe('target and area coordinates (item 12)', () => {
  const square = (lon: number, lat: number) => [
    [
      [lon, lat],
      [lon + 0.001, lat],
      [lon + 0.001, lat + 0.001],
      [lon, lat + 0.001],
      [lon, lat],
    ],
  ];
  /** GeoJSON text: 1e999 parses to Infinity, which is how a file carries an "infinite" vertex. */
  function layer(properties: Record<string, unknown> = {}): Buffer {
    const good = { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: square(118.78, 32.04) } };
    const lat9999 = { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: square(118.78, 9999) } };
    const inf = JSON.stringify({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: square(118.78, 32.04) } }).replace(
      '[118.781,32.04]',
      '[1e999,32.04]',
    );
    const lon200 = { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [200, 32] } };
    const short = { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [118.78] } };
    const text = `{"type":"FeatureCollection","features":[${[JSON.stringify(good), JSON.stringify(lat9999), inf, JSON.stringify(lon200), JSON.stringify(short)].join(',')}]}`;
    expect(text).toContain('1e999');
    return Buffer.from(text);
  }

  it('a target dry run rejects each feature with a non-finite or out-of-range coordinate, with the vertex and the reason', async () => {
    const r = await importTargets(db.pool, sourceFromBuffer('hot.geojson', layer()), { class: 'hotspot' });
    expect(r.added).toBe(1);
    expect(r.rejected).toEqual([
      { feature: 2, reason: expect.stringMatching(/latitude 9999 .*-90/) },
      { feature: 3, reason: expect.stringMatching(/not a finite number/) },
      { feature: 4, reason: expect.stringMatching(/longitude 200 .*-180/) },
      { feature: 5, reason: expect.stringMatching(/position/) },
    ]);
  });

  it('admin areas are checked the same way', async () => {
    const r = await importAreas(db.pool, sourceFromBuffer('areas.geojson', layer({ code: '320106', name: 'A', level: 'county' })));
    expect(r.rejected.map((x) => x.feature)).toEqual([2, 3, 4, 5]);
    expect(r.added).toBe(1);
  });
});
