// Ledger format from the file name, else from the first bytes.
import type { ByteSource } from './source';
import { readHead } from './source';
import { LEDGER_FORMATS, type LedgerFormat } from './ledger-record';

export function isLedgerFormat(v: string): v is LedgerFormat {
  return (LEDGER_FORMATS as readonly string[]).includes(v);
}

export async function detectLedgerFormat(source: ByteSource): Promise<LedgerFormat> {
  const name = source.fileName.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.kml')) return 'kml';
  if (name.endsWith('.geojson')) return 'geojson';
  const head = await readHead(source, 4096);
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    // Overpass JSON: {"elements":[…]} or, as saved by some tools, the bare elements array.
    if (/"elements"\s*:/.test(text) || /"generator"\s*:\s*"Overpass/.test(text) || /^\[\s*\{\s*"type"\s*:\s*"(node|way)"/.test(text))
      return 'osm-json';
    return 'geojson';
  }
  if (text.startsWith('<')) {
    if (/<kml[\s>]/i.test(text)) return 'kml';
    if (/<Response[\s>]/.test(text) || /<CmdType>\s*Catalog/.test(text)) return 'gb28181';
  }
  if (name.endsWith('.json')) return 'geojson';
  if (name.endsWith('.xml')) return 'gb28181';
  throw new Error(`${source.fileName}: cannot tell the ledger format; pass --format (${LEDGER_FORMATS.join(', ')})`);
}
