// KML ledgers (Google Earth, 奥维 exports): Placemarks with a Point, columns in ExtendedData.
// The XML is refused outright when it declares a DOCTYPE or entities, then parsed by xmldom
// (which does not fetch external resources) and converted by @tmcw/togeojson.
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { ByteSource } from './source';
import { readAllLimited } from './source';
import { assertNoDoctype, decodeXmlBuffer } from './text-encoding';
import { featuresToRecords } from './read-geojson';
import { MAX_WHOLE_FILE_BYTES, type LedgerReadResult, type LedgerRecord } from './ledger-record';

export function readKmlLedger(source: ByteSource): LedgerReadResult {
  async function* records(): AsyncGenerator<LedgerRecord> {
    const text = decodeXmlBuffer(await readAllLimited(source, MAX_WHOLE_FILE_BYTES), source.fileName);
    assertNoDoctype(text, source.fileName);
    const doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(`${source.fileName}: not well-formed KML (${msg})`);
      },
    }).parseFromString(text, 'text/xml');
    if (doc.getElementsByTagName('kml').length === 0 && doc.getElementsByTagName('Placemark').length === 0) {
      throw new Error(`${source.fileName}: no <kml> document or <Placemark> found`);
    }
    const fc = kml(doc as unknown as Document);
    yield* featuresToRecords(fc.features as never[]);
  }
  return { records: records(), skipped: () => 0 };
}
