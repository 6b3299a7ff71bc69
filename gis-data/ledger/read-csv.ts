// CSV ledgers, streamed: csv-parse yields one record at a time, so a 100,000-row file is never
// held whole. Delimiter comma, semicolon or tab; encoding detected (UTF-8, BOM, GBK/GB18030).
// Cells are kept as text: a cell like =cmd|' /C calc'!A0 is a name, never a formula.
import { parse } from 'csv-parse';
import type { ByteSource } from './source';
import { readHead } from './source';
import { decodeStream, detectTextEncoding } from './text-encoding';
import type { LedgerReadResult, LedgerRecord } from './ledger-record';

export function readCsvLedger(source: ByteSource): LedgerReadResult {
  async function* records(): AsyncGenerator<LedgerRecord> {
    const head = await readHead(source, 65536);
    if (head.includes(0)) throw new Error(`${source.fileName}: binary data (NUL bytes) in a CSV file`);
    const parser = source
      .open()
      .pipe(decodeStream(detectTextEncoding(head)))
      .pipe(
        parse({
          columns: (header: string[]) => header.map((h) => h.trim()),
          bom: true,
          delimiter: [',', ';', '\t'],
          relax_column_count: true,
          skip_empty_lines: true,
          trim: true,
          info: true,
          max_record_size: 1_000_000,
        }),
      );
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { row: item.info.lines, values: item.record };
    }
  }
  return { records: records(), skipped: () => 0 };
}
