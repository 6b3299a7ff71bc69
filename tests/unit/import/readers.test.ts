import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFromBuffer, sourceFromFile } from '../../../gis-data/ledger/source';
import { readCsvLedger } from '../../../gis-data/ledger/read-csv';
import { readGb28181Ledger } from '../../../gis-data/ledger/read-gb28181';
import { readKmlLedger } from '../../../gis-data/ledger/read-kml';
import { readOsmJsonLedger } from '../../../gis-data/ledger/read-osm-json';
import { checkZip } from '../../../gis-data/ledger/check-zip';
import { detectLedgerFormat } from '../../../gis-data/ledger/detect-format';
import type { LedgerReadResult, LedgerRecord } from '../../../gis-data/ledger/ledger-record';
import { zipOfZeros } from '../../fixtures/import/make-zip';

const fx = (name: string): string => join(import.meta.dirname, '../../fixtures/import', name);

async function all(r: LedgerReadResult): Promise<LedgerRecord[]> {
  const out: LedgerRecord[] = [];
  for await (const rec of r.records) out.push(rec);
  return out;
}

describe('CSV ledgers', () => {
  it('detects GBK encoding so Chinese headers and names survive', async () => {
    const recs = await all(readCsvLedger(sourceFromFile(fx('ledger-zh-gbk.csv'))));
    expect(recs).toHaveLength(2);
    expect(recs[0]!.values['点位名称']).toBe('新街口东北角');
    expect(recs[0]!.row).toBe(2);
  });
  it('strips a UTF-8 BOM so the first header still maps', async () => {
    const recs = await all(readCsvLedger(sourceFromFile(fx('ledger-zh-utf8-bom.csv'))));
    expect(Object.keys(recs[0]!.values)[0]).toBe('设备编码');
  });
  it('keeps a formula-looking cell as plain text', async () => {
    const recs = await all(readCsvLedger(sourceFromFile(fx('ledger-formula.csv'))));
    expect(recs[0]!.values.name).toBe("=cmd|' /C calc'!A0");
  });
  it('refuses binary garbage (NUL bytes) instead of importing nonsense rows', async () => {
    const garbage = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    await expect(all(readCsvLedger(sourceFromBuffer('garbage.csv', garbage)))).rejects.toThrow(/binary/);
  });
});

describe('XML ledgers', () => {
  it('reads a GB2312 GB/T 28181 catalog and skips non-camera catalog nodes', async () => {
    const r = readGb28181Ledger(sourceFromFile(fx('catalog-gb28181.xml')));
    const recs = await all(r);
    expect(r.skipped()).toBe(1);
    expect(recs.map((x) => x.values.device_id)).toEqual(['32010600001310000101', '32010600001320000102']);
    expect(recs[0]!.values).toMatchObject({ name: '新街口广场东', type: 'fixed', azimuth_deg: 90, owner_unit: '南京市公安局' });
  });
  it('refuses a catalog with an external entity (XXE)', async () => {
    await expect(all(readGb28181Ledger(sourceFromFile(fx('xxe-catalog.xml'))))).rejects.toThrow(/DOCTYPE|ENTITY/);
  });
  it('refuses a KML billion-laughs document', async () => {
    await expect(all(readKmlLedger(sourceFromFile(fx('billion-laughs.kml'))))).rejects.toThrow(/DOCTYPE|ENTITY/);
  });
  it('reads KML placemarks with ExtendedData columns', async () => {
    const recs = await all(readKmlLedger(sourceFromFile(fx('ledger.kml'))));
    expect(recs).toHaveLength(2);
    expect(recs[0]!.position).toEqual([118.78, 32.042]);
    expect(recs[0]!.values['设备编码']).toBe('32010600001320000071');
  });
});

describe('OSM Overpass JSON', () => {
  it('turns camera nodes into canonical rows and skips guards', async () => {
    const r = readOsmJsonLedger(sourceFromFile(fx('osm-cameras.overpass.json')), '32010000');
    const recs = await all(r);
    expect(recs).toHaveLength(3);
    expect(r.skipped()).toBe(1);
    expect(recs[0]!.values).toMatchObject({ azimuth_deg: 180, tilt_deg: 15, height_m: 5, type: 'fixed' });
    expect(recs[2]!.ptzPresets).toHaveLength(3);
  });
});

describe('zip bombs', () => {
  it('refuses an archive whose entry inflates 1000:1', async () => {
    await expect(checkZip(zipOfZeros('xl/worksheets/sheet1.xml', 8 * 1024 * 1024))).rejects.toThrow(/zip bomb/);
  });
  it('accepts a modest archive', async () => {
    await expect(checkZip(zipOfZeros('a.txt', 1000))).resolves.toEqual(['a.txt']);
  });
});

describe('format detection', () => {
  it('tells the formats apart by name and content', async () => {
    expect(await detectLedgerFormat(sourceFromFile(fx('osm-cameras.overpass.json')))).toBe('osm-json');
    expect(await detectLedgerFormat(sourceFromFile(fx('catalog-gb28181.xml')))).toBe('gb28181');
    expect(await detectLedgerFormat(sourceFromBuffer('x.json', Buffer.from('{"type":"FeatureCollection","features":[]}')))).toBe('geojson');
  });
});
