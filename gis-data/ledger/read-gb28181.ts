// GB/T 28181 Catalog responses (the XML a platform returns for a Catalog query):
// <Response><CmdType>Catalog</CmdType>…<DeviceList><Item><DeviceID/><Name/><Longitude/>
// <Latitude/><Owner/><Info><PTZType/>…</Info></Item>…</DeviceList></Response>.
// Items that are not cameras (type code not 131/132: platforms, civil-code and business-group
// nodes of the catalog tree) are skipped. Platforms often send GB2312; DOCTYPEs are refused.
import { XMLParser } from 'fast-xml-parser';
import type { ByteSource } from './source';
import { readAllLimited } from './source';
import { assertNoDoctype, decodeXmlBuffer } from './text-encoding';
import { MAX_WHOLE_FILE_BYTES, type LedgerReadResult, type LedgerRecord } from './ledger-record';

/** GB/T 28181-2016 Annex: PTZType 1 球机 (PTZ dome), 2 半球 (dome), 3 固定枪机 (fixed), 4 遥控枪机 (remote-controlled bullet). */
const PTZ_TYPE: Record<string, string> = { 1: 'ptz', 2: 'dome', 3: 'fixed', 4: 'fixed' };
/** DirectionType 1 东 … 8 西北 → degrees. */
const DIRECTION: Record<string, number> = { 1: 90, 2: 270, 3: 180, 4: 0, 5: 135, 6: 45, 7: 225, 8: 315 };

type Item = Record<string, unknown> & { Info?: Record<string, unknown> };

export function readGb28181Ledger(source: ByteSource): LedgerReadResult {
  let skipped = 0;
  async function* records(): AsyncGenerator<LedgerRecord> {
    const text = decodeXmlBuffer(await readAllLimited(source, MAX_WHOLE_FILE_BYTES), source.fileName);
    assertNoDoctype(text, source.fileName);
    const parser = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      processEntities: false,
      isArray: (name) => name === 'Item',
    });
    let doc: { Response?: { DeviceList?: { Item?: Item[] } } };
    try {
      doc = parser.parse(text) as typeof doc;
    } catch (err) {
      throw new Error(`${source.fileName}: not well-formed XML (${(err as Error).message})`);
    }
    const items = doc.Response?.DeviceList?.Item;
    if (items === undefined)
      throw new Error(`${source.fileName}: no <Response><DeviceList><Item> found; is this a GB/T 28181 Catalog response?`);
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      const id = String(it.DeviceID ?? '').trim();
      const typeCode = id.slice(10, 13);
      if (id.length === 20 && typeCode !== '131' && typeCode !== '132') {
        skipped += 1;
        continue;
      }
      const info = it.Info ?? {};
      const values: Record<string, unknown> = {
        device_id: id,
        name: it.Name,
        lon: it.Longitude,
        lat: it.Latitude,
        owner_unit: it.Owner,
        type: PTZ_TYPE[String(info.PTZType ?? it.PTZType ?? '')],
        azimuth_deg: DIRECTION[String(info.DirectionType ?? it.DirectionType ?? '')],
      };
      yield { row: i + 1, canonical: true, values };
    }
  }
  return { records: records(), skipped: () => skipped };
}
