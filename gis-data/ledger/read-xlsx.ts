// Excel ledgers (.xlsx): zip-bomb check first (check-zip.ts), then exceljs's streaming reader,
// first worksheet only, first non-empty row as the header. Formula cells give their cached
// result as text, never the formula. 20-digit device ids typed as numbers have lost digits in
// Excel already; they arrive here as numbers and are rejected with that explanation.
import ExcelJS from 'exceljs';
import type { ByteSource } from './source';
import { zipInputOf } from './source';
import { checkZip } from './check-zip';
import { MAX_WHOLE_FILE_BYTES, type LedgerReadResult, type LedgerRecord } from './ledger-record';

function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v !== 'object') return v;
  const o = v as { result?: unknown; formula?: unknown; text?: unknown; richText?: { text: string }[]; error?: unknown };
  if (o.richText !== undefined) return o.richText.map((r) => r.text).join('');
  if (o.formula !== undefined || 'sharedFormula' in o) return o.result === undefined ? undefined : cellValue(o.result);
  if (o.text !== undefined) return cellValue(o.text);
  if (o.error !== undefined) return undefined;
  return String(v);
}

export function readXlsxLedger(source: ByteSource): LedgerReadResult {
  async function* records(): AsyncGenerator<LedgerRecord> {
    const zipInput = await zipInputOf(source, MAX_WHOLE_FILE_BYTES);
    try {
      await checkZip(zipInput);
    } catch (err) {
      throw new Error(`${source.fileName}: refused as an Excel file (${(err as Error).message})`);
    }
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source.open(), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      let headers: string[] | undefined;
      for await (const row of sheet) {
        const vals = (row.values as unknown[]).map(cellValue);
        if (headers === undefined) {
          if (vals.every((v) => v === undefined || String(v).trim() === '')) continue;
          headers = vals.map((v) => (v === undefined ? '' : String(v).trim()));
          continue;
        }
        const values = Object.create(null) as Record<string, unknown>; // a header named __proto__ is a column
        let any = false;
        headers.forEach((h, i) => {
          if (h === '') return;
          const v = vals[i];
          if (v !== undefined && String(v).trim() !== '') any = true;
          values[h] = typeof v === 'string' ? v.trim() : v;
        });
        if (any) yield { row: row.number, values };
      }
      break; // first worksheet only
    }
  }
  return { records: records(), skipped: () => 0 };
}
